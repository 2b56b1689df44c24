// What follows an order's change of state, run only by whoever won the guarded update: the shop's
// customer record, the buyer's address book, and (in the background) subscription messages. None of it may undo the change
// itself, so failures are logged and the order stands.
import type { AddressInput } from '../../../contract/addresses';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord } from '../models/order';
import { AppError } from '../errors';
import { recordCustomerOrder, recordCustomerPayment } from './customers';
import { saveAddressFromOrder } from './addresses';
import { notifyOrderEvent } from './notifications';

type Topic = 'order_paid' | 'order_shipped' | 'new_order';

// Off the request's path: the change is made and answered whatever WeChat does, and a slow WeChat
// must not keep the buyer or seller waiting. notifyOrderEvent never throws (it logs).
const notify = (services: Services, order: OrderRecord, topic: Topic) => {
  services.background.run(`notify ${topic}`, () => notifyOrderEvent(services, order, topic));
};

async function logged<T>(services: Services, what: string, order: OrderRecord, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    services.logger.error({ err, orderId: String(order._id) }, `after order: ${what} failed`);
    return undefined;
  }
}

/** A placed order: on the buyer's customer record, maybe in their address book, and the seller told. */
export async function afterOrderPlaced(services: Services, order: OrderRecord, buyer: UserDoc, saveAddress: AddressInput | null): Promise<OrderRecord> {
  const customerId = await logged(services, 'customer record', order, () => recordCustomerOrder(services, order, buyer));
  if (customerId) {
    await services.models.Order.updateOne({ _id: order._id }, { $set: { customerId } }, { timestamps: false });
    order = { ...order, customerId };
  }
  if (saveAddress) {
    await saveAddressFromOrder(services, buyer, saveAddress).catch((err: unknown) => {
      // A full address book must not cost the buyer their order.
      if (!(err instanceof AppError && err.code === 'ADDRESS_BOOK_FULL')) services.logger.error({ err, orderId: String(order._id) }, 'after order: saving the address failed');
    });
  }
  notify(services, order, 'new_order');
  return order;
}

export async function afterOrderPaid(services: Services, order: OrderRecord): Promise<void> {
  await logged(services, 'customer payment', order, () => recordCustomerPayment(services, order));
  notify(services, order, 'order_paid');
}

export async function afterOrderShipped(services: Services, order: OrderRecord): Promise<void> {
  notify(services, order, 'order_shipped');
}
