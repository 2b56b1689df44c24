// Checkout: the quote (nothing reserved) and placing an order. Placing writes the order first as
// `placing`, then takes each line's stock under a hold keyed by order and variant, then opens the
// order with one guarded update. A refusal gives back what was taken and deletes the order; a
// crash mid-way is finished by the sweeper (jobs/sweep-order-stock.ts), and the hold keys make
// every give-back happen exactly once.
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { PlaceOrderRequest, QuoteRequest, QuoteView } from '../../../contract/orders';
import type { NotShippedToDetails, StockProblemDetails } from '../../../contract/errors';
import { AppError, validationError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { Order, OrderLine, OrderRecord } from '../models/order';
import type { ShopRecord } from '../models/shop';
import { isDuplicateKey } from '../db/errors';
import { acceptingOrders } from '../presenters/shop';
import { presentQuote } from '../presenters/order';
import { loadCartProducts, priceCart, provinceNamed, type PricedCart } from './cart';
import { listRegions, regionPath } from './regions';
import { publicShop } from './shops';
import { holdKeyFor, reserveStock } from './stock';
import { releaseOrderHolds } from './order-stock';
import { afterOrderPlaced } from './order-effects';
import { paymentMethodsFor } from './payment-setup';
import { orderToView, type OrderWithShop } from './orders';

type Quote = z.output<typeof QuoteRequest>;
type Place = z.output<typeof PlaceOrderRequest>;

function checkRegion(regionCode: string | undefined, path: string) {
  // Any real division will do for a quote: a county, a city, or just the province.
  if (regionCode !== undefined && (!provinceNamed(regionCode) || listRegions(regionCode) === null)) {
    throw validationError([{ path, message: 'no such province, city or county', code: 'unknown_region' }]);
  }
}

export async function quoteOrder(services: Services, user: UserDoc, req: Quote): Promise<QuoteView> {
  checkRegion(req.regionCode, 'regionCode');
  const shop = await publicShop(services, user, req.shopId);
  const cart = priceCart(shop, await loadCartProducts(services, req.lines), req.lines, req.regionCode);
  return presentQuote(services, shop, cart);
}

/** The refusals a cart can earn before anything is reserved. */
async function refuseCart(services: Services, shop: ShopRecord, cart: PricedCart, req: Place): Promise<void> {
  if (!acceptingOrders(shop)) throw new AppError('SHOP_NOT_ACCEPTING_ORDERS', 'This shop is not taking orders right now');
  for (const l of cart.lines) {
    if (!l.problem) continue;
    const details: StockProblemDetails = { productId: l.input.productId, variantId: l.input.variantId, available: l.available };
    if (l.problem === 'unavailable') throw new AppError('PRODUCT_UNAVAILABLE', 'A product in the order is no longer on sale', details);
    throw new AppError('OUT_OF_STOCK', l.available === 0 ? 'Sold out' : `Only ${l.available} left`, details);
  }
  if (cart.shipping && !cart.shipping.ships) {
    const details: NotShippedToDetails = { province: cart.shipping.province };
    throw new AppError('NOT_SHIPPED_TO', `This shop does not ship to ${cart.shipping.province.name}`, details);
  }
  if (req.expectedTotalFen !== undefined && req.expectedTotalFen !== cart.totalFen) {
    throw new AppError('PRICE_CHANGED', 'The price changed; check the new total', { quote: await presentQuote(services, shop, cart) });
  }
}

/** Short, readable and unique enough to retry on the rare clash: the day in China, then 7 random digits. */
export function newOrderNo(now: Date): string {
  const chinaDay = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${chinaDay}-${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

const ORDER_NO_ATTEMPTS = 5;
// A retry with the same key while the first is still reserving waits this long for it.
const PLACING_WAIT_MS = 2_000;

/** The order placed earlier with this key, once it is out of `placing`; CONFLICT if it stays there. */
async function orderPlacedWithKey(services: Services, buyerId: Types.ObjectId, placeKey: string): Promise<OrderRecord | null> {
  for (let waited = 0; ; waited += 100) {
    const order = await services.models.Order.findOne({ buyerId, placeKey }).lean<OrderRecord>();
    if (!order || order.status !== 'placing') return order;
    if (waited >= PLACING_WAIT_MS) throw new AppError('CONFLICT', 'This order is still being processed; try again in a moment');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function insertOrder(services: Services, fields: Omit<Order, 'orderNo' | 'createdAt' | 'updatedAt'> & { _id: Types.ObjectId }) {
  return services.models.Order.create({ ...fields, orderNo: newOrderNo(services.now()) });
}

/**
 * Places an order for the cart as priced now, or returns the order this buyer already placed with
 * `placeKey` (their Idempotency-Key). Refusals change nothing: no order, no stock taken.
 */
export async function placeOrder(services: Services, user: UserDoc, req: Place, placeKey: string | null): Promise<OrderWithShop> {
  if (placeKey) {
    const earlier = await orderPlacedWithKey(services, user._id, placeKey);
    if (earlier) return orderToView(services, user, String(earlier._id));
  }
  const region = regionPath(req.address.regionCode);
  if (!region) throw validationError([{ path: 'address.regionCode', message: 'must be a county (or district) code', code: 'unknown_region' }]);
  const shop = await publicShop(services, user, req.shopId);
  if (!paymentMethodsFor(services, shop).includes(req.paymentMethod)) {
    throw validationError([{ path: 'paymentMethod', message: 'this shop does not take WeChat Pay', code: 'invalid_enum_value' }]);
  }
  const cart = priceCart(shop, await loadCartProducts(services, req.lines), req.lines, req.address.regionCode);
  await refuseCart(services, shop, cart, req);

  const now = services.now();
  const orderId = new Types.ObjectId();
  const lines: OrderLine[] = cart.lines.map((l) => {
    const product = l.product as NonNullable<typeof l.product>;
    const variant = l.variant as NonNullable<typeof l.variant>;
    return {
      productId: product._id,
      variantId: variant._id,
      title: product.title,
      variantName: variant.name,
      priceFen: variant.priceFen,
      netWeightGrams: variant.netWeightGrams,
      quantity: l.input.quantity,
      lineFen: l.lineFen,
      coverPhotoId: product.photoIds[0] ?? null,
      holdKey: holdKeyFor(orderId, variant._id),
      packedGrams: null,
    };
  });
  const fields = {
    _id: orderId,
    shopId: shop._id,
    buyerId: user._id,
    customerId: null,
    status: 'placing' as const,
    lines,
    subtotalFen: cart.subtotalFen,
    shippingFen: cart.shipping?.ships ? cart.shipping.fen : 0,
    totalFen: cart.totalFen,
    weightGrams: cart.weightGrams,
    packagingGrams: shop.orderSettings.shipping.packagingGrams,
    address: { name: req.address.name, phone: req.address.phone, region, detail: req.address.detail },
    buyerNote: req.buyerNote,
    sellerNote: null,
    paymentMethod: req.paymentMethod,
    paidAt: null,
    paidFen: 0,
    refundedFen: 0,
    refundableFen: 0,
    payment: null,
    refunds: [],
    refundRequest: null,
    shippingUpload: null,
    parcels: [],
    shippedAt: null,
    completedAt: null,
    cancelled: null,
    expiresAt: new Date(now.getTime() + shop.orderSettings.unpaidMinutes * 60_000),
    autoCompleteAt: null,
    stock: 'reserving' as const,
    placeKey,
    timeline: [],
    notified: [],
  };

  for (let attempt = 1; ; attempt += 1) {
    try {
      await insertOrder(services, fields);
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const keyPattern = (err as { keyPattern?: Record<string, unknown> }).keyPattern ?? {};
      if ('placeKey' in keyPattern && placeKey) {
        const earlier = await orderPlacedWithKey(services, user._id, placeKey);
        if (earlier) return orderToView(services, user, String(earlier._id));
      }
      if (attempt >= ORDER_NO_ATTEMPTS) throw err;
    }
  }

  try {
    for (const line of lines) await reserveStock(services, line, line.holdKey);
  } catch (err) {
    await abandonPlacing(services, { _id: orderId, lines });
    throw err;
  }

  // Guarded on `reserving`: the sweeper marks an order it gives up on, and then this must not open it.
  const placed = await services.models.Order.findOneAndUpdate(
    { _id: orderId, status: 'placing', stock: 'reserving' },
    { $set: { status: 'awaiting_payment', stock: 'held' }, $push: { timeline: { at: now, event: 'placed', actor: 'buyer', userId: user._id, note: null } } },
    { new: true },
  ).lean<OrderRecord>();
  if (!placed) {
    await abandonPlacing(services, { _id: orderId, lines });
    throw new AppError('CONFLICT', 'Placing the order took too long; please try again');
  }
  return { order: await afterOrderPlaced(services, placed, user, req.saveAddress ? req.address : null), shop };
}

/** Gives back whatever a failed placement took, then removes the order that never was. */
async function abandonPlacing(services: Services, order: { _id: Types.ObjectId; lines: OrderLine[] }): Promise<void> {
  await releaseOrderHolds(services, order);
  await services.models.Order.deleteOne({ _id: order._id, status: 'placing' });
}
