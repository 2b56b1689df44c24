// Cancels unpaid orders past their time and returns their stock. Each candidate goes through the
// guarded transition, so several instances (or a payment at the deadline) move each order once.
import type { Services } from '../services';
import type { OrderRecord } from '../models/order';
import { expireOrder } from '../domain/order-transitions';
import { applyTransaction, closeUnpaidPayment } from '../domain/payments';

/** Orders looked at per run; the rest wait for the next run, 30 s later. */
export const EXPIRE_BATCH = 500;

export async function expireUnpaidOrders(services: Services): Promise<number> {
  const due = await services.models.Order.find({ status: 'awaiting_payment', expiresAt: { $lte: services.now() } }, { _id: 1, payment: 1 })
    .sort({ expiresAt: 1 })
    .limit(EXPIRE_BATCH)
    .lean<OrderRecord[]>();
  let expired = 0;
  for (const order of due) {
    if (await paidAfterAll(services, order)) continue;
    if (await expireOrder(services, order._id)) {
      expired += 1;
      // So the buyer can no longer pay it; if this fails the reconcile job closes it.
      if (order.payment?.state === 'pending') await closeUnpaidPayment(services, order._id).catch((err: unknown) => services.logger.warn({ err, orderId: String(order._id) }, 'closing the WeChat order failed; the reconcile job retries'));
    }
  }
  return expired;
}

/**
 * A WeChat Pay order with a prepay may have been paid with its word still on the way: ask first,
 * rather than cancel it and refund the money a moment later. If WeChat cannot be reached the
 * order expires anyway; a payment found later is refunded.
 */
async function paidAfterAll(services: Services, order: OrderRecord): Promise<boolean> {
  if (order.payment?.state !== 'pending' || !services.wechatPay) return false;
  try {
    const tx = await services.wechatPay.queryByOutTradeNo(order.payment.outTradeNo, order.payment.subMchid);
    if (!tx) return false;
    return (await applyTransaction(services, tx, 'query')) === 'paid';
  } catch (err) {
    services.logger.warn({ err, orderId: String(order._id) }, 'could not ask WeChat Pay before expiring an order');
    return false;
  }
}
