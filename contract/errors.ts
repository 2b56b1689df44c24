// Every API error, on every endpoint, has this body. `code` is stable and machine-readable;
// the mini-program maps each code to a human message (miniprogram/src/i18n).
import { z } from './openapi';
import type { ContentLabel } from './content-labels';

export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'BAD_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'RATE_LIMITED',
  'VERSION_CONFLICT',
  'CONTENT_RISKY',
  'SHOP_ALREADY_OPEN',
  'SHOP_SUSPENDED',
  'OUT_OF_STOCK',
  'SHOP_NOT_ACCEPTING_ORDERS',
  'PRODUCT_UNAVAILABLE',
  'NOT_SHIPPED_TO',
  'PRICE_CHANGED',
  'ORDER_NOT_PAYABLE',
  'ORDER_NOT_CANCELLABLE',
  'ORDER_NOT_SHIPPABLE',
  'ORDER_NOT_RECEIVABLE',
  'ADDRESS_BOOK_FULL',
  'PAYMENT_UNAVAILABLE',
  'REFUND_NOT_ALLOWED',
  'REFUND_TOO_LARGE',
  'REFUND_REQUEST_OPEN',
  'WECHAT_CODE_INVALID',
  'WECHAT_CODE_USED',
  'WECHAT_RATE_LIMITED',
  'WECHAT_RISKY_USER',
  'WECHAT_BUSY',
  'WECHAT_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One entry per bad field: `path` is the dotted field name, e.g. `variants.0.priceFen`. */
export const FieldIssue = z.object({ path: z.string(), message: z.string(), code: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** `details` of VALIDATION_FAILED: every bad field. */
export interface ValidationDetails {
  fields: FieldIssue[];
}

/** `details` of CONTENT_RISKY: WeChat's verdict, so the seller can see what to change. */
export interface ContentRiskyDetails {
  suggest: 'risky';
  /** WeChat's label: 10001 advertising, 20001 politics, 20002 porn, 20003 abuse, … */
  label: number;
  /** The label's name; the mini-program says it in words (contentLabel.<name>). */
  labelName: ContentLabel;
  /** The words that were caught, when WeChat says. */
  keywords: string[];
}

/** `details` of OUT_OF_STOCK and PRODUCT_UNAVAILABLE: which line, and how many packs are left. */
export interface StockProblemDetails {
  productId: string;
  variantId: string;
  available: number;
}

/** `details` of NOT_SHIPPED_TO: the province the shop does not ship to. */
export interface NotShippedToDetails {
  province: { code: string; name: string };
}

/** `details` of the ORDER_NOT_* codes: the order's status now, so the phone can refresh. */
export interface OrderStateDetails {
  status: string;
}

/** `details` of REFUND_TOO_LARGE: the most that may be refunded now. */
export interface RefundTooLargeDetails {
  refundableFen: number;
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      requestId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;
