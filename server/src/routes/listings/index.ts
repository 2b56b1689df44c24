// The seller's products ("listings"): the tabs, the editor's view, create, edit, publish,
// unpublish, delete and restock. Reading is for the owner and operators (404 for others);
// changing is for the owner (403 for others).
import {
  CreateProductRequest, ListingPage, ListingQuery, ProductActionRequest, ProductView, StockChangeRequest, UpdateProductRequest,
} from '../../../../contract/products';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { shopToManage } from '../../domain/shops';
import { shopListings } from '../../domain/catalog';
import {
  changeStock, createProduct, deleteProduct, productToInspect, publishProduct, unpublishProduct, updateProduct,
} from '../../domain/products';
import { loadProductPhotos, presentListingCard } from '../../presenters/product';
import { presentProductPage } from '../../presenters/product-page';
import type { ProductRecord } from '../../models/product';
import type { ShopRecord } from '../../models/shop';
import type { Services } from '../../services';
import { ProductParams, ShopParams } from '../params';

export const listingRoutes = (services: Services): AnyRoute[] => {
  const present = (product: ProductRecord, shop?: ShopRecord) => presentProductPage(services, product, shop);

  return [
    defineRoute({
      method: 'get',
      path: paths.shopListings,
      summary: "The shop's products by status tab, with each tab's count (owner, operators)",
      tags: ['listings'],
      access: 'user',
      params: ShopParams,
      query: ListingQuery,
      response: ListingPage,
      handler: async ({ user, params, query }) => {
        const page = await shopListings(services, user, params.shopId, query);
        const photos = await loadProductPhotos(services, page.items);
        return { ...page, items: page.items.map((p) => presentListingCard(p, photos)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: paths.shopListings,
      rateLimit: { name: 'create-listing', perMinute: 30 },
      idempotent: true,
      summary: 'Create a product (owner): a draft, or on sale at once with `publish: true`',
      tags: ['listings'],
      access: 'user',
      params: ShopParams,
      body: CreateProductRequest,
      response: ProductView,
      status: 201,
      handler: async ({ user, params, body }) => {
        const shop = await shopToManage(services, user, params.shopId);
        return present(await createProduct(services, user, shop, body), shop);
      },
    }),
    defineRoute({
      method: 'get',
      path: paths.listing,
      summary: "A product as its editor sees it (owner, operators)",
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      response: ProductView,
      handler: async ({ user, params }) => {
        const { product, shop } = await productToInspect(services, user, params.productId);
        return present(product, shop);
      },
    }),
    defineRoute({
      method: 'patch',
      path: paths.listing,
      rateLimit: { name: 'edit-listing', perMinute: 60 },
      summary: 'Edit a product (owner); `variants` replaces the list; a stale version is VERSION_CONFLICT',
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      body: UpdateProductRequest,
      response: ProductView,
      handler: async ({ user, params, body }) => present(await updateProduct(services, user, params.productId, body)),
    }),
    defineRoute({
      method: 'delete',
      path: paths.listing,
      summary: 'Delete a draft or a product off the shelf (owner)',
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      status: 204,
      handler: async ({ user, params }) => deleteProduct(services, user, params.productId),
    }),
    defineRoute({
      method: 'post',
      path: paths.listingPublish,
      rateLimit: { name: 'publish', perMinute: 20 },
      summary: "Put on sale (owner) after WeChat's content check: risky text is refused (CONTENT_RISKY)",
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      body: ProductActionRequest,
      response: ProductView,
      handler: async ({ user, params, body }) => present(await publishProduct(services, user, params.productId, body.version)),
    }),
    defineRoute({
      method: 'post',
      path: paths.listingUnpublish,
      summary: 'Take off the shelf (owner)',
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      body: ProductActionRequest,
      response: ProductView,
      handler: async ({ user, params, body }) => present(await unpublishProduct(services, user, params.productId, body.version)),
    }),
    defineRoute({
      method: 'post',
      path: paths.listingStock,
      idempotent: true,
      summary: 'Restock or correct stock by deltas (owner), all or nothing; stock never goes below zero',
      tags: ['listings'],
      access: 'user',
      params: ProductParams,
      body: StockChangeRequest,
      response: ProductView,
      handler: async ({ user, params, body }) => present(await changeStock(services, user, params.productId, body)),
    }),
  ];
};
