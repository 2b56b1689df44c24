// The shape every message catalogue has: one entry per UI text and one per error code, so a
// new server ErrorCode without a human message fails the type check instead of reaching a phone.
import type { ErrorCode } from '../../../contract/errors';

/** Failures the client detects itself, with no server answer to carry a code. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'LOGIN_REQUIRED' | 'SIMULATOR_OFF' | 'UNKNOWN';

type UiKey =
  | 'app.name'
  | 'tab.home'
  | 'tab.orders'
  | 'tab.me'
  | 'home.subtitle'
  | 'home.emptyTitle'
  | 'home.emptyHint'
  | 'orders.title'
  | 'orders.emptyTitle'
  | 'orders.emptyHint'
  | 'me.title'
  | 'me.loading'
  | 'me.loginTitle'
  | 'me.notLoggedIn'
  | 'me.loginHint'
  | 'me.loginAsSeller'
  | 'me.loginAsBuyer'
  | 'me.loginAsNew'
  | 'me.nickname'
  | 'me.nicknamePlaceholder'
  | 'me.saveNickname'
  | 'me.nicknameSaved'
  | 'me.nicknameEmpty'
  | 'me.nicknameTooLong'
  | 'me.changeAvatar'
  | 'me.avatarSaved'
  | 'me.roles'
  | 'me.sellerCentre'
  | 'me.logout'
  | 'me.retry'
  | 'role.buyer'
  | 'role.seller'
  | 'role.operator'
  | 'seller.title'
  | 'seller.comingSoon'
  | 'seller.hint';

/** Every code a failed call can end with: the server's (contract) or the client's own. */
export type FailureCode = ErrorCode | ClientErrorCode;

export type MessageKey = UiKey | `error.${FailureCode}`;
export type Messages = Record<MessageKey, string>;
