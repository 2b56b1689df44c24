// WeChat Pay for an order: the prepay and wx.requestPayment's parameters for its buyer, and what
// WeChat Pay says about a payment (a verified notification, or our query) applied to the order
// exactly once. The phone's "success" never marks anything paid; only WeChat Pay's word does.
import type { Types } from 'mongoose';
import type { PayOrderResponse } from '../../../contract/payments';
import type { OrderStateDetails } from '../../../contract/errors';
import { AppError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord, StoredPayment } from '../models/order';
import type { ShopRecord } from '../models/shop';
import type { PaymentIncident } from '../models/payment-incident';
import type { TransactionResult, WeChatPayClient } from '../wechat/pay/client';
import { isDuplicateKey } from '../db/errors';
import { authorizeAction } from '../policies/shops';
import { orderPolicy } from '../policies/orders';
import { orderToView, type OrderWithShop } from './orders';
import { markOrderPaid } from './order-transitions';
import { startRefund } from './refunds';
import { wechatPayTarget } from './payment-setup';

/** A prepay id is good for two hours at WeChat Pay; past this we ask for a fresh one. */
const PREPAY_REUSE_MS = 100 * 60_000;

/** WeChat Pay's description is at most 127 characters. */
const DESCRIPTION_MAX = 127;

/** Until a notification or query says otherwise, the reconcile job first asks this long after the prepay. */
export const FIRST_CHECK_MS = 2 * 60_000;

/** Our out_trade_no for an order: its number without the dash (WeChat allows 6–32 of [A-Za-z0-9_-|*]). */
export const outTradeNoFor = (order: Pick<OrderRecord, 'orderNo'>) => order.orderNo.replace(/-/g, '');

function describe(order: OrderRecord, shop: ShopRecord): string {
  const first = order.lines[0];
  const more = order.lines.length > 1 ? `等${order.lines.length}件` : '';
  return Array.from(`${shop.name}-${first.title}${more}`).slice(0, DESCRIPTION_MAX).join('');
}

function payClient(services: Services): WeChatPayClient {
  if (!services.wechatPay) throw new AppError('PAYMENT_UNAVAILABLE', 'WeChat Pay is not set up on this server');
  return services.wechatPay;
}

const notPayable = (order: Pick<OrderRecord, 'status'>, message: string) =>
  new AppError('ORDER_NOT_PAYABLE', message, { status: order.status === 'placing' ? 'awaiting_payment' : order.status } satisfies OrderStateDetails);

/**
 * The buyer pays an unpaid WeChat Pay order: the prepay is made once (the same out_trade_no every
 * time, so paying again after a dropped network reuses it) and the parameters signed afresh.
 */
export async function payOrder(services: Services, user: UserDoc, orderId: string): Promise<PayOrderResponse> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.actAsBuyer(user, order), 'Only the buyer may pay this order');
  const now = services.now();
  if (order.paymentMethod !== 'wechat') throw notPayable(order, 'This order is paid to the seller directly');
  if (order.status !== 'awaiting_payment' || !order.expiresAt || order.expiresAt <= now) throw notPayable(order, 'This order can no longer be paid');
  const client = payClient(services);
  let prepayId = order.payment?.prepayId ?? null;
  if (!order.payment) prepayId = (await newPayment(services, client, order, shop, user)).prepayId;
  else if (now.getTime() - order.payment.prepaidAt.getTime() > PREPAY_REUSE_MS) {
    // A prepay id lasts two hours; the same out_trade_no gets a fresh one for the same payment.
    prepayId = await prepay(services, client, order, shop, order.payment);
    await services.models.Order.updateOne({ _id: order._id, 'payment.outTradeNo': order.payment.outTradeNo }, { $set: { 'payment.prepayId': prepayId, 'payment.prepaidAt': now } });
  }
  return { params: client.paymentParams(prepayId as string, now), amountFen: order.totalFen, expiresAt: order.expiresAt.toISOString() };
}

/** Records where this order's money goes, once, so every later tap pays the same WeChat order. */
async function newPayment(services: Services, client: WeChatPayClient, order: OrderRecord, shop: ShopRecord, user: UserDoc): Promise<StoredPayment> {
  const target = wechatPayTarget(services, shop);
  if (!target) throw new AppError('PAYMENT_UNAVAILABLE', 'This shop does not take WeChat Pay yet');
  const outTradeNo = outTradeNoFor(order);
  const prepayId = await prepay(services, client, order, shop, { subMchid: target.subMchid, outTradeNo, payerOpenid: user.openid });
  const now = services.now();
  const payment: StoredPayment = {
    appid: client.appid,
    mchid: client.mchid,
    subMchid: target.subMchid,
    outTradeNo,
    prepayId,
    prepaidAt: now,
    state: 'pending',
    transactionId: null,
    payerOpenid: user.openid,
    checkAt: new Date(now.getTime() + FIRST_CHECK_MS),
  };
  const saved = await services.models.Order.findOneAndUpdate({ _id: order._id, payment: null }, { $set: { payment } }, { new: true }).lean<OrderRecord>();
  // Two taps at once: the other saved first; WeChat gave both the same prepay for the same out_trade_no.
  return saved?.payment ?? ((await services.models.Order.findById(order._id, { payment: 1 }).lean<OrderRecord>())?.payment as StoredPayment);
}

async function prepay(services: Services, client: WeChatPayClient, order: OrderRecord, shop: ShopRecord, p: Pick<StoredPayment, 'subMchid' | 'outTradeNo' | 'payerOpenid'>): Promise<string> {
  const { prepayId } = await client.prepayJsapi({
    outTradeNo: p.outTradeNo,
    description: describe(order, shop),
    amountFen: order.totalFen,
    payerOpenid: p.payerOpenid,
    timeExpire: order.expiresAt as Date,
    subMchid: p.subMchid,
  });
  return prepayId;
}

/**
 * After the phone says it paid: ask WeChat Pay now rather than wait for its notification, so the
 * buyer sees "paid" at once on a slow network. The answer is the order as it stands after.
 */
export async function checkOrderPayment(services: Services, user: UserDoc, orderId: string): Promise<OrderWithShop> {
  const { order } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.actAsBuyer(user, order), 'Only the buyer may check this payment');
  if (order.payment?.state === 'pending' && services.wechatPay) {
    const tx = await services.wechatPay.queryByOutTradeNo(order.payment.outTradeNo, order.payment.subMchid);
    if (tx) await applyTransaction(services, tx, 'query');
  }
  return orderToView(services, user, orderId);
}

export type TransactionOutcome = 'paid' | 'already_paid' | 'refunding_late_payment' | 'not_paid' | 'refused';

/**
 * What WeChat Pay says of a payment, applied once: checked against the order (merchant, app,
 * amount), then the order marked paid by one guarded update. Duplicates find it paid and do
 * nothing; a payment for an order that was cancelled meanwhile (expired, or the buyer gave up)
 * is refunded in full. Anything that does not match is never marked paid, and is logged and kept
 * for the operator.
 */
export async function applyTransaction(services: Services, tx: TransactionResult, source: 'notification' | 'query'): Promise<TransactionOutcome> {
  const order = await services.models.Order.findOne({ 'payment.outTradeNo': tx.outTradeNo }).lean<OrderRecord>();
  if (!order?.payment) {
    await incident(services, { kind: 'unknown_order', outTradeNo: tx.outTradeNo, orderId: null, transactionId: tx.transactionId, expectedFen: null, reportedFen: tx.amountTotalFen, source, detail: 'no order has this out_trade_no' });
    return 'refused';
  }
  const p = order.payment;
  if (tx.mchid !== p.mchid || (tx.subMchid ?? null) !== p.subMchid || tx.appid !== p.appid) {
    await incident(services, { kind: 'merchant_mismatch', outTradeNo: tx.outTradeNo, orderId: order._id, transactionId: tx.transactionId, expectedFen: order.totalFen, reportedFen: tx.amountTotalFen, source, detail: `paid to ${tx.mchid}/${tx.subMchid ?? '-'} via ${tx.appid}` });
    return 'refused';
  }
  if (tx.tradeState !== 'SUCCESS' && tx.tradeState !== 'REFUND') return 'not_paid';
  if (tx.amountTotalFen !== order.totalFen) {
    await incident(services, { kind: 'amount_mismatch', outTradeNo: tx.outTradeNo, orderId: order._id, transactionId: tx.transactionId, expectedFen: order.totalFen, reportedFen: tx.amountTotalFen, source, detail: 'the amount paid is not the order total' });
    return 'refused';
  }
  if (p.state === 'paid') return 'already_paid';
  const paidAt = tx.successTime ?? services.now();
  const paidSet = { 'payment.state': 'paid', 'payment.transactionId': tx.transactionId, 'payment.checkAt': null };
  if (order.status === 'awaiting_payment') {
    const paid = await markOrderPaid(services, order._id, { actor: 'system', userId: null, note: `微信支付 ${tx.transactionId ?? ''}`.trim() }, { paidAt, paidFen: tx.amountTotalFen, extraGuard: { 'payment.state': { $ne: 'paid' } }, extraSet: paidSet }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'ORDER_NOT_PAYABLE') return null; // cancelled meanwhile: handled below
      throw err;
    });
    if (paid) return 'paid';
  }
  // The order was cancelled (expired, or by the buyer) before WeChat's word arrived: the money
  // goes back. Marking the payment paid is the once-only gate for that refund.
  const late = await services.models.Order.findOneAndUpdate(
    { _id: order._id, status: 'cancelled', 'payment.state': { $ne: 'paid' } },
    { $set: { ...paidSet, paidFen: tx.amountTotalFen, refundableFen: tx.amountTotalFen } },
    { new: true },
  ).lean<OrderRecord>();
  if (!late) return 'already_paid';
  services.logger.warn({ orderId: String(order._id), outTradeNo: tx.outTradeNo }, 'payment arrived for a cancelled order; refunding it');
  await startRefund(services, late._id, { amountFen: tx.amountTotalFen, kind: 'late_payment', reason: '订单已取消，自动退款', by: { actor: 'system', userId: null } }, { background: source === 'notification' });
  return 'refunding_late_payment';
}

async function incident(services: Services, i: Omit<PaymentIncident, 'at'>): Promise<void> {
  services.logger.error({ incident: { ...i, orderId: i.orderId ? String(i.orderId) : null } }, `WeChat Pay: ${i.kind}, not applied`);
  await services.models.PaymentIncident.create({ ...i, at: services.now() }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) services.logger.error({ err }, 'recording a payment incident failed');
  });
}

/** Closes the WeChat order of an order that ended unpaid, so it can no longer be paid. */
export async function closeUnpaidPayment(services: Services, orderId: Types.ObjectId): Promise<void> {
  const order = await services.models.Order.findById(orderId, { status: 1, payment: 1 }).lean<OrderRecord>();
  if (!order?.payment || order.payment.state !== 'pending' || order.status !== 'cancelled' || !services.wechatPay) return;
  await services.wechatPay.close(order.payment.outTradeNo, order.payment.subMchid);
  await services.models.Order.updateOne({ _id: orderId, 'payment.state': 'pending' }, { $set: { 'payment.state': 'closed', 'payment.checkAt': null } });
}
