// WeChat Pay's JSON as it crosses the wire (transactions, refunds, refund notifications), checked
// with zod and turned into our camelCase shapes. WeChat's field names stay in this module.
import { z } from 'zod';
import { parseWeChatTime } from './time';

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];
export const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface TransactionResult {
  outTradeNo: string;
  transactionId: string | null;
  tradeState: TradeState;
  amountTotalFen: number;
  /** sp_appid in partner mode. */
  appid: string;
  /** sp_mchid in partner mode. */
  mchid: string;
  subMchid: string | null;
  /** openid (sp_openid in partner mode) of who paid. */
  payerOpenid: string | null;
  successTime: Date | null;
}

export interface RefundResult {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  status: RefundStatus;
  refundFen: number;
  totalFen: number;
  successTime: Date | null;
}

const fen = z.number().int().min(0);
const str = z.string().min(1);
const optionalStr = z.string().nullish();

/** A transaction: the query's answer and TRANSACTION.SUCCESS's resource (direct or partner fields). */
const TransactionWire = z
  .object({
    appid: optionalStr,
    mchid: optionalStr,
    sp_appid: optionalStr,
    sp_mchid: optionalStr,
    sub_mchid: optionalStr,
    out_trade_no: str,
    transaction_id: optionalStr,
    trade_state: z.enum(TRADE_STATES),
    success_time: optionalStr,
    payer: z.object({ openid: optionalStr, sp_openid: optionalStr }).partial().nullish(),
    amount: z.object({ total: fen }),
  })
  .passthrough();

export function toTransaction(json: unknown): TransactionResult | null {
  const parsed = TransactionWire.safeParse(json);
  if (!parsed.success) return null;
  const t = parsed.data;
  const appid = t.sp_appid ?? t.appid;
  const mchid = t.sp_mchid ?? t.mchid;
  if (!appid || !mchid) return null;
  return {
    outTradeNo: t.out_trade_no,
    transactionId: t.transaction_id || null,
    tradeState: t.trade_state,
    amountTotalFen: t.amount.total,
    appid,
    mchid,
    subMchid: t.sub_mchid || null,
    payerOpenid: t.payer?.sp_openid || t.payer?.openid || null,
    successTime: parseWeChatTime(t.success_time),
  };
}

/** A refund as the refund API and the refund query answer it. */
const RefundWire = z
  .object({
    refund_id: str,
    out_refund_no: str,
    out_trade_no: str,
    status: z.enum(REFUND_STATUSES),
    success_time: optionalStr,
    amount: z.object({ refund: fen, total: fen }),
  })
  .passthrough();

export function toRefund(json: unknown): RefundResult | null {
  const parsed = RefundWire.safeParse(json);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    refundId: r.refund_id,
    status: r.status,
    refundFen: r.amount.refund,
    totalFen: r.amount.total,
    successTime: parseWeChatTime(r.success_time),
  };
}

/** A refund notification's resource: the status is `refund_status` here, and the merchant is named. */
const RefundNotificationWire = z
  .object({
    mchid: optionalStr,
    sp_mchid: optionalStr,
    sub_mchid: optionalStr,
    refund_id: str,
    out_refund_no: str,
    out_trade_no: str,
    refund_status: z.enum(REFUND_STATUSES),
    success_time: optionalStr,
    amount: z.object({ refund: fen, total: fen }),
  })
  .passthrough();

export function toRefundNotification(json: unknown): (RefundResult & { mchid: string; subMchid: string | null }) | null {
  const parsed = RefundNotificationWire.safeParse(json);
  if (!parsed.success) return null;
  const r = parsed.data;
  const mchid = r.sp_mchid ?? r.mchid;
  if (!mchid) return null;
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    refundId: r.refund_id,
    status: r.refund_status,
    refundFen: r.amount.refund,
    totalFen: r.amount.total,
    successTime: parseWeChatTime(r.success_time),
    mchid,
    subMchid: r.sub_mchid || null,
  };
}

/** WeChat Pay's error body. */
export const ErrorWire = z.object({ code: z.string(), message: z.string().optional() }).passthrough();

/** A notification's envelope; `resource` is decrypted separately. */
export const NotificationWire = z
  .object({
    id: str,
    event_type: str,
    resource: z.object({
      algorithm: z.literal('AEAD_AES_256_GCM'),
      ciphertext: str,
      nonce: str,
      associated_data: z.string().nullish(),
    }).passthrough(),
  })
  .passthrough();
