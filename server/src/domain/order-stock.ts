// An order's stock holds as a whole: give them all back (cancelled, expired, never placed) or let
// them all go with the goods (shipped). Each hold moves exactly once (domain/stock.ts), so these
// are safe to run again after a crash, and from the sweeper and a transition at the same time;
// the order's `stock` field then records the outcome with a guarded update.
import type { Types } from 'mongoose';
import type { Services } from '../services';
import type { OrderLine, StockState } from '../models/order';
import { releaseStock, settleStock } from './stock';

type Lines = { _id: Types.ObjectId; lines: Pick<OrderLine, 'productId' | 'holdKey'>[] };

/** Returns every line's stock; the lines whose stock really went back are counted. */
export async function releaseOrderHolds(services: Services, order: Lines): Promise<number> {
  let returned = 0;
  for (const line of order.lines) {
    if (await releaseStock(services, line.productId, line.holdKey)) returned += 1;
  }
  return returned;
}

export async function settleOrderHolds(services: Services, order: Lines): Promise<void> {
  for (const line of order.lines) await settleStock(services, line.productId, line.holdKey);
}

/** Records where the stock went, only from the state it was in (a second writer changes nothing). */
export async function markStock(services: Services, orderId: Types.ObjectId, from: StockState, to: StockState): Promise<void> {
  await services.models.Order.updateOne({ _id: orderId, stock: from }, { $set: { stock: to } });
}

/** A cancelled order's stock goes back to the shelf. */
export async function returnOrderStock(services: Services, order: Lines): Promise<void> {
  await releaseOrderHolds(services, order);
  await markStock(services, order._id, 'held', 'returned');
}

/** A shipped order's stock is gone for good. */
export async function settleOrderStock(services: Services, order: Lines): Promise<void> {
  await settleOrderHolds(services, order);
  await markStock(services, order._id, 'held', 'settled');
}
