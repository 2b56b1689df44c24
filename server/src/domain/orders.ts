// Reading orders: one order for its buyer, its shop's owner and operators; the buyer's own list;
// the shop's list by tab, by customer, or found by order number, receiver's name or phone. An
// order still being placed is never shown: it is not an order yet.
import { escapeRegExp } from '../db/regex';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { MyOrdersQuery, OrderCounts, ShopOrdersQuery } from '../../../contract/orders';
import { OrderStatus } from '../../../contract/orders';
import { notFound } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord } from '../models/order';
import type { ShopRecord } from '../models/shop';
import { authorizeRead, type Actor } from '../policies/shops';
import { orderPolicy } from '../policies/orders';
import { shopToInspect } from './shops';
import { ORDER_CARD_FIELDS, type OrderCardRecord } from '../presenters/order';

export interface OrderWithShop {
  order: OrderRecord;
  shop: ShopRecord;
}

const SHOWN = { $ne: 'placing' } as const;

/** An order and its shop, for anyone who may see it; 404 for everyone else (and for ids that cannot exist). */
export async function orderToView(services: Services, actor: Actor, orderId: string): Promise<OrderWithShop> {
  const order = Types.ObjectId.isValid(orderId) ? await services.models.Order.findOne({ _id: orderId, status: SHOWN }).lean<OrderRecord>() : null;
  if (!order) throw notFound('Order');
  const shop = await services.models.Shop.findById(order.shopId).lean<ShopRecord>();
  authorizeRead(Boolean(shop) && orderPolicy.view(actor, order, shop as ShopRecord), 'Order');
  return { order, shop: shop as ShopRecord };
}

/**
 * How many orders of `base` are in each status. Each is an equality on an index; one count over
 * `status ≠ placing` would read every order instead.
 */
export async function orderCounts(services: Services, base: Record<string, unknown>): Promise<OrderCounts> {
  const counted = await Promise.all(OrderStatus.options.map((status) => services.models.Order.countDocuments({ ...base, status })));
  return Object.fromEntries(OrderStatus.options.map((s, i) => [s, counted[i]])) as OrderCounts;
}

async function pageOfOrders(services: Services, base: Record<string, unknown>, query: { page: number; pageSize: number; status?: OrderStatus }) {
  const filter = { ...base, status: query.status ?? SHOWN };
  const [items, counts] = await Promise.all([
    services.models.Order.find(filter, ORDER_CARD_FIELDS).sort({ createdAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<OrderCardRecord[]>(),
    orderCounts(services, base),
  ]);
  const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items, total, page: query.page, pageSize: query.pageSize, counts };
}

/** The buyer's own orders, newest first, with the count of each tab. */
export const myOrders = (services: Services, user: UserDoc, query: z.output<typeof MyOrdersQuery>) => pageOfOrders(services, { buyerId: user._id }, query);


/** What the seller typed in the search box: part of an order number or a name, a phone, or its last four digits. */
function searchFilter(q: string): Record<string, unknown> {
  const text = { $regex: escapeRegExp(q) };
  const phone = /^\d{4}$/.test(q) ? { $regex: `${q}$` } : /^\d{11}$/.test(q) ? q : null;
  return { $or: [{ orderNo: text }, { 'address.name': text }, ...(phone ? [{ 'address.phone': phone }] : [])] };
}

/** A shop's orders (owner, operators), newest first; the counts follow the customer and search filters. */
export async function shopOrders(services: Services, actor: Actor, shopId: string, query: z.output<typeof ShopOrdersQuery>) {
  const shop = await shopToInspect(services, actor, shopId);
  const base: Record<string, unknown> = { shopId: shop._id };
  if (query.customerId) base.customerId = new Types.ObjectId(query.customerId);
  if (query.q) Object.assign(base, searchFilter(query.q));
  if (query.refundRequest) base['refundRequest.status'] = query.refundRequest;
  return pageOfOrders(services, base, query);
}
