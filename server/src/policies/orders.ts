// Who may see and do what with an order. The buyer sees their own and may cancel it while unpaid
// or confirm receipt once shipped; the shop's owner sees the shop's orders and runs them (confirm
// a direct payment, ship, cancel while unpaid, notes); operators read everything and act on none.
// Reading someone else's order answers 404; an action by someone who may see it but not do it, 403.
import type { Types } from 'mongoose';
import type { OrderAction, OrderActor } from '../../../contract/orders';
import type { OrderRecord } from '../models/order';
import { isOperator, ownsShop, type Actor } from './shops';
import { payable, refundPolicy } from './payments';

export interface OrderParties {
  buyerId: Types.ObjectId;
}

export interface ShopOwner {
  ownerId: Types.ObjectId;
}

export const isBuyerOf = (actor: Actor, order: OrderParties): boolean => Boolean(actor && order.buyerId.equals(actor._id));

export const orderPolicy = {
  view: (actor: Actor, order: OrderParties, shop: ShopOwner) => isBuyerOf(actor, order) || ownsShop(actor, shop) || isOperator(actor),
  /** The seller's side: their note, the customer record, the shop's order list. */
  viewSellerSide: (actor: Actor, shop: ShopOwner) => ownsShop(actor, shop) || isOperator(actor),
  /** Confirm payment, ship, add parcels, write the seller's note, cancel as the seller. */
  manage: (actor: Actor, shop: ShopOwner) => ownsShop(actor, shop),
  /** Cancel as the buyer, confirm receipt. */
  actAsBuyer: (actor: Actor, order: OrderParties) => isBuyerOf(actor, order),
};

/**
 * As whom the actor cancels: the buyer of their own order, else the shop's owner; null when they
 * may not. (A seller buying from their own shop cancels as the buyer.)
 */
export function cancellingAs(actor: Actor, order: OrderParties, shop: ShopOwner): Extract<OrderActor, 'buyer' | 'seller'> | null {
  if (isBuyerOf(actor, order)) return 'buyer';
  if (ownsShop(actor, shop)) return 'seller';
  return null;
}

/** A direct payment may be confirmed until the order expires (then the expiry job has it). */
export const paymentConfirmable = (order: Pick<OrderRecord, 'status' | 'paymentMethod' | 'expiresAt'>, now: Date) =>
  order.status === 'awaiting_payment' && order.paymentMethod === 'direct' && order.expiresAt !== null && order.expiresAt > now;

/** The buttons to show this person for this order now. */
export function orderActions(actor: Actor, order: Pick<OrderRecord, 'buyerId' | 'status' | 'paymentMethod' | 'expiresAt' | 'refundableFen' | 'refundRequest'>, shop: ShopOwner, now: Date): OrderAction[] {
  const actions = new Set<OrderAction>();
  const money = { ...order, refundableFen: order.refundableFen ?? 0, refundRequest: order.refundRequest ?? null };
  if (orderPolicy.actAsBuyer(actor, order)) {
    if (payable(actor, money, now)) actions.add('pay');
    if (order.status === 'awaiting_payment') actions.add('cancel');
    if (order.status === 'shipped') actions.add('confirm_receipt');
    if (refundPolicy.request(actor, money)) actions.add('request_refund');
  }
  if (orderPolicy.manage(actor, shop)) {
    // A paid order not yet shipped may still be cancelled by the seller: it is refunded in full.
    if (order.status === 'awaiting_payment' || order.status === 'paid') actions.add('cancel');
    if (paymentConfirmable(order, now)) actions.add('confirm_payment');
    if (order.status === 'paid') actions.add('ship');
    if (order.status === 'shipped') actions.add('add_parcel');
    if (refundPolicy.answer(actor, money, shop)) actions.add('answer_refund');
    if (refundPolicy.refund(actor, money, shop)) actions.add('refund');
  }
  return [...actions];
}
