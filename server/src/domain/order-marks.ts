// "Done once per order" marks kept in order.notified (messages sent, a payment counted on the
// customer): claimed by one conditional update, so retries and racing jobs act only once.
import type { Types } from 'mongoose';
import type { Services } from '../services';

/** True for the one caller that adds the mark; false when it was already there. */
export async function notifiedOnce(services: Services, orderId: Types.ObjectId, mark: string): Promise<boolean> {
  // timestamps: false, because a bookkeeping mark is not a change of the order (and the
  // placement sweeper reads updatedAt).
  const r = await services.models.Order.updateOne({ _id: orderId, notified: { $ne: mark } }, { $push: { notified: mark } }, { timestamps: false });
  return r.modifiedCount === 1;
}
