// An order's life after placing: cancel, expire, pay, ship, add parcels, confirm receipt,
// complete. Each is ONE guarded atomic update on {_id, status: from, …} that also writes the
// timeline, so when a buyer, the seller and the timed jobs act at once exactly one wins; only the
// winner does what follows (stock, customer record, messages). A wrong state answers 409 with the
// action's code and the order's status now.
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { OrderActor, OrderEvent, ShipOrderRequest } from '../../../contract/orders';
import type { OrderStateDetails } from '../../../contract/errors';
import type { ErrorCode } from '../../../contract/errors';
import { PARCELS_MAX } from '../../../contract/limits';
import { AppError, notFound, validationError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderRecord, StoredOrderStatus } from '../models/order';
import { authorizeAction } from '../policies/shops';
import { cancellingAs, orderPolicy } from '../policies/orders';
import { orderToView, type OrderWithShop } from './orders';
import { returnOrderStock, settleOrderStock } from './order-stock';
import { afterOrderPaid, afterOrderShipped } from './order-effects';
import { cancelPaidOrder, startRefund } from './refunds';
import { closeUnpaidPayment } from './payments';
import { weightRefundsFor } from './packed-weights';
import { shippingUploadFor, uploadShippingSoon } from './shipping-upload';

export interface ActedBy {
  actor: OrderActor;
  /** Null for the system. */
  userId: Types.ObjectId | null;
  note?: string | null;
}

type Refusal = Extract<ErrorCode, 'ORDER_NOT_CANCELLABLE' | 'ORDER_NOT_PAYABLE' | 'ORDER_NOT_SHIPPABLE' | 'ORDER_NOT_RECEIVABLE'>;

const MESSAGES: Record<Refusal, string> = {
  ORDER_NOT_CANCELLABLE: 'This order can no longer be cancelled',
  ORDER_NOT_PAYABLE: 'This order can no longer be paid',
  ORDER_NOT_SHIPPABLE: 'This order cannot be shipped now',
  ORDER_NOT_RECEIVABLE: 'This order is not on its way',
};

async function refusal(services: Services, orderId: Types.ObjectId, code: Refusal): Promise<never> {
  const now = await services.models.Order.findById(orderId, { status: 1 }).lean();
  if (!now) throw notFound('Order');
  const details: OrderStateDetails = { status: now.status };
  throw new AppError(code, MESSAGES[code], details);
}

export const entry = (at: Date, event: OrderEvent, by: ActedBy) => ({ at, event, actor: by.actor, userId: by.userId, note: by.note ?? null });

/** The one guarded update every transition is; null when the order was not in a state it applies to. */
function move(services: Services, orderId: Types.ObjectId, from: StoredOrderStatus, extra: Record<string, unknown>, set: Record<string, unknown>, timeline: ReturnType<typeof entry>) {
  return services.models.Order.findOneAndUpdate(
    { _id: orderId, status: from, ...extra },
    { $set: set, $push: { timeline } },
    { new: true },
  ).lean<OrderRecord>();
}

// ---- Cancelling and expiring: the stock goes back ----

async function cancelOrder(services: Services, orderId: Types.ObjectId, by: ActedBy, reason: string, event: 'cancelled' | 'expired', extra: Record<string, unknown> = {}) {
  const at = services.now();
  const cancelled = await move(
    services,
    orderId,
    'awaiting_payment',
    extra,
    { status: 'cancelled', cancelled: { at, by: by.actor, userId: by.userId, reason }, expiresAt: null },
    entry(at, event, { ...by, note: reason }),
  );
  if (cancelled) await returnOrderStock(services, cancelled);
  return cancelled;
}

/** The buyer or the seller cancels an unpaid order, with a reason. */
export async function cancelOrderBy(services: Services, user: UserDoc, orderId: string, reason: string): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  const as = cancellingAs(user, order, shop);
  authorizeAction(as !== null, 'Only the buyer or the shop owner may cancel this order');
  if (order.status === 'paid' && as === 'seller') {
    // Paid and not shipped: the seller may still cancel, and the buyer gets everything back.
    const cancelledPaid = await cancelPaidOrder(services, order, { actor: 'seller', userId: user._id }, reason);
    return { order: cancelledPaid ?? (await refusal(services, order._id, 'ORDER_NOT_CANCELLABLE')), shop };
  }
  const cancelled = await cancelOrder(services, order._id, { actor: as as OrderActor, userId: user._id }, reason, 'cancelled');
  if (cancelled?.payment?.state === 'pending') {
    // So a pay sheet still open on the buyer's phone can no longer take money for it (the
    // reconcile job closes it should this fail; a payment that slips through is refunded).
    services.background.run('close the WeChat order', () => closeUnpaidPayment(services, cancelled._id));
  }
  return { order: cancelled ?? (await refusal(services, order._id, 'ORDER_NOT_CANCELLABLE')), shop };
}

export const EXPIRED_REASON = '超时未付款';

/** The expiry job: an unpaid order past its time. False when someone else moved it first (paid, cancelled, expired). */
export async function expireOrder(services: Services, orderId: Types.ObjectId): Promise<boolean> {
  const r = await cancelOrder(services, orderId, { actor: 'system', userId: null }, EXPIRED_REASON, 'expired', { expiresAt: { $lte: services.now() } });
  return r !== null;
}

// ---- Paying ----

/** How a payment is recorded: the seller's word (direct) or WeChat Pay's (its own guard and fields). */
export interface PaidWith {
  /** What was received (fen): the order's total. */
  paidFen: number;
  /** When the money moved (WeChat's success_time); default now. */
  paidAt?: Date;
  /** Replaces the expiry guard: WeChat Pay's own time_expire already bounds a WeChat payment. */
  extraGuard?: Record<string, unknown>;
  extraSet?: Record<string, unknown>;
}

/**
 * Marks an unpaid order paid. For a direct payment the guard is `expiresAt > now`, which with
 * `expiresAt ≤ now` in the expiry job makes a confirmation racing the deadline and the expiry
 * exclusive: the order ends either paid with its stock held or cancelled with its stock returned,
 * never both. WeChat Pay's notification passes its own guard instead (a payment WeChat accepted
 * before time_expire counts even if its word arrives a little later; if the expiry job won, the
 * money is refunded: domain/payments.ts).
 */
export async function markOrderPaid(services: Services, orderId: Types.ObjectId, by: ActedBy, w: PaidWith): Promise<OrderRecord> {
  const at = services.now();
  const paidAt = w.paidAt ?? at;
  const guard = w.extraGuard ?? { expiresAt: { $gt: at } };
  const set = { status: 'paid', paidAt, paidFen: w.paidFen, refundableFen: w.paidFen, expiresAt: null, ...w.extraSet };
  const paid = await move(services, orderId, 'awaiting_payment', guard, set, entry(at, 'paid', by));
  if (!paid) return refusal(services, orderId, 'ORDER_NOT_PAYABLE');
  await afterOrderPaid(services, paid);
  return paid;
}

/** The seller has the buyer's money (a transfer, cash) and says so. */
export async function confirmDirectPayment(services: Services, user: UserDoc, orderId: string): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may confirm a payment');
  if (order.paymentMethod !== 'direct') throw new AppError('ORDER_NOT_PAYABLE', 'This order is paid through WeChat Pay, not by hand', { status: order.status } satisfies OrderStateDetails);
  return { order: await markOrderPaid(services, order._id, { actor: 'seller', userId: user._id }, { paidFen: order.totalFen }), shop };
}

// ---- Shipping ----

type Ship = z.output<typeof ShipOrderRequest>;

const parcelsOf = (req: Ship, at: Date) => req.parcels.map((p) => ({ courierCode: p.courierCode, trackingNo: p.trackingNo, at }));
const trackingNote = (req: Ship) => req.parcels.map((p) => `${p.courierCode} ${p.trackingNo}`).join(', ');

/**
 * The seller ships a paid order: parcels, the day it completes by itself, and what was really
 * packed where it was short (refunded in proportion, 多退少补); the stock is settled, and a WeChat
 * Pay order's shipping goes to WeChat, which holds the money until it has it.
 */
export async function shipOrder(services: Services, user: UserDoc, orderId: string, req: Ship): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may ship this order');
  const weighed = weightRefundsFor(order, req.packedWeights ?? []);
  const at = services.now();
  const autoCompleteAt = new Date(at.getTime() + shop.orderSettings.autoCompleteDays * 86_400_000);
  const shipped = await move(
    services,
    order._id,
    'paid',
    {},
    { status: 'shipped', parcels: parcelsOf(req, at), shippedAt: at, autoCompleteAt, ...weighed.set, ...(shippingUploadFor(order, at) ?? {}) },
    entry(at, 'shipped', { actor: 'seller', userId: user._id, note: trackingNote(req) }),
  );
  if (!shipped) return refusal(services, order._id, 'ORDER_NOT_SHIPPABLE');
  await settleOrderStock(services, shipped);
  let after = shipped;
  if (weighed.refundFen > 0) after = (await refundShortWeight(services, shipped, weighed, user)) ?? after;
  uploadShippingSoon(services, shipped);
  await afterOrderShipped(services, shipped);
  return { order: after, shop };
}

/**
 * The weight refund after shipping, capped by what is left to refund (earlier refunds, or one
 * racing this). The order has shipped whatever happens here, so a refusal is logged, not thrown.
 */
async function refundShortWeight(services: Services, shipped: OrderRecord, weighed: { refundFen: number; reason: string }, user: UserDoc): Promise<OrderRecord | null> {
  const by: ActedBy = { actor: 'seller', userId: user._id };
  let amountFen = Math.min(weighed.refundFen, shipped.refundableFen);
  for (let attempt = 0; attempt < 2 && amountFen > 0; attempt += 1) {
    try {
      return await startRefund(services, shipped._id, { amountFen, kind: 'weight', reason: weighed.reason, by });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'REFUND_TOO_LARGE')) throw err;
      amountFen = Math.min(amountFen, (err.details as { refundableFen: number }).refundableFen);
    }
  }
  services.logger.warn({ orderId: String(shipped._id), refundFen: weighed.refundFen }, 'nothing left to refund for the short weight');
  return null;
}

/** Another parcel for a shipped order (a second box, a resend). No tracking number twice, ten at most. */
export async function addParcels(services: Services, user: UserDoc, orderId: string, req: Ship): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may add parcels');
  const trackingNos = req.parcels.map((p) => p.trackingNo);
  const known = new Set(order.parcels.map((p) => p.trackingNo));
  const dupes = trackingNos.flatMap((t, i) => (known.has(t) ? [{ path: `parcels.${i}.trackingNo`, message: 'this parcel is already on the order', code: 'duplicate' }] : []));
  if (dupes.length) throw validationError(dupes);
  if (order.parcels.length + req.parcels.length > PARCELS_MAX) throw validationError([{ path: 'parcels', message: `an order has at most ${PARCELS_MAX} parcels`, code: 'too_big' }]);
  const at = services.now();
  // The conditions repeat the checks above, atomically, against a seller adding from two phones.
  const updated = await services.models.Order.findOneAndUpdate(
    { _id: order._id, status: 'shipped', 'parcels.trackingNo': { $nin: trackingNos }, [`parcels.${PARCELS_MAX - req.parcels.length}`]: { $exists: false } },
    { $push: { parcels: { $each: parcelsOf(req, at) }, timeline: entry(at, 'parcel_added', { actor: 'seller', userId: user._id, note: trackingNote(req) }) } },
    { new: true },
  ).lean<OrderRecord>();
  if (updated) return { order: updated, shop };
  const now = await services.models.Order.findById(order._id, { status: 1 }).lean();
  if (now?.status === 'shipped') throw new AppError('CONFLICT', 'Parcels were added meanwhile; reload the order');
  return refusal(services, order._id, 'ORDER_NOT_SHIPPABLE');
}

// ---- Receiving and completing ----

/** The buyer has the goods. */
export async function confirmReceipt(services: Services, user: UserDoc, orderId: string): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.actAsBuyer(user, order), 'Only the buyer may confirm receipt');
  const at = services.now();
  const done = await move(services, order._id, 'shipped', {}, { status: 'completed', completedAt: at, autoCompleteAt: null }, entry(at, 'received', { actor: 'buyer', userId: user._id }));
  return { order: done ?? (await refusal(services, order._id, 'ORDER_NOT_RECEIVABLE')), shop };
}

/** The completion job: a shipped order the buyer never confirmed. False when it moved first. */
export async function completeOrder(services: Services, orderId: Types.ObjectId): Promise<boolean> {
  const at = services.now();
  const done = await move(services, orderId, 'shipped', { autoCompleteAt: { $lte: at } }, { status: 'completed', completedAt: at, autoCompleteAt: null }, entry(at, 'completed', { actor: 'system', userId: null }));
  return done !== null;
}

// ---- The seller's note: not a transition ----

export async function setSellerNote(services: Services, user: UserDoc, orderId: string, sellerNote: string): Promise<OrderWithShop> {
  const { order, shop } = await orderToView(services, user, orderId);
  authorizeAction(orderPolicy.manage(user, shop), 'Only the shop owner may write the seller note');
  const updated = await services.models.Order.findOneAndUpdate({ _id: order._id }, { $set: { sellerNote: sellerNote || null } }, { new: true }).lean<OrderRecord>();
  if (!updated) throw notFound('Order');
  return { order: updated, shop };
}
