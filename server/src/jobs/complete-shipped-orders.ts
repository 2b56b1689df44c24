// Completes shipped orders whose buyer never confirmed receipt, once their time has come. Each
// goes through the guarded transition, so a buyer confirming at the same moment, or another
// instance running this job, never completes an order twice.
import type { Services } from '../services';
import { completeOrder } from '../domain/order-transitions';

export const COMPLETE_BATCH = 500;

export async function completeShippedOrders(services: Services): Promise<number> {
  const due = await services.models.Order.find({ status: 'shipped', autoCompleteAt: { $lte: services.now() } }, { _id: 1 })
    .sort({ autoCompleteAt: 1 })
    .limit(COMPLETE_BATCH)
    .lean();
  let completed = 0;
  for (const { _id } of due) if (await completeOrder(services, _id)) completed += 1;
  return completed;
}
