// The login session on this phone: the bearer token, when it expires, and (in the browser) which
// simulator identity it belongs to, so an expired session can be renewed without asking again.
import Taro from '@tarojs/taro';
import type { SimIdentity } from '../../../contract/auth';

export interface Session {
  token: string;
  /** ISO time after which the server no longer accepts the token. */
  expiresAt: string;
  /** Who the token belongs to: the sharer id put in share links. */
  userId?: string;
}

const SESSION_KEY = 'cunshop.session';
const IDENTITY_KEY = 'cunshop.simIdentity';

function read<T>(key: string): T | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return value === '' || value === undefined || value === null ? null : (value as T);
  } catch {
    return null;
  }
}

/** The stored session, or null when there is none or it has expired. */
export function loadSession(now: number = Date.now()): Session | null {
  const session = read<Session>(SESSION_KEY);
  if (!session || typeof session.token !== 'string' || !session.token) return null;
  const expires = Date.parse(session.expiresAt);
  if (Number.isFinite(expires) && expires <= now) return null;
  return session;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
}

/** The simulator identity last logged in as (browser only); kept when a token expires. */
export function loadSimIdentity(): SimIdentity | null {
  return read<SimIdentity>(IDENTITY_KEY);
}

export function saveSimIdentity(identity: SimIdentity | null): void {
  if (identity) Taro.setStorageSync(IDENTITY_KEY, identity);
  else Taro.removeStorageSync(IDENTITY_KEY);
}

/** The logged-in user's id, when known, without asking the server. */
export function sessionUserId(): string | null {
  return loadSession()?.userId ?? null;
}
