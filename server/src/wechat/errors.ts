// WeChat's errcodes, mapped once to ours. Only the ones a user or operator can act on get their own code.
import { AppError } from '../errors';

export const WX = {
  BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  ACCESS_TOKEN_EXPIRED: 42001,
  RATE_LIMITED: 45011,
  HIGH_RISK_USER: 40226,
} as const;

export function wechatError(errcode: number, errmsg: string | undefined, api: string): AppError {
  switch (errcode) {
    case WX.INVALID_CODE:
      return new AppError('WECHAT_CODE_INVALID', 'The WeChat login code is invalid or expired; please log in again');
    case WX.CODE_USED:
      return new AppError('WECHAT_CODE_USED', 'This WeChat login code was already used; please log in again');
    case WX.RATE_LIMITED:
      return new AppError('WECHAT_RATE_LIMITED', 'Too many login attempts; please wait a minute');
    case WX.HIGH_RISK_USER:
      return new AppError('WECHAT_RISKY_USER', 'WeChat blocked this login as high-risk');
    case WX.BUSY:
      return new AppError('WECHAT_BUSY', 'WeChat is busy; please try again shortly');
    default:
      return new AppError('WECHAT_UNAVAILABLE', `WeChat ${api} failed`, { errcode, errmsg });
  }
}
