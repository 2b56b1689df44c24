// Who may do what with an order's money and a shop's payment settings. The buyer pays and asks
// for money back; the shop's owner answers, refunds and cancels a paid order (refunding it);
// operators (the service provider's staff) read and set a shop's sub-merchant id but never move
// an order's money.
import type { OrderRecord } from '../models/order';
import { isOperator, ownsShop, type Actor } from './shops';
import { isBuyerOf, type ShopOwner } from './orders';

type Money = Pick<OrderRecord, 'status' | 'refundableFen' | 'refundRequest' | 'paymentMethod' | 'expiresAt' | 'buyerId'>;

/** Statuses in which money was received and may go back. */
const REFUNDABLE_STATUSES = new Set(['paid', 'shipped', 'completed']);
/**
 * The seller may also refund a cancelled order that still holds money: a refund of it that WeChat
 * closed (or a late payment's) puts its amount back, and nobody else can return it.
 */
export const SELLER_REFUNDABLE_STATUSES = ['paid', 'shipped', 'completed', 'cancelled'];

export const refundPolicy = {
  /** The buyer may ask while there is money to return and no question waits already. */
  request: (actor: Actor, order: Money) =>
    isBuyerOf(actor, order) && REFUNDABLE_STATUSES.has(order.status) && order.refundableFen > 0 && order.refundRequest?.status !== 'open',
  answer: (actor: Actor, order: Money, shop: ShopOwner) => ownsShop(actor, shop) && order.refundRequest?.status === 'open',
  refund: (actor: Actor, order: Money, shop: ShopOwner) => ownsShop(actor, shop) && SELLER_REFUNDABLE_STATUSES.includes(order.status) && order.refundableFen > 0,
};

export const paymentSettingsPolicy = {
  view: (actor: Actor, shop: ShopOwner) => ownsShop(actor, shop) || isOperator(actor),
  change: (actor: Actor, shop: ShopOwner) => ownsShop(actor, shop) || isOperator(actor),
};

/** Whether the buyer may pay this order with WeChat Pay now. */
export const payable = (actor: Actor, order: Money, now: Date) =>
  isBuyerOf(actor, order) && order.status === 'awaiting_payment' && order.paymentMethod === 'wechat' && order.expiresAt !== null && order.expiresAt > now;
