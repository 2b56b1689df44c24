// Sends refunds WeChat Pay has not accepted yet, and asks about accepted ones whose notification
// is overdue. Each refund is claimed by moving its checkAt ahead in a guarded update, so several
// instances never send or ask twice at once (and the out_refund_no makes a repeat harmless anyway).
import type { Services } from '../services';
import type { OrderRecord } from '../models/order';
import { checkRefund } from '../domain/refunds';

export const REFUND_BATCH = 200;
const CLAIM_MS = 60_000;

export async function checkRefunds(services: Services): Promise<number> {
  if (!services.wechatPay) return 0;
  const now = services.now();
  // What sending or asking needs, read once here for every due refund of the order.
  const orders = await services.models.Order.find({ refunds: { $elemMatch: { status: 'pending', checkAt: { $lte: now } } } }, { refunds: 1, payment: 1, paidFen: 1, customerId: 1, shopId: 1, buyerId: 1 })
    .limit(REFUND_BATCH)
    .lean<OrderRecord[]>();
  let checked = 0;
  for (const order of orders) {
    for (const r of order.refunds) {
      if (r.status !== 'pending' || !r.checkAt || r.checkAt > now) continue;
      const claimed = await services.models.Order.updateOne(
        { _id: order._id, refunds: { $elemMatch: { refundNo: r.refundNo, status: 'pending', checkAt: r.checkAt } } },
        { $set: { 'refunds.$.checkAt': new Date(now.getTime() + CLAIM_MS) } },
      );
      if (claimed.modifiedCount !== 1) continue;
      checked += 1;
      await checkRefund(services, order, r);
    }
  }
  return checked;
}
