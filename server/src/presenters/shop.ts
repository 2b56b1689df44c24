// Shop documents → PublicShopView (anyone), ShopView (owner and operators), and the small shop
// summary products carry. Facts drawn from the shop's products (cover, categories, counts) are
// loaded here for a whole page of shops at once.
import type { Types } from 'mongoose';
import type { PublicShopView, ShopView } from '../../../contract/shops';
import type { Category } from '../../../contract/shops';
import type { PhotoView } from '../../../contract/photos';
import type { ShopRecord } from '../models/shop';
import type { ProductRecord } from '../models/product';
import type { Services } from '../services';
import { loadPhotos } from './photo';
import { isLowStock, type ShopSummaryView } from './product';

interface ShopFacts {
  coverPhotoId: string | null;
  categories: { category: Category; count: number }[];
  productCounts: ShopView['productCounts'];
}

export const acceptingOrders = (shop: Pick<ShopRecord, 'status' | 'suspended'>) => shop.status === 'open' && !shop.suspended;

/** What each shop's products say about it. One query for the page; fine for shops of hundreds of products. */
async function loadShopFacts(services: Services, shopIds: Types.ObjectId[]): Promise<Map<string, ShopFacts>> {
  const products = await services.models.Product.find(
    { shopId: { $in: shopIds } },
    { shopId: 1, status: 1, category: 1, photoIds: 1, publishedAt: 1, stockMode: 1, bulkStockGrams: 1, variants: 1 },
  )
    .sort({ publishedAt: -1, _id: -1 })
    .lean<ProductRecord[]>();
  const facts = new Map<string, ShopFacts>(
    shopIds.map((id) => [String(id), { coverPhotoId: null, categories: [], productCounts: { draft: 0, on_sale: 0, off_shelf: 0, lowStock: 0 } }]),
  );
  for (const p of products) {
    const f = facts.get(String(p.shopId));
    if (!f) continue;
    f.productCounts[p.status] += 1;
    if (p.status !== 'on_sale') continue;
    if (isLowStock(p)) f.productCounts.lowStock += 1;
    if (!f.coverPhotoId && p.photoIds.length) f.coverPhotoId = p.photoIds[0];
    const c = f.categories.find((x) => x.category === p.category);
    if (c) c.count += 1;
    else f.categories.push({ category: p.category, count: 1 });
  }
  return facts;
}

function publicView(shop: ShopRecord, facts: ShopFacts, photos: Map<string, PhotoView>): PublicShopView {
  return {
    id: String(shop._id),
    name: shop.name,
    intro: shop.intro,
    logo: (shop.logoPhotoId && photos.get(shop.logoPhotoId)) || null,
    cover: (facts.coverPhotoId && photos.get(facts.coverPhotoId)) || null,
    phone: shop.phone,
    region: shop.region,
    status: shop.status,
    acceptingOrders: acceptingOrders(shop),
    categories: facts.categories,
    createdAt: shop.createdAt.toISOString(),
  };
}

function privateView(shop: ShopRecord, facts: ShopFacts, photos: Map<string, PhotoView>): ShopView {
  return {
    ...publicView(shop, facts, photos),
    ownerId: String(shop.ownerId),
    version: shop.version,
    suspended: shop.suspended ? { at: shop.suspended.at.toISOString(), reason: shop.suspended.reason } : null,
    productCounts: facts.productCounts,
    updatedAt: shop.updatedAt.toISOString(),
  };
}

async function present<T>(services: Services, shops: ShopRecord[], view: (s: ShopRecord, f: ShopFacts, p: Map<string, PhotoView>) => T): Promise<T[]> {
  const facts = await loadShopFacts(services, shops.map((s) => s._id));
  const photoIds = shops.flatMap((s) => [s.logoPhotoId, facts.get(String(s._id))?.coverPhotoId].filter((id): id is string => Boolean(id)));
  const photos = await loadPhotos(services, photoIds);
  return shops.map((s) => view(s, facts.get(String(s._id)) as ShopFacts, photos));
}

export const presentPublicShops = (services: Services, shops: ShopRecord[]) => present(services, shops, publicView);
export const presentShops = (services: Services, shops: ShopRecord[]) => present(services, shops, privateView);
export const presentPublicShop = async (services: Services, shop: ShopRecord) => (await presentPublicShops(services, [shop]))[0];
export const presentShop = async (services: Services, shop: ShopRecord) => (await presentShops(services, [shop]))[0];

/** The shop as a product page shows it. */
export async function presentShopSummary(services: Services, shop: ShopRecord): Promise<ShopSummaryView> {
  const photos = await loadPhotos(services, shop.logoPhotoId ? [shop.logoPhotoId] : []);
  return { id: String(shop._id), name: shop.name, logo: (shop.logoPhotoId && photos.get(shop.logoPhotoId)) || null, acceptingOrders: acceptingOrders(shop) };
}
