// Cancels unpaid orders past their time and returns their stock. Each candidate goes through the
// guarded transition, so several instances (or a payment at the deadline) move each order once.
import type { Services } from '../services';
import { expireOrder } from '../domain/order-transitions';

/** Orders looked at per run; the rest wait for the next run, 30 s later. */
export const EXPIRE_BATCH = 500;

export async function expireUnpaidOrders(services: Services): Promise<number> {
  const due = await services.models.Order.find({ status: 'awaiting_payment', expiresAt: { $lte: services.now() } }, { _id: 1 })
    .sort({ expiresAt: 1 })
    .limit(EXPIRE_BATCH)
    .lean();
  let expired = 0;
  for (const { _id } of due) if (await expireOrder(services, _id)) expired += 1;
  return expired;
}
