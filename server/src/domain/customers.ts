// The shop's buyers ("customers"): one record per (shop, buyer), made and kept current by the
// buyer's orders with atomic updates, plus the seller's own note and tags (version-guarded).
import { escapeRegExp } from '../db/regex';
import { shopToInspect } from './shops';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { CustomerQuery, UpdateCustomerRequest } from '../../../contract/orders';
import { notFound, versionConflict } from '../errors';
import { isDuplicateKey } from '../db/errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord } from '../models/order';
import { CUSTOMER_ADDRESSES_KEPT, type Customer, type CustomerRecord } from '../models/customer';
import type { ShopRecord } from '../models/shop';
import { authorizeAction, type Actor } from '../policies/shops';
import { customerPolicy } from '../policies/customers';
import { notifiedOnce } from './order-marks';

type CustomerQuery = z.output<typeof CustomerQuery>;
type UpdateCustomer = z.output<typeof UpdateCustomerRequest>;

/**
 * A placed order, on its buyer's record with the shop: created on the first order, otherwise
 * counted, its address moved (or added) to the front of the last ten. One pipeline update, so two
 * orders at once never lose a count or an address; the unique (shopId, userId) index settles two
 * first orders at once, and the loser simply runs again as an update.
 */
export async function recordCustomerOrder(services: Services, order: OrderRecord, buyer: UserDoc): Promise<Types.ObjectId> {
  const a = order.address;
  const at = order.createdAt ?? services.now();
  const now = services.now();
  const entry = { name: a.name, phone: a.phone, region: a.region, detail: a.detail, lastUsedAt: at };
  const sameAddress = {
    $and: [
      { $eq: ['$$kept.name', { $literal: a.name }] },
      { $eq: ['$$kept.phone', { $literal: a.phone }] },
      { $eq: ['$$kept.region.county.code', { $literal: a.region.county.code }] },
      { $eq: ['$$kept.detail', { $literal: a.detail }] },
    ],
  };
  // $literal around everything a person typed: in a pipeline a string starting with "$" would
  // otherwise be read as a field path.
  const pipeline = [
    {
      $set: {
        name: { $literal: a.name },
        phone: { $literal: a.phone },
        phoneLast4: { $literal: a.phone.slice(-4) },
        province: { $literal: { code: a.region.province.code, name: a.region.province.name } },
        nickname: { $literal: buyer.nickname },
        orderCount: { $add: [{ $ifNull: ['$orderCount', 0] }, 1] },
        paidFen: { $ifNull: ['$paidFen', 0] },
        firstOrderAt: { $min: [{ $ifNull: ['$firstOrderAt', at] }, at] },
        lastOrderAt: { $max: [{ $ifNull: ['$lastOrderAt', at] }, at] },
        addresses: {
          $slice: [
            { $concatArrays: [[{ $literal: entry }], { $filter: { input: { $ifNull: ['$addresses', []] }, as: 'kept', cond: { $not: [sameAddress] } } }] },
            CUSTOMER_ADDRESSES_KEPT,
          ],
        },
        note: { $ifNull: ['$note', ''] },
        tags: { $ifNull: ['$tags', []] },
        version: { $ifNull: ['$version', 0] },
        createdAt: { $ifNull: ['$createdAt', now] },
        updatedAt: now,
      },
    },
  ];
  const filter = { shopId: order.shopId, userId: buyer._id };
  const upsert = () =>
    services.models.Customer.findOneAndUpdate(filter, pipeline, { upsert: true, new: true, projection: { _id: 1 }, timestamps: false }).lean<{ _id: Types.ObjectId }>();
  let done;
  try {
    done = await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    done = await upsert();
  }
  if (!done) throw new Error('customer upsert returned nothing');
  return done._id;
}

/** A paid order's total on its buyer's record, exactly once however often payment is reported. */
export async function recordCustomerPayment(services: Services, order: OrderRecord): Promise<void> {
  if (!(await notifiedOnce(services, order._id, 'customer_paid'))) return;
  await services.models.Customer.updateOne(customerOf(order), { $inc: { paidFen: order.totalFen } });
}

/**
 * Money that went back to the buyer comes off their total paid. Called once per refund by
 * whoever settled it (a guarded update); a late payment's refund is not, since that payment was
 * never counted.
 */
export async function recordCustomerRefund(services: Services, order: Pick<OrderRecord, 'customerId' | 'shopId' | 'buyerId'>, amountFen: number): Promise<void> {
  await services.models.Customer.updateOne(customerOf(order), { $inc: { paidFen: -amountFen } });
}

const customerOf = (order: Pick<OrderRecord, 'customerId' | 'shopId' | 'buyerId'>) =>
  order.customerId ? { _id: order.customerId } : { shopId: order.shopId, userId: order.buyerId };



/**
 * The shop's buyers, latest order first. `q`: a whole phone (11 digits), the last four digits of
 * a phone (or a name containing them), or part of a name.
 */
export async function listCustomers(services: Services, actor: Actor, shopId: string, query: CustomerQuery) {
  const shop = await shopToInspect(services, actor, shopId);
  const filter: Record<string, unknown> = { shopId: shop._id };
  if (query.q) {
    const byName = { name: { $regex: escapeRegExp(query.q) } };
    if (/^1\d{10}$/.test(query.q)) filter.phone = query.q;
    else if (/^\d{4}$/.test(query.q)) filter.$or = [{ phoneLast4: query.q }, byName];
    else Object.assign(filter, byName);
  }
  if (query.tag) filter.tags = query.tag;
  const { Customer } = services.models;
  const [items, total] = await Promise.all([
    Customer.find(filter).sort({ lastOrderAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<CustomerRecord[]>(),
    Customer.countDocuments(filter),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function customerOfShop(services: Services, shop: ShopRecord, customerId: string): Promise<CustomerRecord> {
  // Another shop's customer is "not found" here, whoever asks.
  const customer = Types.ObjectId.isValid(customerId)
    ? await services.models.Customer.findOne({ _id: customerId, shopId: shop._id }).lean<CustomerRecord>()
    : null;
  if (!customer) throw notFound('Customer');
  return customer;
}

export async function customerToInspect(services: Services, actor: Actor, shopId: string, customerId: string): Promise<CustomerRecord> {
  return customerOfShop(services, await shopToInspect(services, actor, shopId), customerId);
}

/** The seller's note and tags; a stale version is VERSION_CONFLICT. */
export async function updateCustomer(services: Services, actor: Actor, shopId: string, customerId: string, req: UpdateCustomer): Promise<CustomerRecord> {
  const shop = await shopToInspect(services, actor, shopId);
  authorizeAction(customerPolicy.manage(actor, shop), 'Only the shop owner may do this');
  const customer = await customerOfShop(services, shop, customerId);
  const set: Partial<Customer> = {};
  if (req.note !== undefined) set.note = req.note;
  if (req.tags !== undefined) set.tags = req.tags;
  if (Object.keys(set).length === 0) {
    if (customer.version !== req.version) throw versionConflict('customer', customer.version);
    return customer;
  }
  const { Customer } = services.models;
  const updated = await Customer.findOneAndUpdate({ _id: customer._id, version: req.version }, { $set: set, $inc: { version: 1 } }, { new: true }).lean<CustomerRecord>();
  if (updated) return updated;
  const current = await Customer.findById(customer._id, { version: 1 }).lean();
  if (!current) throw notFound('Customer');
  throw versionConflict('customer', current.version);
}
