// Shapes the API sends (typed by the contract), for screens rendered with fake clients.
import type { PhotoView } from '../../contract/photos';
import type { RegionPath } from '../../contract/regions';
import type { ListingCard, ProductCard, ProductView, PublicProductView } from '../../contract/products';
import type { PublicShopView, ShopView } from '../../contract/shops';

export const NOW = '2026-11-28T08:00:00.000Z';

export function photo(n: number): PhotoView {
  const id = String(n).padStart(64, 'a');
  return { id, thumbUrl: `/api/v1/files/${id}?size=thumb`, url: `/api/v1/files/${id}`, largeUrl: `/api/v1/files/${id}?size=large`, width: 750, height: 750 };
}

export const keDong: RegionPath = {
  province: { code: '230000', name: '黑龙江省' },
  city: { code: '230200', name: '齐齐哈尔市' },
  county: { code: '230230', name: '克东县' },
};

export const publicShop: PublicShopView = {
  id: 'shop1',
  name: '克东王家合作社',
  intro: '自家种的小米和黄豆',
  logo: photo(1),
  cover: photo(2),
  phone: '13800138000',
  region: keDong,
  status: 'open',
  acceptingOrders: true,
  categories: [
    { category: 'grain', count: 2 },
    { category: 'beans', count: 1 },
  ],
  createdAt: NOW,
};

export const myShop: ShopView = {
  ...publicShop,
  ownerId: 'u1',
  version: 3,
  suspended: null,
  productCounts: { draft: 1, on_sale: 2, off_shelf: 0, lowStock: 1 },
  updatedAt: NOW,
};

export function card(n: number, extra: Partial<ProductCard> = {}): ProductCard {
  return { id: `p${n}`, title: `东北小米 ${n}`, category: 'grain', soldOut: false, priceFromFen: 3800, unitPriceFromFenPer500g: 720, cover: photo(n), ...extra };
}

export const millet: PublicProductView = {
  id: 'p1',
  shop: { id: 'shop1', name: '克东王家合作社', logo: photo(1), acceptingOrders: true },
  title: '东北小米',
  description: [
    { type: 'text', text: '黑土地上种的小米，熬粥有米油。' },
    { type: 'image', photo: photo(5) },
  ],
  photos: [photo(3), photo(4)],
  category: 'grain',
  origin: { region: keDong, village: '前进村' },
  harvestDate: '2026-10-01',
  shelfLifeDays: 365,
  storageNote: '阴凉干燥处保存',
  stockMode: 'per_variant',
  variants: [
    { id: 'v1', name: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, unitPriceFenPer500g: 760, unitPriceFenPerKg: 1520, soldOut: false, fewLeft: 3 },
    { id: 'v2', name: '5公斤箱装', priceFen: 7200, netWeightGrams: 5000, unitPriceFenPer500g: 720, unitPriceFenPerKg: 1440, soldOut: true, fewLeft: null },
  ],
  soldOut: false,
  priceFromFen: 3800,
  unitPriceFromFenPer500g: 720,
  updatedAt: NOW,
};

export const milletListing: ProductView = {
  ...millet,
  shopId: 'shop1',
  status: 'draft',
  version: 4,
  variants: [
    { ...millet.variants[0], stock: 3, available: 3 },
    { ...millet.variants[1], id: 'b'.repeat(24), stock: 0, available: 0 },
  ].map((v, i) => ({ ...v, id: i === 0 ? 'a'.repeat(24) : v.id })),
  bulkStockGrams: null,
  lowStock: true,
  review: { state: 'none', reason: null, check: null, at: null },
  photoIds: [photo(3).id, photo(4).id],
  originRegionCode: '230230',
  publishedAt: null,
  createdAt: NOW,
};

export function listingCard(n: number, extra: Partial<ListingCard> = {}): ListingCard {
  return {
    ...card(n),
    status: 'on_sale',
    version: 1,
    lowStock: false,
    available: 50,
    review: { state: 'none', reason: null, check: null, at: null },
    updatedAt: NOW,
    ...extra,
  };
}

/** A fake GET /regions: two provinces, their cities, their counties. */
export const regionTree: Record<string, { code: string; name: string }[]> = {
  '': [
    { code: '110000', name: '北京市' },
    { code: '230000', name: '黑龙江省' },
  ],
  '110000': [{ code: '110100', name: '市辖区' }],
  '110100': [{ code: '110101', name: '东城区' }],
  '230000': [
    { code: '230100', name: '哈尔滨市' },
    { code: '230200', name: '齐齐哈尔市' },
  ],
  '230100': [{ code: '230102', name: '道里区' }],
  '230200': [
    { code: '230202', name: '龙沙区' },
    { code: '230230', name: '克东县' },
  ],
};

export const loadRegions = jest.fn(async (parent?: string) => regionTree[parent ?? ''] ?? []);
