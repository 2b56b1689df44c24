// Finishes what a crash left half done with an order's stock:
// - an order still `placing` after PLACING_ABANDONED_MS never opened: its holds are given back and
//   the order removed. It is first marked (stock `returned` while `placing`), so the placement, if
//   it is somehow still running, can no longer open it;
// - a cancelled order whose stock is still `held`: the holds are given back;
// - a shipped or completed order whose stock is still `held`: the holds are settled;
// - a hold left on a product whose order is gone or already finished with its stock (a placement
//   that reserved late, after the sweep above gave up on it, and then died): it is given back, or
//   settled when the goods left.
// Every step is guarded or keyed by hold, so several instances may sweep at once.
import type { Services } from '../services';
import type { OrderRecord } from '../models/order';
import { markStock, releaseOrderHolds, returnOrderStock, settleOrderStock } from '../domain/order-stock';
import { releaseStock, settleStock } from '../domain/stock';

export const PLACING_ABANDONED_MS = 2 * 60_000;
/** A transition finishes its own stock step within moments; the sweeper leaves it that long. */
export const STOCK_STEP_GRACE_MS = 60_000;
export const SWEEP_BATCH = 200;
/** A hold this old belongs to an order that opened long ago or never will. */
export const ORPHAN_HOLD_AFTER_MS = 2 * PLACING_ABANDONED_MS;

type Lines = Pick<OrderRecord, '_id' | 'lines' | 'stock'>;

async function abandonPlacing(services: Services, order: Lines): Promise<void> {
  await markStock(services, order._id, 'reserving', 'returned');
  const marked = await services.models.Order.exists({ _id: order._id, status: 'placing', stock: 'returned' });
  if (!marked) return; // it opened after all
  await releaseOrderHolds(services, order);
  await services.models.Order.deleteOne({ _id: order._id, status: 'placing', stock: 'returned' });
}

export interface SweepResult {
  abandoned: number;
  returned: number;
  settled: number;
  orphanHolds: number;
}

/** Holds whose order no longer needs them; the order id is the first part of the hold's key. */
async function sweepOrphanHolds(services: Services, now: number): Promise<number> {
  const { Order, Product } = services.models;
  const cutoff = new Date(now - ORPHAN_HOLD_AFTER_MS);
  const products = await Product.find({ 'holds.at': { $lte: cutoff } }, { holds: 1 }).limit(SWEEP_BATCH).lean();
  const stale = products.flatMap((p) => p.holds.filter((h) => h.at <= cutoff).map((h) => ({ productId: p._id, key: h.key, orderId: h.key.split(':')[0] })));
  if (stale.length === 0) return 0;
  const ids = [...new Set(stale.map((h) => h.orderId))].filter((id) => /^[a-f0-9]{24}$/.test(id));
  const orders = new Map((await Order.find({ _id: { $in: ids } }, { stock: 1 }).lean()).map((o) => [String(o._id), o.stock]));
  let put = 0;
  for (const hold of stale) {
    const stock = orders.get(hold.orderId);
    // `reserving` and `held` orders still need their holds.
    if (stock === undefined || stock === 'returned') {
      await releaseStock(services, hold.productId, hold.key);
      put += 1;
    } else if (stock === 'settled') {
      await settleStock(services, hold.productId, hold.key);
      put += 1;
    }
  }
  return put;
}

export async function sweepOrderStock(services: Services): Promise<SweepResult> {
  const { Order } = services.models;
  const now = services.now().getTime();
  const fields = { lines: 1, stock: 1 };
  const [placing, cancelled, shipped] = await Promise.all([
    Order.find({ status: 'placing', createdAt: { $lte: new Date(now - PLACING_ABANDONED_MS) } }, fields).limit(SWEEP_BATCH).lean<Lines[]>(),
    Order.find({ stock: 'held', status: 'cancelled', updatedAt: { $lte: new Date(now - STOCK_STEP_GRACE_MS) } }, fields).limit(SWEEP_BATCH).lean<Lines[]>(),
    Order.find({ stock: 'held', status: { $in: ['shipped', 'completed'] }, updatedAt: { $lte: new Date(now - STOCK_STEP_GRACE_MS) } }, fields).limit(SWEEP_BATCH).lean<Lines[]>(),
  ]);
  for (const order of placing) await abandonPlacing(services, order);
  for (const order of cancelled) await returnOrderStock(services, order);
  for (const order of shipped) await settleOrderStock(services, order);
  const orphanHolds = await sweepOrphanHolds(services, now);
  return { abandoned: placing.length, returned: cancelled.length, settled: shipped.length, orphanHolds };
}
