// Reading products: buyers browse a shop's products on sale and open one; the seller (and
// operators) page through the shop's listings by status tab.
import type { z } from 'zod';
import type { ListingQuery, PublicProductQuery } from '../../../contract/products';
import { notFound } from '../errors';
import type { Services } from '../services';
import type { ProductRecord } from '../models/product';
import type { ShopRecord } from '../models/shop';
import { authorizeRead, type Actor } from '../policies/shops';
import { productPolicy } from '../policies/products';
import { publicShop, shopToInspect } from './shops';

/**
 * Pages never show stock holds (an order line each; a popular product has hundreds), so reads for
 * them leave holds out. Records read this way have no `holds`: only domain/stock.ts uses them.
 */
export const WITHOUT_HOLDS = { holds: 0 } as const;

/** A product as buyers see it: on sale, in a shop they may see. Anything else is 404. */
export async function publicProduct(services: Services, actor: Actor, productId: string): Promise<{ product: ProductRecord; shop: ShopRecord }> {
  const product = await services.models.Product.findById(productId, WITHOUT_HOLDS).lean<ProductRecord>();
  if (!product) throw notFound('Product');
  const shop = await services.models.Shop.findById(product.shopId).lean<ShopRecord>();
  authorizeRead(Boolean(shop) && productPolicy.viewPublic(actor, product, shop as ShopRecord), 'Product');
  return { product, shop: shop as ShopRecord };
}

/** A shop's products on sale, newest first, maybe of one category. */
export async function shopProductsOnSale(services: Services, actor: Actor, shopId: string, query: z.output<typeof PublicProductQuery>) {
  const shop = await publicShop(services, actor, shopId);
  const filter = { shopId: shop._id, status: 'on_sale', ...(query.category ? { category: query.category } : {}) };
  const { Product } = services.models;
  const [items, total] = await Promise.all([
    Product.find(filter, WITHOUT_HOLDS).sort({ publishedAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<ProductRecord[]>(),
    Product.countDocuments(filter),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** The seller's tabs (on sale, off shelf, drafts), recently changed first, with every tab's count. */
export async function shopListings(services: Services, actor: Actor, shopId: string, query: z.output<typeof ListingQuery>) {
  const shop = await shopToInspect(services, actor, shopId);
  const { Product } = services.models;
  const filter = { shopId: shop._id, status: query.status };
  const [items, draft, onSale, offShelf] = await Promise.all([
    Product.find(filter, WITHOUT_HOLDS).sort({ updatedAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<ProductRecord[]>(),
    Product.countDocuments({ shopId: shop._id, status: 'draft' }),
    Product.countDocuments({ shopId: shop._id, status: 'on_sale' }),
    Product.countDocuments({ shopId: shop._id, status: 'off_shelf' }),
  ]);
  const counts = { draft, on_sale: onSale, off_shelf: offShelf };
  return { items, total: counts[query.status], page: query.page, pageSize: query.pageSize, counts };
}
