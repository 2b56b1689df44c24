// Shops: the public directory and page, opening one, the owner's own, editing and pausing.
import { CreateShopRequest, PublicShopView, ShopPage, ShopView, UpdateShopRequest, Paging } from '../../../../contract/shops';
import { ProductCardPage, PublicProductQuery } from '../../../../contract/products';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { optionalUser } from '../../http/optional-user';
import { myShop, openShop, pauseShop, publicShop, reopenShop, shopDirectory, updateShop } from '../../domain/shops';
import { shopProductsOnSale } from '../../domain/catalog';
import { presentPublicShop, presentPublicShops, presentShop } from '../../presenters/shop';
import { loadProductPhotos, presentProductCard } from '../../presenters/product';
import type { Services } from '../../services';
import { ShopParams } from '../params';

export const shopRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.shops,
    summary: 'The directory of shops (not suspended), newest first',
    tags: ['shops'],
    access: 'public',
    query: Paging,
    response: ShopPage,
    handler: async ({ query }) => {
      const page = await shopDirectory(services, query);
      return { ...page, items: await presentPublicShops(services, page.items) };
    },
  }),
  defineRoute({
    method: 'post',
    path: paths.shops,
    idempotent: true,
    summary: 'Open a shop: the caller becomes its owner and a seller (one shop per person)',
    tags: ['shops'],
    access: 'user',
    body: CreateShopRequest,
    response: ShopView,
    status: 201,
    handler: async ({ user, body }) => presentShop(services, await openShop(services, user, body)),
  }),
  defineRoute({
    method: 'get',
    path: paths.myShop,
    summary: "The caller's own shop (404 when they have none)",
    tags: ['shops'],
    access: 'user',
    response: ShopView,
    handler: async ({ user }) => presentShop(services, await myShop(services, user)),
  }),
  defineRoute({
    method: 'get',
    path: paths.shop,
    summary: 'A shop as anyone sees it (a suspended shop is 404 except to its owner and operators)',
    tags: ['shops'],
    access: 'public',
    params: ShopParams,
    response: PublicShopView,
    handler: async ({ params, ctx }) => presentPublicShop(services, await publicShop(services, await optionalUser(services, ctx), params.shopId)),
  }),
  defineRoute({
    method: 'patch',
    path: paths.shop,
    summary: 'Edit the shop (owner); a stale version is refused with VERSION_CONFLICT',
    tags: ['shops'],
    access: 'user',
    params: ShopParams,
    body: UpdateShopRequest,
    response: ShopView,
    handler: async ({ user, params, body }) => presentShop(services, await updateShop(services, user, params.shopId, body)),
  }),
  defineRoute({
    method: 'post',
    path: paths.shopPause,
    summary: 'Pause the shop (owner): buyers see a notice and cannot order',
    tags: ['shops'],
    access: 'user',
    params: ShopParams,
    response: ShopView,
    handler: async ({ user, params }) => presentShop(services, await pauseShop(services, user, params.shopId)),
  }),
  defineRoute({
    method: 'post',
    path: paths.shopReopen,
    summary: 'Reopen a paused shop (owner)',
    tags: ['shops'],
    access: 'user',
    params: ShopParams,
    response: ShopView,
    handler: async ({ user, params }) => presentShop(services, await reopenShop(services, user, params.shopId)),
  }),
  defineRoute({
    method: 'get',
    path: paths.shopProducts,
    summary: "A shop's products on sale, newest first, optionally of one category",
    tags: ['shops'],
    access: 'public',
    params: ShopParams,
    query: PublicProductQuery,
    response: ProductCardPage,
    handler: async ({ params, query, ctx }) => {
      const page = await shopProductsOnSale(services, await optionalUser(services, ctx), params.shopId, query);
      const photos = await loadProductPhotos(services, page.items);
      return { ...page, items: page.items.map((p) => presentProductCard(p, photos)) };
    },
  }),
];
