// WeChat Pay (API v3) in the simulator: the operations behind its merchant API and its controls —
// prepay, pay (the buyer's side), close, refund and settle — with WeChat's rules and error codes,
// and the notifications each sends. Routes: pay-routes.ts (merchant API), pay-sheet.ts (controls).
import { privateKeyFromPem, publicKeyFromPem } from '../pay/crypto';
import { PayError, type KnownMerchant, type Signer } from './pay-http';
import { PayNotifier, type NotifyFault } from './pay-notifier';
import { PayState, PREPAY_TTL_MS, REFUNDS_PER_ORDER_MAX, type PrepayInput, type RefundState, type SimPayOrder, type SimRefund } from './pay-state';
import type { SimulatorPayOptions } from './pay-types';
import { ShippingState } from './shipping-info';

export type { SimulatorPayOptions } from './pay-types';

/** Refunds settle this long after they are asked for, unless the options say otherwise. */
export const DEFAULT_REFUND_SETTLE_MS = 1000;

/** What /dev/pay can make go wrong with the notification (no_notify: paid, but never told). */
export type PayInject = NotifyFault | 'wrong_amount' | 'no_notify';

export type { PrepayInput };

export interface RefundInput {
  subMchid: string | null;
  outTradeNo: string | null;
  transactionId: string | null;
  outRefundNo: string;
  reason: string | null;
  notifyUrl: string | null;
  refundFen: number;
  totalFen: number;
}

/** An error to answer the next merchant API call with (tests of our client's retries). */
export interface InjectedFailure {
  status: number;
  code: string;
  message: string;
}

const REFUND_EVENTS: Record<Exclude<RefundState, 'PROCESSING'>, { eventType: string; summary: string }> = {
  SUCCESS: { eventType: 'REFUND.SUCCESS', summary: '退款成功' },
  ABNORMAL: { eventType: 'REFUND.ABNORMAL', summary: '退款异常' },
  CLOSED: { eventType: 'REFUND.CLOSED', summary: '退款关闭' },
};

export class SimulatorPay {
  readonly state: PayState;
  readonly notifier: PayNotifier;
  readonly merchants = new Map<string, KnownMerchant>();
  readonly signer: Signer;
  readonly shipping = new ShippingState();
  readonly refundSettleMs: number | null;
  failNext: InjectedFailure | null = null;
  private readonly settleTimers = new Set<NodeJS.Timeout>();

  constructor(opts: SimulatorPayOptions, readonly now: () => number) {
    for (const m of opts.merchants) {
      this.merchants.set(m.mchid, { ...m, publicKey: publicKeyFromPem(m.publicKeyPem), apiV3KeyBytes: Buffer.from(m.apiV3Key, 'utf8') });
    }
    this.state = new PayState(now);
    this.signer = { serial: opts.platform.publicKeyId, key: privateKeyFromPem(opts.platform.privateKeyPem), now };
    this.notifier = new PayNotifier({ platformSerial: this.signer.serial, platformKey: this.signer.key, timeScale: opts.notifyTimeScale ?? 1, now });
    this.refundSettleMs = opts.refundSettleMs === undefined ? DEFAULT_REFUND_SETTLE_MS : opts.refundSettleMs;
  }

  /** Cancels every pending notification, retry and refund settlement (tests call it in afterAll). */
  stop(): void {
    this.notifier.stop();
    for (const t of this.settleTimers) clearTimeout(t);
    this.settleTimers.clear();
  }

  merchantOf(order: SimPayOrder): KnownMerchant {
    const m = this.merchants.get(order.mchid);
    if (!m) throw new Error('order of an unknown merchant');
    return m;
  }

  /** Partner mode: the sub-merchant must be one the service provider serves. */
  checkSubMchid(merchant: KnownMerchant, subMchid: string): void {
    if (!merchant.subMchids.includes(subMchid)) throw new PayError(400, 'INVALID_REQUEST', `受理关系不存在：特约商户${subMchid}不是服务商${merchant.mchid}的子商户`);
  }

  /** JSAPI prepay: a new order, or the same prepay_id again for the same order asked twice. */
  prepay(merchant: KnownMerchant, input: PrepayInput): string {
    if (input.mchid !== merchant.mchid) throw new PayError(400, 'PARAM_ERROR', `${input.partner ? 'sp_mchid' : 'mchid'}与请求头Authorization中的商户号不一致`);
    if (!merchant.appids.includes(input.appid)) throw new PayError(400, 'APPID_MCHID_NOT_MATCH', `${input.partner ? 'sp_appid' : 'appid'}和mchid不匹配`);
    if (input.partner && input.subMchid) this.checkSubMchid(merchant, input.subMchid);
    const now = this.now();
    if (input.expiresAt !== null && input.expiresAt <= now) throw new PayError(400, 'PARAM_ERROR', 'time_expire须晚于当前时间');
    const existing = this.state.findOrder(input.mchid, input.subMchid, input.outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS') throw new PayError(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new PayError(400, 'ORDER_CLOSED', '订单已关闭');
      const same =
        existing.appid === input.appid &&
        existing.openid === input.openid &&
        existing.totalFen === input.totalFen &&
        existing.description === input.description &&
        existing.subAppid === input.subAppid;
      if (!same) throw new PayError(400, 'INVALID_REQUEST', '201 商户订单号重复');
      if (existing.prepayExpiresAt <= now) {
        existing.prepayId = this.state.newPrepayId();
        existing.prepayExpiresAt = now + PREPAY_TTL_MS;
      }
      return existing.prepayId;
    }
    const order: SimPayOrder = {
      ...input,
      prepayId: this.state.newPrepayId(),
      prepayExpiresAt: now + PREPAY_TTL_MS,
      state: 'NOTPAY',
      transactionId: null,
      successAt: null,
      createdAt: now,
    };
    this.state.orders.set(this.state.orderKey(order), order);
    return order.prepayId;
  }

  /** Why this order cannot be paid now, in WeChat's words; null when it can. */
  payProblem(order: SimPayOrder): { code: string; message: string } | null {
    if (order.state === 'SUCCESS') return { code: 'ORDERPAID', message: '该订单已支付，请勿重复支付' };
    if (order.state === 'CLOSED') return { code: 'ORDER_CLOSED', message: '该订单已关闭，请重新下单' };
    if (order.expiresAt !== null && order.expiresAt <= this.now()) return { code: 'ORDER_EXPIRED', message: '该订单已超过支付时间，请重新下单' };
    return null;
  }

  /** The buyer pays: the order becomes SUCCESS and its notification goes out (or a faulty one). */
  pay(order: SimPayOrder, inject?: PayInject): string {
    const problem = this.payProblem(order);
    if (problem) throw new PayError(400, problem.code, problem.message);
    order.state = 'SUCCESS';
    order.transactionId = this.state.newTransactionId();
    order.successAt = this.now();
    if (inject === 'no_notify') return order.transactionId;
    const forged = inject === 'wrong_amount' ? order.totalFen + 1 : undefined;
    this.notifier.send(
      {
        url: order.notifyUrl,
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        plaintext: JSON.stringify(this.state.transactionJson(order, forged)),
        associatedData: 'transaction',
        apiV3Key: this.merchantOf(order).apiV3KeyBytes,
      },
      inject === 'wrong_amount' ? undefined : inject,
    );
    return order.transactionId;
  }

  /** Close: an unpaid order can no longer be paid; closing twice is harmless. */
  close(order: SimPayOrder): void {
    if (order.state === 'SUCCESS') throw new PayError(400, 'ORDERPAID', '订单已支付，不能关闭');
    order.state = 'CLOSED';
  }

  /** Domestic refund: idempotent per out_refund_no, never beyond what remains of the payment. */
  refund(merchant: KnownMerchant, input: RefundInput): SimRefund {
    if (input.subMchid) this.checkSubMchid(merchant, input.subMchid);
    const order = input.transactionId
      ? this.state.findByTransactionId(input.transactionId)
      : this.state.findOrder(merchant.mchid, input.subMchid, input.outTradeNo ?? '');
    if (!order || order.mchid !== merchant.mchid || order.subMchid !== input.subMchid) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const key = this.state.refundKey(merchant.mchid, input.subMchid, input.outRefundNo);
    const existing = this.state.refunds.get(key);
    if (existing) {
      if (existing.orderKey !== this.state.orderKey(order) || existing.refundFen !== input.refundFen) {
        throw new PayError(400, 'INVALID_REQUEST', '商户退款单号已存在，但请求参数与原退款请求不一致');
      }
      return existing;
    }
    if (order.state !== 'SUCCESS') throw new PayError(400, 'INVALID_REQUEST', '订单未支付，无法退款');
    if (input.totalFen !== order.totalFen) throw new PayError(400, 'PARAM_ERROR', '订单金额amount.total与原订单金额不一致');
    if (this.state.refundsOf(order).length >= REFUNDS_PER_ORDER_MAX) throw new PayError(400, 'INVALID_REQUEST', '部分退款次数超过50次');
    if (input.refundFen > order.totalFen - this.state.refundedFen(order)) throw new PayError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: SimRefund = {
      orderKey: this.state.orderKey(order),
      outRefundNo: input.outRefundNo,
      refundId: this.state.newRefundId(),
      refundFen: input.refundFen,
      reason: input.reason,
      notifyUrl: input.notifyUrl,
      status: 'PROCESSING',
      createdAt: this.now(),
      successAt: null,
    };
    this.state.refunds.set(key, refund);
    if (this.refundSettleMs !== null) {
      const timer = setTimeout(() => {
        this.settleTimers.delete(timer);
        if (refund.status === 'PROCESSING') this.settleRefund(refund, 'SUCCESS');
      }, this.refundSettleMs);
      timer.unref();
      this.settleTimers.add(timer);
    }
    return refund;
  }

  /**
   * A refund's outcome: SUCCESS (the money is back), ABNORMAL (stuck: the buyer's card is gone),
   * CLOSED (it did not happen). Notified to the refund's notify_url when it gave one.
   */
  settleRefund(refund: SimRefund, status: Exclude<RefundState, 'PROCESSING'>): void {
    const allowed = refund.status === 'PROCESSING' || (refund.status === 'ABNORMAL' && status !== 'ABNORMAL');
    if (!allowed) throw new PayError(409, 'INVALID_REQUEST', `退款已是${refund.status}，不能改为${status}`);
    refund.status = status;
    refund.successAt = status === 'SUCCESS' ? this.now() : null;
    const order = this.state.orders.get(refund.orderKey);
    if (!refund.notifyUrl || !order) return;
    this.notifier.send({
      url: refund.notifyUrl,
      ...REFUND_EVENTS[status],
      plaintext: JSON.stringify(this.state.refundNotificationJson(refund)),
      associatedData: 'refund',
      apiV3Key: this.merchantOf(order).apiV3KeyBytes,
    });
  }
}
