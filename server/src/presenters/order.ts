// Orders → what the buyer, the seller and operators see (OrderView, OrderCard) and the checkout
// quote (QuoteView). The one place that decides which fields leave the server: the seller's note
// and the customer record go to the seller's side only; lists show a masked phone.
import type { OrderCard, OrderView, QuoteView } from '../../../contract/orders';
import { maskPhone } from '../../../contract/addresses';
import { courierByCode } from '../../../contract/couriers';
import type { PhotoView } from '../../../contract/photos';
import type { OrderRecord } from '../models/order';
import type { ShopRecord } from '../models/shop';
import type { Services } from '../services';
import type { Actor } from '../policies/shops';
import { orderActions, orderPolicy } from '../policies/orders';
import type { PricedCart } from '../domain/cart';
import { acceptingOrders } from './shop';
import { loadPhotos } from './photo';
import { paymentMethodsFor } from '../domain/payment-setup';
import { presentMoney } from './money';

type Photos = Map<string, PhotoView>;
const photo = (photos: Photos, id: string | null | undefined) => (id && photos.get(id)) || null;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function presentQuote(services: Services, shop: ShopRecord, cart: PricedCart): Promise<QuoteView> {
  const photos = await loadPhotos(services, [shop.logoPhotoId, ...cart.lines.map((l) => l.product?.photoIds[0])].filter((id): id is string => Boolean(id)));
  return {
    shop: { id: String(shop._id), name: shop.name, logo: photo(photos, shop.logoPhotoId), acceptingOrders: acceptingOrders(shop) },
    lines: cart.lines.map((l) => ({
      productId: l.input.productId,
      variantId: l.input.variantId,
      title: l.product?.title ?? '',
      variantName: l.variant?.name ?? '',
      priceFen: l.variant?.priceFen ?? 0,
      netWeightGrams: l.variant?.netWeightGrams ?? 0,
      quantity: l.input.quantity,
      lineFen: l.lineFen,
      cover: photo(photos, l.product?.photoIds[0]),
      available: l.available,
      problem: l.problem,
    })),
    subtotalFen: cart.subtotalFen,
    weightGrams: cart.weightGrams,
    shipping: cart.shipping && (cart.shipping.ships ? cart.shipping : { ships: false, province: cart.shipping.province.name }),
    totalFen: cart.totalFen,
    paymentMethods: paymentMethodsFor(services, shop),
    unpaidMinutes: shop.orderSettings.unpaidMinutes,
  };
}

/** One order in full, for the person looking at it (their buttons, and the seller's side if theirs). */
export async function presentOrder(services: Services, order: OrderRecord, shop: ShopRecord, viewer: Actor): Promise<OrderView> {
  const [photos, buyer] = await Promise.all([
    loadPhotos(services, [shop.logoPhotoId, ...order.lines.map((l) => l.coverPhotoId)].filter((id): id is string => Boolean(id))),
    viewer?._id.equals(order.buyerId) ? viewer : services.models.User.findById(order.buyerId, { nickname: 1 }).lean(),
  ]);
  const sellerSide = orderPolicy.viewSellerSide(viewer, shop);
  return {
    id: String(order._id),
    orderNo: order.orderNo,
    status: order.status === 'placing' ? 'awaiting_payment' : order.status,
    shop: { id: String(shop._id), name: shop.name, logo: photo(photos, shop.logoPhotoId), phone: shop.phone },
    buyer: { id: String(order.buyerId), nickname: buyer?.nickname ?? '' },
    customerId: sellerSide && order.customerId ? String(order.customerId) : null,
    lines: order.lines.map((l) => ({
      productId: String(l.productId),
      variantId: String(l.variantId),
      title: l.title,
      variantName: l.variantName,
      priceFen: l.priceFen,
      netWeightGrams: l.netWeightGrams,
      quantity: l.quantity,
      lineFen: l.lineFen,
      cover: photo(photos, l.coverPhotoId),
      packedGrams: l.packedGrams ?? null,
    })),
    subtotalFen: order.subtotalFen,
    shippingFen: order.shippingFen,
    totalFen: order.totalFen,
    weightGrams: order.weightGrams,
    address: { name: order.address.name, phone: order.address.phone, region: order.address.region, detail: order.address.detail },
    buyerNote: order.buyerNote,
    sellerNote: sellerSide ? order.sellerNote : null,
    paymentMethod: order.paymentMethod,
    money: presentMoney(order),
    paidAt: iso(order.paidAt),
    parcels: order.parcels.map((p) => ({ courierCode: p.courierCode, courierName: courierByCode(p.courierCode)?.name ?? p.courierCode, trackingNo: p.trackingNo, at: p.at.toISOString() })),
    shippedAt: iso(order.shippedAt),
    completedAt: iso(order.completedAt),
    cancelled: order.cancelled ? { at: order.cancelled.at.toISOString(), by: order.cancelled.by, reason: order.cancelled.reason } : null,
    expiresAt: order.status === 'awaiting_payment' ? iso(order.expiresAt) : null,
    autoCompleteAt: order.status === 'shipped' ? iso(order.autoCompleteAt) : null,
    timeline: order.timeline.map((t) => ({ at: t.at.toISOString(), event: t.event, actor: t.actor, note: t.note })),
    actions: orderActions(viewer, order, shop, services.now()),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** What a card shows, so lists read only that much of each order (not its timeline, notes…). */
export const ORDER_CARD_FIELDS = {
  orderNo: 1, status: 1, shopId: 1, 'lines.title': 1, 'lines.coverPhotoId': 1, 'lines.quantity': 1, totalFen: 1, weightGrams: 1,
  'address.name': 1, 'address.phone': 1, 'address.region.province': 1, paymentMethod: 1, expiresAt: 1, createdAt: 1,
} as const;

export type OrderCardRecord = Pick<
  OrderRecord, '_id' | 'orderNo' | 'status' | 'shopId' | 'totalFen' | 'weightGrams' | 'paymentMethod' | 'expiresAt' | 'createdAt'
> & {
  lines: Pick<OrderRecord['lines'][number], 'title' | 'coverPhotoId' | 'quantity'>[];
  address: { name: string; phone: string; region: { province: { name: string } } };
};

/** A page of orders as cards, with their shops' names and covers loaded once for the page. */
export async function presentOrderCards(services: Services, orders: OrderCardRecord[]): Promise<OrderCard[]> {
  const shopIds = [...new Set(orders.map((o) => String(o.shopId)))];
  const [shops, photos] = await Promise.all([
    services.models.Shop.find({ _id: { $in: shopIds } }, { name: 1 }).lean(),
    loadPhotos(services, orders.map((o) => o.lines[0]?.coverPhotoId).filter((id): id is string => Boolean(id))),
  ]);
  const names = new Map(shops.map((s) => [String(s._id), s.name]));
  return orders.map((o) => ({
    id: String(o._id),
    orderNo: o.orderNo,
    status: o.status === 'placing' ? 'awaiting_payment' : o.status,
    shop: { id: String(o.shopId), name: names.get(String(o.shopId)) ?? '' },
    title: o.lines[0]?.title ?? '',
    cover: photo(photos, o.lines[0]?.coverPhotoId),
    lineCount: o.lines.length,
    packCount: o.lines.reduce((n, l) => n + l.quantity, 0),
    totalFen: o.totalFen,
    weightGrams: o.weightGrams,
    receiver: { name: o.address.name, phoneMasked: maskPhone(o.address.phone), province: o.address.region.province.name },
    paymentMethod: o.paymentMethod,
    expiresAt: o.status === 'awaiting_payment' ? iso(o.expiresAt) : null,
    createdAt: o.createdAt.toISOString(),
  }));
}
