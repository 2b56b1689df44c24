// What the simulated WeChat Pay remembers: orders (prepays and their transactions) and refunds,
// with WeChat's id formats and the JSON it answers for them. In memory, like the rest of the
// simulator; the HTTP routes and the notifier live in their own modules.
import { randomInt, randomBytes } from 'node:crypto';
import { beijingTime } from '../pay/time';

/** A prepay_id is good for two hours. */
export const PREPAY_TTL_MS = 2 * 3600_000;
/** WeChat Pay allows at most 50 refunds of one transaction. */
export const REFUNDS_PER_ORDER_MAX = 50;

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED';
export type RefundState = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

/** What a merchant asked for in a prepay (direct: appid/mchid; partner: sp_appid/sp_mchid with sub_mchid). */
export interface PrepayInput {
  partner: boolean;
  appid: string;
  mchid: string;
  subMchid: string | null;
  subAppid: string | null;
  openid: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  notifyUrl: string;
  attach: string | null;
  /** ms; null when the merchant set no time_expire. */
  expiresAt: number | null;
}

export interface SimPayOrder extends PrepayInput {
  prepayId: string;
  prepayExpiresAt: number;
  state: TradeState;
  transactionId: string | null;
  successAt: number | null;
  createdAt: number;
}

export interface SimRefund {
  orderKey: string;
  outRefundNo: string;
  refundId: string;
  refundFen: number;
  reason: string | null;
  notifyUrl: string | null;
  status: RefundState;
  createdAt: number;
  successAt: number | null;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';


const orderKeyOf = (mchid: string, subMchid: string | null, outTradeNo: string) => `${mchid}|${subMchid ?? ''}|${outTradeNo}`;

export class PayState {
  readonly orders = new Map<string, SimPayOrder>();
  readonly refunds = new Map<string, SimRefund>();

  constructor(readonly now: () => number) {}

  orderKey(o: Pick<SimPayOrder, 'mchid' | 'subMchid' | 'outTradeNo'>): string {
    return orderKeyOf(o.mchid, o.subMchid, o.outTradeNo);
  }

  findOrder(mchid: string, subMchid: string | null, outTradeNo: string): SimPayOrder | undefined {
    return this.orders.get(orderKeyOf(mchid, subMchid, outTradeNo));
  }

  findByTransactionId(transactionId: string): SimPayOrder | undefined {
    for (const o of this.orders.values()) if (o.transactionId === transactionId) return o;
    return undefined;
  }

  findByPrepayId(prepayId: string): SimPayOrder | undefined {
    for (const o of this.orders.values()) if (o.prepayId === prepayId) return o;
    return undefined;
  }

  refundKey(mchid: string, subMchid: string | null, outRefundNo: string): string {
    return `${mchid}|${subMchid ?? ''}|${outRefundNo}`;
  }

  refundsOf(order: SimPayOrder): SimRefund[] {
    const key = this.orderKey(order);
    return [...this.refunds.values()].filter((r) => r.orderKey === key);
  }

  /** Refunded or on its way (a closed refund gave nothing back, an abnormal one is still owed). */
  refundedFen(order: SimPayOrder): number {
    return this.refundsOf(order).reduce((sum, r) => sum + (r.status === 'CLOSED' ? 0 : r.refundFen), 0);
  }

  /** wx + 32 characters. */
  newPrepayId(): string {
    return 'wx' + Array.from(randomBytes(32), (b) => ALNUM[b % ALNUM.length]).join('');
  }

  /** 28 digits, the date in the middle as WeChat's are (4200001858 20230630 0646157659). */
  newTransactionId(): string {
    const date = beijingTime(this.now()).slice(0, 10).replace(/-/g, '');
    return `42000${digits(5)}${date}${digits(10)}`;
  }

  /** 29 digits. */
  newRefundId(): string {
    return `50${digits(27)}`;
  }

  /** The trade_state WeChat shows: a paid order with any refund not closed is "转入退款". */
  tradeState(order: SimPayOrder): TradeState | 'REFUND' {
    if (order.state === 'SUCCESS' && this.refundsOf(order).some((r) => r.status !== 'CLOSED')) return 'REFUND';
    return order.state;
  }

  /** The transaction JSON of a query or a TRANSACTION.SUCCESS notification. */
  transactionJson(order: SimPayOrder, amountOverride?: number): Record<string, unknown> {
    const state = this.tradeState(order);
    const ids = order.partner
      ? { sp_appid: order.appid, sp_mchid: order.mchid, ...(order.subAppid ? { sub_appid: order.subAppid } : {}), sub_mchid: order.subMchid }
      : { appid: order.appid, mchid: order.mchid };
    const base: Record<string, unknown> = {
      ...ids,
      out_trade_no: order.outTradeNo,
      trade_state: state,
      trade_state_desc: TRADE_STATE_DESC[state],
    };
    if (order.state !== 'SUCCESS' || !order.transactionId || order.successAt === null) {
      return { ...base, amount: { total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' } };
    }
    const total = amountOverride ?? order.totalFen;
    return {
      ...base,
      transaction_id: order.transactionId,
      trade_type: 'JSAPI',
      bank_type: 'OTHERS',
      ...(order.attach !== null ? { attach: order.attach } : {}),
      success_time: beijingTime(order.successAt),
      payer: order.partner ? { sp_openid: order.openid } : { openid: order.openid },
      amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  /** What the refund API answers (create and query). */
  refundJson(refund: SimRefund): Record<string, unknown> {
    const order = this.orders.get(refund.orderKey);
    if (!order) throw new Error('refund without its order');
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(refund.successAt !== null ? { success_time: beijingTime(refund.successAt) } : {}),
      create_time: beijingTime(refund.createdAt),
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: order.totalFen,
        refund: refund.refundFen,
        payer_total: order.totalFen,
        payer_refund: refund.refundFen,
        settlement_refund: refund.refundFen,
        settlement_total: order.totalFen,
        discount_refund: 0,
        currency: 'CNY',
      },
      promotion_detail: [],
    };
  }

  /** The plaintext of a REFUND.* notification. */
  refundNotificationJson(refund: SimRefund): Record<string, unknown> {
    const order = this.orders.get(refund.orderKey);
    if (!order) throw new Error('refund without its order');
    return {
      ...(order.partner ? { sp_mchid: order.mchid, sub_mchid: order.subMchid } : { mchid: order.mchid }),
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      ...(refund.successAt !== null ? { success_time: beijingTime(refund.successAt) } : {}),
      amount: { total: order.totalFen, refund: refund.refundFen, payer_total: order.totalFen, payer_refund: refund.refundFen },
      user_received_account: '支付用户零钱',
    };
  }
}

const TRADE_STATE_DESC: Record<TradeState | 'REFUND', string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '订单已关闭',
};
