// Errors are values with codes. Domain code throws AppError; the error middleware (http/errors.ts)
// is the one place that turns any error into `{ error: { code, message, details } }`.
import type { ErrorCode, FieldIssue, ValidationDetails } from '../../contract/errors';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  VERSION_CONFLICT: 409,
  CONTENT_RISKY: 422,
  SHOP_ALREADY_OPEN: 409,
  SHOP_SUSPENDED: 403,
  OUT_OF_STOCK: 409,
  SHOP_NOT_ACCEPTING_ORDERS: 409,
  PRODUCT_UNAVAILABLE: 409,
  NOT_SHIPPED_TO: 422,
  PRICE_CHANGED: 409,
  ORDER_NOT_PAYABLE: 409,
  ORDER_NOT_CANCELLABLE: 409,
  ORDER_NOT_SHIPPABLE: 409,
  ORDER_NOT_RECEIVABLE: 409,
  PAYMENT_UNAVAILABLE: 409,
  REFUND_NOT_ALLOWED: 409,
  REFUND_TOO_LARGE: 422,
  REFUND_REQUEST_OPEN: 409,
  ADDRESS_BOOK_FULL: 409,
  WECHAT_CODE_INVALID: 400,
  WECHAT_CODE_USED: 400,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_RISKY_USER: 403,
  WECHAT_BUSY: 503,
  WECHAT_UNAVAILABLE: 502,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const validationError = (issues: FieldIssue[]) =>
  new AppError(
    'VALIDATION_FAILED',
    `Invalid ${issues.map((i) => i.path || 'body').join(', ')}`,
    { fields: issues } satisfies ValidationDetails,
  );

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** An edit made against a version that is no longer current; the client reloads and redoes it. */
export const versionConflict = (what: string, current: number) =>
  new AppError('VERSION_CONFLICT', `This ${what} was changed by someone else; reload it and make your change again`, { currentVersion: current });
