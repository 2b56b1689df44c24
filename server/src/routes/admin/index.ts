// Platform operators: every shop (search, suspend, unsuspend) and the product review queue.
import { AdminShopPage, AdminShopQuery, ShopView, SuspendShopRequest } from '../../../../contract/shops';
import { AdminProductPage, AdminProductQuery, ProductView, TakeDownRequest } from '../../../../contract/products';
import { PaymentIncidentPage, PaymentIncidentQuery } from '../../../../contract/payments';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listShopsForOperators, suspendShop, unsuspendShop } from '../../domain/shops';
import { clearFlag, reviewQueue, takeDown } from '../../domain/moderation';
import { listPaymentIncidents } from '../../domain/payment-incidents';
import { presentShop, presentShops } from '../../presenters/shop';
import { loadProductPhotos, presentListingCard } from '../../presenters/product';
import { presentProductPage } from '../../presenters/product-page';
import type { ProductRecord } from '../../models/product';
import type { Services } from '../../services';
import { ProductParams, ShopParams } from '../params';

export const adminRoutes = (services: Services): AnyRoute[] => {
  const present = (product: ProductRecord) => presentProductPage(services, product);

  return [
    defineRoute({
      method: 'get',
      path: paths.adminPaymentIncidents,
      summary: 'What WeChat Pay told us that was not applied (a wrong amount, an unknown order…), newest first',
      tags: ['admin'],
      access: 'operator',
      query: PaymentIncidentQuery,
      response: PaymentIncidentPage,
      handler: async ({ query }) => listPaymentIncidents(services, query),
    }),
    defineRoute({
      method: 'get',
      path: paths.adminShops,
      summary: 'Every shop, newest first; search by name, filter by suspension',
      tags: ['admin'],
      access: 'operator',
      query: AdminShopQuery,
      response: AdminShopPage,
      handler: async ({ user, query }) => {
        const page = await listShopsForOperators(services, user, query);
        return { ...page, items: await presentShops(services, page.items) };
      },
    }),
    defineRoute({
      method: 'post',
      path: paths.adminShopSuspend,
      summary: 'Suspend a shop: hidden from buyers, its products cannot go on sale',
      tags: ['admin'],
      access: 'operator',
      params: ShopParams,
      body: SuspendShopRequest,
      response: ShopView,
      handler: async ({ user, params, body }) => presentShop(services, await suspendShop(services, user, params.shopId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: paths.adminShopUnsuspend,
      summary: 'Lift a suspension',
      tags: ['admin'],
      access: 'operator',
      params: ShopParams,
      response: ShopView,
      handler: async ({ user, params }) => presentShop(services, await unsuspendShop(services, user, params.shopId)),
    }),
    defineRoute({
      method: 'get',
      path: paths.adminProducts,
      summary: "Products by review state (default: flagged by WeChat's content check)",
      tags: ['admin'],
      access: 'operator',
      query: AdminProductQuery,
      response: AdminProductPage,
      handler: async ({ user, query }) => {
        const { items, shopNames, ...paging } = await reviewQueue(services, user, query);
        const photos = await loadProductPhotos(services, items);
        return {
          ...paging,
          items: items.map((p) => ({ ...presentListingCard(p, photos), shopId: String(p.shopId), shopName: shopNames.get(String(p.shopId)) ?? '' })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: paths.adminProductClear,
      summary: 'Clear a flagged product after looking at it',
      tags: ['admin'],
      access: 'operator',
      params: ProductParams,
      response: ProductView,
      handler: async ({ user, params }) => present(await clearFlag(services, user, params.productId)),
    }),
    defineRoute({
      method: 'post',
      path: paths.adminProductTakeDown,
      summary: 'Take a product down: off the shelf, with the reason its seller sees',
      tags: ['admin'],
      access: 'operator',
      params: ProductParams,
      body: TakeDownRequest,
      response: ProductView,
      handler: async ({ user, params, body }) => present(await takeDown(services, user, params.productId, body.reason)),
    }),
  ];
};
