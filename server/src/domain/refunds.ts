// Money back. Every refund first takes its amount from the order's `refundableFen` in ONE guarded
// update that also records it (so refunds together never exceed what was paid, however many run
// at once), then asks WeChat Pay with its own out_refund_no (the same on every retry, so it is
// refunded once). WeChat's answer, its notifications and the refund job's queries settle it:
// success, abnormal (the seller settles by hand), or closed (the amount becomes refundable again).
// Direct payments are refunded by the seller themselves ("offline") and recorded as done.
import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import type { AnswerRefundRequest, RefundKind, RefundStatus, RequestRefundRequest, SellerRefundRequest } from '../../../contract/payments';
import type { RefundTooLargeDetails } from '../../../contract/errors';
import { yuan } from './units-text';
import { AppError, notFound } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord, StoredRefund } from '../models/order';
import { WeChatPayError, type RefundResult } from '../wechat/pay/client';
import { authorizeAction } from '../policies/shops';
import { orderPolicy } from '../policies/orders';
import { refundPolicy, SELLER_REFUNDABLE_STATUSES } from '../policies/payments';
import { orderToView, type OrderWithShop } from './orders';
import { entry, type ActedBy } from './order-transitions';
import { returnOrderStock } from './order-stock';
import { recordCustomerRefund } from './customers';

/** After a refund is sent, WeChat usually settles it within minutes; the job asks after this. */
const CHECK_AFTER_SUBMIT_MS = 5 * 60_000;
/** When WeChat could not be reached, the job tries again after this. */
const RETRY_MS = 60_000;

export interface RefundStart {
  amountFen: number;
  kind: RefundKind;
  reason: string;
  by: ActedBy;
}

/** More conditions and changes for the same guarded update (a cancellation, an answered request). */
export interface RefundWith {
  guard?: Record<string, unknown>;
  set?: Record<string, unknown>;
  timeline?: ReturnType<typeof entry>[];
  /** Send to WeChat off the caller's path (a notification must be answered within 5 s). */
  background?: boolean;
}

function tooLarge(refundableFen: number): AppError {
  const details: RefundTooLargeDetails = { refundableFen };
  return new AppError('REFUND_TOO_LARGE', `At most ${yuan(refundableFen)} can be refunded`, details);
}

/**
 * Takes the amount and records the refund in one update, then (WeChat Pay) sends it. Null when
 * `with.guard` did not hold (the caller says why); REFUND_TOO_LARGE when the money is not there.
 */
export async function startRefund(services: Services, orderId: Types.ObjectId, r: RefundStart, w: RefundWith = {}): Promise<OrderRecord | null> {
  const order = await services.models.Order.findById(orderId, { orderNo: 1, paymentMethod: 1, payment: 1 }).lean<OrderRecord>();
  if (!order) throw notFound('Order');
  const channel = order.paymentMethod === 'wechat' ? 'wechat' : 'offline';
  const at = services.now();
  // out_refund_no: the order's number and a random part; unique within the order by the guard below.
  const refundNo = `${order.orderNo.replace(/-/g, '')}R${randomInt(100_000, 1_000_000)}`;
  const refund: StoredRefund = {
    refundNo,
    amountFen: r.amountFen,
    kind: r.kind,
    reason: r.reason,
    channel,
    status: channel === 'wechat' ? 'pending' : 'success',
    refundId: null,
    submitted: channel !== 'wechat',
    actor: r.by.actor,
    userId: r.by.userId,
    createdAt: at,
    settledAt: channel === 'wechat' ? null : at,
    checkAt: channel === 'wechat' ? at : null,
  };
  const note = `${yuan(r.amountFen)} ${r.reason}`;
  const updated = await services.models.Order.findOneAndUpdate(
    { _id: orderId, refundableFen: { $gte: r.amountFen }, 'refunds.refundNo': { $ne: refundNo }, ...w.guard },
    {
      $inc: { refundableFen: -r.amountFen, refundedFen: r.amountFen },
      $push: { refunds: refund, timeline: { $each: [...(w.timeline ?? []), entry(at, channel === 'wechat' ? 'refund_started' : 'refunded', { ...r.by, note })] } },
      ...(w.set ? { $set: w.set } : {}),
    },
    { new: true },
  ).lean<OrderRecord>();
  if (!updated) {
    const now = await services.models.Order.findById(orderId, { refundableFen: 1 }).lean<OrderRecord>();
    if (now && now.refundableFen < r.amountFen) throw tooLarge(now.refundableFen);
    return null;
  }
  services.logger.info({ orderId: String(orderId), refundNo, amountFen: r.amountFen, kind: r.kind, channel }, 'refund started');
  if (channel === 'offline') {
    await countRefundForCustomer(services, updated, refund);
    return updated;
  }
  if (w.background) {
    services.background.run('submit refund', () => submitRefund(services, updated, refund));
    return updated;
  }
  return (await submitRefund(services, updated, refund)) ?? updated;
}

/** WeChat's answers that mean "this refund will never happen as asked": the amount is given back. */
function refusedForGood(err: WeChatPayError): boolean {
  if (err.wechatStatus === 403) return true;
  return err.wechatStatus === 400 && !['NOT_ENOUGH', 'SYSTEM_ERROR', 'FREQUENCY_LIMITED'].includes(err.wechatCode);
}

/**
 * Sends a pending refund of this order (as just read or written) to WeChat Pay, again if need be:
 * the out_refund_no makes a retry harmless. Never throws; the order as it stands after when
 * WeChat's answer moved it, else null.
 */
async function submitRefund(services: Services, order: OrderRecord, refund: StoredRefund): Promise<OrderRecord | null> {
  const { refundNo } = refund;
  const orderId = order._id;
  if (!order.payment || !services.wechatPay) return null;
  try {
    const result = await services.wechatPay.refund({
      outTradeNo: order.payment.outTradeNo,
      outRefundNo: refundNo,
      reason: refund.reason,
      refundFen: refund.amountFen,
      totalFen: order.paidFen,
      subMchid: order.payment.subMchid,
    });
    return await applyRefundResultTo(services, order, refund, result);
  } catch (err) {
    if (err instanceof WeChatPayError && refusedForGood(err)) {
      services.logger.error({ orderId: String(orderId), refundNo, code: err.wechatCode }, 'WeChat Pay refused the refund');
      return settleRefund(services, order, refund, 'closed', null, services.now(), `微信支付拒绝退款：${err.wechatCode}`);
    }
    services.logger.warn({ err, orderId: String(orderId), refundNo }, 'refund not sent yet; the refund job retries');
    await services.models.Order.updateOne(
      { _id: orderId, refunds: { $elemMatch: { refundNo, status: 'pending' } } },
      { $set: { 'refunds.$.checkAt': new Date(services.now().getTime() + RETRY_MS) } },
    );
    return null;
  }
}

const STATUS_OF: Record<RefundResult['status'], RefundStatus> = { SUCCESS: 'success', ABNORMAL: 'abnormal', CLOSED: 'closed', PROCESSING: 'pending' };

/** What WeChat Pay says of a refund (its answer, a notification, a query), applied once. */
export async function applyRefundResult(services: Services, r: RefundResult, source: 'answer' | 'notification' | 'query'): Promise<void> {
  const order = await services.models.Order.findOne({ 'refunds.refundNo': r.outRefundNo }).lean<OrderRecord>();
  const refund = order?.refunds.find((x) => x.refundNo === r.outRefundNo);
  if (!order || !refund || order.payment?.outTradeNo !== r.outTradeNo) {
    services.logger.error({ outRefundNo: r.outRefundNo, outTradeNo: r.outTradeNo, source }, 'WeChat Pay: a refund we do not know, not applied');
    await services.models.PaymentIncident.create({ kind: 'refund_unknown', outTradeNo: r.outTradeNo, orderId: order?._id ?? null, transactionId: r.outRefundNo, expectedFen: refund?.amountFen ?? null, reportedFen: r.refundFen, source, detail: `refund ${r.outRefundNo} ${r.status}`, at: services.now() }).catch(() => undefined);
    return;
  }
  await applyRefundResultTo(services, order, refund, r);
}

/** WeChat's word on this refund of this order: still processing (ask later), or its end. */
async function applyRefundResultTo(services: Services, order: OrderRecord, refund: StoredRefund, r: RefundResult): Promise<OrderRecord | null> {
  const status = STATUS_OF[r.status];
  if (status !== 'pending') return settleRefund(services, order, refund, status, r.refundId, r.successTime ?? services.now(), null);
  return services.models.Order.findOneAndUpdate(
    { _id: order._id, refunds: { $elemMatch: { refundNo: refund.refundNo, status: 'pending' } } },
    { $set: { 'refunds.$.submitted': true, 'refunds.$.refundId': r.refundId, 'refunds.$.checkAt': new Date(services.now().getTime() + CHECK_AFTER_SUBMIT_MS) } },
    { new: true },
  ).lean<OrderRecord>();
}

/**
 * A refund's end, once: closed gives its amount back to what may be refunded. An abnormal refund
 * is not over yet: once the merchant re-sends it at WeChat Pay, WeChat reports it succeeded or
 * closed, and that is applied too.
 */
async function settleRefund(services: Services, order: OrderRecord, refund: StoredRefund, status: Exclude<RefundStatus, 'pending'>, refundId: string | null, at: Date, why: string | null): Promise<OrderRecord | null> {
  const closed = status === 'closed';
  const from = status === 'abnormal' ? ['pending'] : ['pending', 'abnormal'];
  const event = status === 'success' ? 'refunded' : 'refund_failed';
  const note = `${yuan(refund.amountFen)} ${why ?? (status === 'success' ? refund.reason : status === 'abnormal' ? '退款异常，请联系买家线下处理' : '退款已关闭')}`;
  const done = await services.models.Order.findOneAndUpdate(
    { _id: order._id, refunds: { $elemMatch: { refundNo: refund.refundNo, status: { $in: from } } } },
    {
      $set: { 'refunds.$.status': status, 'refunds.$.settledAt': at, 'refunds.$.checkAt': null, 'refunds.$.submitted': true, ...(refundId ? { 'refunds.$.refundId': refundId } : {}) },
      ...(closed ? { $inc: { refundableFen: refund.amountFen, refundedFen: -refund.amountFen } } : {}),
      $push: { timeline: entry(services.now(), event, { actor: 'system', userId: null, note }) },
    },
    { new: true },
  ).lean<OrderRecord>();
  if (!done) return null;
  services.logger.info({ orderId: String(order._id), refundNo: refund.refundNo, status }, 'refund settled');
  if (status === 'success') await countRefundForCustomer(services, done, refund);
  return done;
}

/** The buyer's total paid with the shop, less what came back (a late payment's refund was never counted). */
async function countRefundForCustomer(services: Services, order: OrderRecord, refund: StoredRefund): Promise<void> {
  if (refund.kind === 'late_payment') return;
  await recordCustomerRefund(services, order, refund.amountFen).catch((err: unknown) => services.logger.error({ err, orderId: String(order._id) }, 'updating the customer record after a refund failed'));
}

/**
 * The refund job, for a refund it has claimed (`order` as the job read it): one not yet accepted
 * by WeChat is sent again; one accepted long ago is asked about.
 */
export async function checkRefund(services: Services, order: OrderRecord, refund: StoredRefund): Promise<void> {
  if (!order.payment || !services.wechatPay) return;
  if (!refund.submitted) {
    await submitRefund(services, order, refund);
    return;
  }
  try {
    const r = await services.wechatPay.queryRefund(refund.refundNo, order.payment.subMchid);
    if (r) await applyRefundResultTo(services, order, refund, r);
    else await submitRefund(services, order, refund); // WeChat never got it: send it now
  } catch (err) {
    services.logger.warn({ err, orderId: String(order._id), refundNo: refund.refundNo }, 'refund query failed; the refund job asks again');
    await services.models.Order.updateOne(
      { _id: order._id, refunds: { $elemMatch: { refundNo: refund.refundNo, status: 'pending' } } },
      { $set: { 'refunds.$.checkAt': new Date(services.now().getTime() + RETRY_MS) } },
    );
  }
}

// ---- The buyer asks, the seller answers ----

export async function requestRefund(services: Services, user: UserDoc, orderId: string, req: RequestRefundRequest): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.actAsBuyer(user, order), 'Only the buyer may ask for a refund');
  if (order.refundRequest?.status === 'open') throw new AppError('REFUND_REQUEST_OPEN', 'A refund request is already waiting for the seller');
  if (!refundPolicy.request(user, order)) throw new AppError('REFUND_NOT_ALLOWED', 'Nothing on this order can be refunded now');
  if (req.amountFen > order.refundableFen) throw tooLarge(order.refundableFen);
  const at = services.now();
  const updated = await services.models.Order.findOneAndUpdate(
    { _id: order._id, status: { $in: ['paid', 'shipped', 'completed'] }, 'refundRequest.status': { $ne: 'open' }, refundableFen: { $gte: req.amountFen } },
    {
      $set: { refundRequest: { amountFen: req.amountFen, reason: req.reason, status: 'open', at, answer: null, answeredAt: null } },
      $push: { timeline: entry(at, 'refund_requested', { actor: 'buyer', userId: user._id, note: `${yuan(req.amountFen)} ${req.reason}` }) },
    },
    { new: true },
  ).lean<OrderRecord>();
  if (!updated) throw new AppError('REFUND_REQUEST_OPEN', 'The order changed meanwhile; reload it');
  return { order: updated, shop };
}

export async function answerRefundRequest(services: Services, user: UserDoc, orderId: string, req: AnswerRefundRequest): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may answer a refund request');
  const request = order.refundRequest;
  if (!request || request.status !== 'open') throw new AppError('REFUND_NOT_ALLOWED', 'There is no refund request to answer');
  const at = services.now();
  const by: ActedBy = { actor: 'seller', userId: user._id };
  const answered = { 'refundRequest.status': req.decision === 'approve' ? 'approved' : 'declined', 'refundRequest.answeredAt': at, 'refundRequest.answer': req.decision === 'decline' ? req.reason : null };
  if (req.decision === 'decline') {
    const updated = await services.models.Order.findOneAndUpdate(
      { _id: order._id, 'refundRequest.status': 'open' },
      { $set: answered, $push: { timeline: entry(at, 'refund_declined', { ...by, note: req.reason }) } },
      { new: true },
    ).lean<OrderRecord>();
    if (!updated) throw new AppError('REFUND_NOT_ALLOWED', 'The request was answered meanwhile; reload the order');
    return { order: updated, shop };
  }
  // Everything back before it ships: the order is cancelled too, and its stock returned.
  const whole = order.status === 'paid' && request.amountFen === order.refundableFen;
  const updated = await startRefund(
    services,
    order._id,
    { amountFen: request.amountFen, kind: 'requested', reason: request.reason, by },
    whole
      ? { guard: { 'refundRequest.status': 'open', status: 'paid' }, set: { ...answered, ...cancelledFields(at, by, request.reason) }, timeline: [entry(at, 'cancelled', { ...by, note: request.reason })] }
      : { guard: { 'refundRequest.status': 'open' }, set: answered },
  );
  if (!updated) throw new AppError('REFUND_NOT_ALLOWED', 'The order changed meanwhile; reload it');
  if (whole) await returnOrderStock(services, updated);
  return { order: updated, shop };
}

const cancelledFields = (at: Date, by: ActedBy, reason: string) => ({ status: 'cancelled', cancelled: { at, by: by.actor, userId: by.userId, reason }, expiresAt: null });

/**
 * The seller refunds part or all of a paid order of their own accord (or what a cancelled order
 * still holds); the order keeps its status.
 */
export async function sellerRefund(services: Services, user: UserDoc, orderId: string, req: SellerRefundRequest): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may refund this order');
  if (!refundPolicy.refund(user, order, shop)) throw new AppError('REFUND_NOT_ALLOWED', 'Nothing on this order can be refunded now');
  if (req.amountFen > order.refundableFen) throw tooLarge(order.refundableFen);
  const updated = await startRefund(services, order._id, { amountFen: req.amountFen, kind: 'seller', reason: req.reason, by: { actor: 'seller', userId: user._id } }, { guard: { status: { $in: SELLER_REFUNDABLE_STATUSES } } });
  if (!updated) throw new AppError('REFUND_NOT_ALLOWED', 'The order changed meanwhile; reload it');
  return { order: updated, shop };
}

/**
 * The seller cancels a paid order before shipping: everything still refundable goes back, the
 * stock returns, and an open request is answered by it. One guarded update on `paid`.
 */
export async function cancelPaidOrder(services: Services, order: OrderRecord, by: ActedBy, reason: string): Promise<OrderRecord | null> {
  const at = services.now();
  const open = order.refundRequest?.status === 'open';
  const guard = { status: 'paid', 'refundRequest.status': open ? 'open' : { $ne: 'open' } };
  const set = { ...cancelledFields(at, by, reason), ...(open ? { 'refundRequest.status': 'approved', 'refundRequest.answeredAt': at } : {}) };
  const timeline = [entry(at, 'cancelled', { ...by, note: reason })];
  let cancelled: OrderRecord | null;
  if (order.refundableFen > 0) {
    cancelled = await startRefund(services, order._id, { amountFen: order.refundableFen, kind: 'cancel', reason, by }, { guard, set, timeline }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'REFUND_TOO_LARGE') return null; // refunded meanwhile: reload
      throw err;
    });
  } else {
    cancelled = await services.models.Order.findOneAndUpdate({ _id: order._id, ...guard }, { $set: set, $push: { timeline: { $each: timeline } } }, { new: true }).lean<OrderRecord>();
  }
  if (cancelled) await returnOrderStock(services, cancelled);
  return cancelled;
}
