// Orders over HTTP: checkout (quote, place), the buyer's list, one order, its transitions, the
// shop's list and order settings. Thin: validate → domain (which authorises) → present.
import {
  CancelOrderRequest, MyOrdersQuery, OrderPage, OrderSettingsView, OrderView, PlaceOrderRequest, QuoteRequest, QuoteView, SellerNoteRequest,
  ShipOrderRequest, ShopOrdersQuery, UpdateOrderSettingsRequest,
} from '../../../../contract/orders';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { IDEMPOTENCY_HEADER } from '../../http/idempotency';
import { placeOrder, quoteOrder } from '../../domain/checkout';
import { myOrders, orderToView, shopOrders, type OrderWithShop } from '../../domain/orders';
import { addParcels, cancelOrderBy, confirmDirectPayment, confirmReceipt, setSellerNote, shipOrder } from '../../domain/order-transitions';
import { orderSettingsToRead, presentOrderSettings, updateOrderSettings } from '../../domain/order-settings';
import { presentOrder, presentOrderCards } from '../../presenters/order';
import type { UserDoc } from '../../models/user';
import type { Services } from '../../services';
import { OrderParams, ShopParams } from '../params';

export const orderRoutes = (services: Services): AnyRoute[] => {
  const present = (user: UserDoc, { order, shop }: OrderWithShop) => presentOrder(services, order, shop, user);
  const page = async (p: Awaited<ReturnType<typeof myOrders>>) => ({ ...p, items: await presentOrderCards(services, p.items) });

  return [
    defineRoute({
      method: 'post',
      path: paths.orderQuote,
      rateLimit: { name: 'order-quote', perMinute: 120 },
      summary: 'Price a cart for checkout from current products and shipping; nothing is reserved',
      tags: ['orders'],
      access: 'user',
      body: QuoteRequest,
      response: QuoteView,
      handler: async ({ user, body }) => quoteOrder(services, user, body),
    }),
    defineRoute({
      method: 'post',
      path: paths.orders,
      idempotent: true,
      rateLimit: { name: 'place-order', perMinute: 30 },
      summary: 'Place an order: stock is taken at once; refused with OUT_OF_STOCK, PRODUCT_UNAVAILABLE, NOT_SHIPPED_TO, PRICE_CHANGED…',
      tags: ['orders'],
      access: 'user',
      body: PlaceOrderRequest,
      response: OrderView,
      status: 201,
      handler: async ({ user, body, ctx }) => present(user, await placeOrder(services, user, body, ctx.get(IDEMPOTENCY_HEADER) || null)),
    }),
    defineRoute({
      method: 'get',
      path: paths.myOrders,
      summary: "The caller's orders, newest first, by status tab, with each tab's count",
      tags: ['orders'],
      access: 'user',
      query: MyOrdersQuery,
      response: OrderPage,
      handler: async ({ user, query }) => page(await myOrders(services, user, query)),
    }),
    defineRoute({
      method: 'get',
      path: paths.order,
      summary: 'One order (its buyer, the shop owner, operators), with the buttons the caller may press',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      response: OrderView,
      handler: async ({ user, params }) => present(user, await orderToView(services, user, params.orderId)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderCancel,
      summary: 'Cancel an unpaid order (buyer or shop owner), with a reason; the stock goes back',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      body: CancelOrderRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await cancelOrderBy(services, user, params.orderId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderConfirmPayment,
      summary: 'The shop owner confirms a direct payment, before the order expires',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      response: OrderView,
      handler: async ({ user, params }) => present(user, await confirmDirectPayment(services, user, params.orderId)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderShip,
      summary: 'Ship a paid order (shop owner): one to ten parcels with courier and tracking number',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      body: ShipOrderRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await shipOrder(services, user, params.orderId, body)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderParcels,
      summary: 'Add parcels to a shipped order (shop owner)',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      body: ShipOrderRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await addParcels(services, user, params.orderId, body)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderConfirmReceipt,
      summary: 'The buyer has the goods: the order completes',
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      response: OrderView,
      handler: async ({ user, params }) => present(user, await confirmReceipt(services, user, params.orderId)),
    }),
    defineRoute({
      method: 'put',
      path: paths.orderSellerNote,
      summary: "The shop owner's own note on an order (only they see it)",
      tags: ['orders'],
      access: 'user',
      params: OrderParams,
      body: SellerNoteRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await setSellerNote(services, user, params.orderId, body.sellerNote)),
    }),
    defineRoute({
      method: 'get',
      path: paths.shopOrders,
      summary: "The shop's orders (owner, operators): by tab, by customer, or found by order number, name or phone",
      tags: ['orders'],
      access: 'user',
      params: ShopParams,
      query: ShopOrdersQuery,
      response: OrderPage,
      handler: async ({ user, params, query }) => page(await shopOrders(services, user, params.shopId, query)),
    }),
    defineRoute({
      method: 'get',
      path: paths.shopOrderSettings,
      summary: "The shop's shipping template and order timeouts (owner, operators)",
      tags: ['orders'],
      access: 'user',
      params: ShopParams,
      response: OrderSettingsView,
      handler: async ({ user, params }) => presentOrderSettings(await orderSettingsToRead(services, user, params.shopId)),
    }),
    defineRoute({
      method: 'put',
      path: paths.shopOrderSettings,
      summary: "Replace the shop's order settings (owner) with the shop's version; a stale one is VERSION_CONFLICT",
      tags: ['orders'],
      access: 'user',
      params: ShopParams,
      body: UpdateOrderSettingsRequest,
      response: OrderSettingsView,
      handler: async ({ user, params, body }) => presentOrderSettings(await updateOrderSettings(services, user, params.shopId, body)),
    }),
  ];
};
