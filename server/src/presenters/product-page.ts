// A whole product page: the product with its shop summary and photos, loaded and presented, as
// buyers see it (PublicProductView) or as its editor and operators do (ProductView).
import type { ProductView, PublicProductView } from '../../../contract/products';
import type { ProductRecord } from '../models/product';
import type { ShopRecord } from '../models/shop';
import type { Services } from '../services';
import { notFound } from '../errors';
import { loadProductPhotos, presentProduct, presentPublicProduct } from './product';
import { presentShopSummary } from './shop';

async function load(services: Services, product: ProductRecord, shop?: ShopRecord) {
  // Without a shop at hand, read it fresh: an action may have changed it.
  const s = shop ?? (await services.models.Shop.findById(product.shopId).lean<ShopRecord>());
  if (!s) throw notFound('Product');
  return Promise.all([presentShopSummary(services, s), loadProductPhotos(services, [product])]);
}

export async function presentProductPage(services: Services, product: ProductRecord, shop?: ShopRecord): Promise<ProductView> {
  const [summary, photos] = await load(services, product, shop);
  return presentProduct(product, summary, photos);
}

export async function presentPublicProductPage(services: Services, product: ProductRecord, shop: ShopRecord): Promise<PublicProductView> {
  const [summary, photos] = await load(services, product, shop);
  return presentPublicProduct(product, summary, photos);
}
