// Reconciles WeChat Pay payments whose word is overdue: a lost or late notification is found by
// asking WeChat (paid → the order is paid, or refunded if it was cancelled meanwhile), and the
// WeChat order of an order that ended unpaid is closed so it can no longer be paid. Each order is
// claimed by moving its checkAt ahead in a guarded update, so several instances never ask twice.
import type { Services } from '../services';
import type { OrderRecord } from '../models/order';
import { applyTransaction, closeUnpaidPayment } from '../domain/payments';

export const RECONCILE_BATCH = 200;
/** While the order is still open, ask again this often (and once more at its expiry). */
const RECHECK_MS = 5 * 60_000;

export async function reconcilePayments(services: Services): Promise<{ checked: number; paid: number; closed: number }> {
  const pay = services.wechatPay;
  const counts = { checked: 0, paid: 0, closed: 0 };
  if (!pay) return counts;
  const now = services.now();
  const due = await services.models.Order.find({ 'payment.state': 'pending', 'payment.checkAt': { $lte: now } }, { _id: 1, status: 1, expiresAt: 1, payment: 1 })
    .sort({ 'payment.checkAt': 1 })
    .limit(RECONCILE_BATCH)
    .lean<OrderRecord[]>();
  for (const order of due) {
    const p = order.payment;
    if (!p) continue;
    const open = order.status === 'awaiting_payment';
    const next = open && order.expiresAt ? new Date(Math.min(order.expiresAt.getTime() + 1_000, now.getTime() + RECHECK_MS)) : new Date(now.getTime() + RECHECK_MS);
    const claimed = await services.models.Order.updateOne({ _id: order._id, 'payment.state': 'pending', 'payment.checkAt': p.checkAt }, { $set: { 'payment.checkAt': next } });
    if (claimed.modifiedCount !== 1) continue;
    counts.checked += 1;
    try {
      const tx = await pay.queryByOutTradeNo(p.outTradeNo, p.subMchid);
      if (tx && (tx.tradeState === 'SUCCESS' || tx.tradeState === 'REFUND')) {
        const outcome = await applyTransaction(services, tx, 'query');
        if (outcome === 'paid' || outcome === 'refunding_late_payment') counts.paid += 1;
        // A payment we refused (a wrong amount…) is the operator's now: asking again changes nothing.
        if (outcome === 'refused') await services.models.Order.updateOne({ _id: order._id, 'payment.state': 'pending' }, { $set: { 'payment.checkAt': null } });
        continue;
      }
      if (order.status === 'cancelled') {
        await closeUnpaidPayment(services, order._id);
        counts.closed += 1;
      }
    } catch (err) {
      services.logger.warn({ err, orderId: String(order._id) }, 'payment reconcile failed; asking again later');
    }
  }
  return counts;
}
