// Product documents → what buyers see (PublicProductView, ProductCard) and what the seller and
// operators see (ProductView, ListingCard). The one place that decides which fields leave the
// server: buyers never get stock counts (only "few left"), versions, review state or owner ids.
import type { PhotoView } from '../../../contract/photos';
import type { DescriptionBlockView, ListingCard, ProductCard, ProductView, PublicProductView, PublicVariantView, VariantView } from '../../../contract/products';
import { LOW_STOCK_PACKS } from '../../../contract/limits';
import { packsAvailable, unitPriceFen } from '../../../contract/pricing';
import type { ProductRecord } from '../models/product';
import { regionPath } from '../domain/regions';
import { loadPhotos } from './photo';
import type { Services } from '../services';

export interface ShopSummaryView {
  id: string;
  name: string;
  logo: PhotoView | null;
  acceptingOrders: boolean;
}

type Photos = Map<string, PhotoView>;

/** Every photo a product shows: its gallery and the photos in its description. */
export const productPhotoIds = (p: Pick<ProductRecord, 'photoIds' | 'description'>): string[] => [
  ...p.photoIds,
  ...p.description.flatMap((b) => (b.type === 'image' ? [b.photoId] : [])),
];

export const loadProductPhotos = (services: Services, products: Pick<ProductRecord, 'photoIds' | 'description'>[]) =>
  loadPhotos(services, products.flatMap(productPhotoIds));

/** Packs of each variant that can be sold now. */
export const availableOf = (p: ProductRecord) => p.variants.map((v) => packsAvailable(p.stockMode, v, p.bulkStockGrams));

/** Any variant at or below the low-stock line (sold out included): the seller's restock warning. */
export const isLowStock = (p: ProductRecord) => availableOf(p).some((n) => n <= LOW_STOCK_PACKS);

function publicVariant(p: ProductRecord, i: number): PublicVariantView {
  const v = p.variants[i];
  const available = packsAvailable(p.stockMode, v, p.bulkStockGrams);
  return {
    id: String(v._id),
    name: v.name,
    priceFen: v.priceFen,
    netWeightGrams: v.netWeightGrams,
    unitPriceFenPer500g: unitPriceFen(v.priceFen, v.netWeightGrams, 500),
    unitPriceFenPerKg: unitPriceFen(v.priceFen, v.netWeightGrams, 1000),
    soldOut: available === 0,
    fewLeft: available > 0 && available <= LOW_STOCK_PACKS ? available : null,
  };
}

function headline(p: ProductRecord) {
  const variants = p.variants.map((_, i) => publicVariant(p, i));
  return {
    variants,
    soldOut: variants.every((v) => v.soldOut),
    priceFromFen: Math.min(...variants.map((v) => v.priceFen)),
    unitPriceFromFenPer500g: Math.min(...variants.map((v) => v.unitPriceFenPer500g)),
  };
}

const photosOf = (ids: string[], photos: Photos) => ids.flatMap((id) => (photos.has(id) ? [photos.get(id) as PhotoView] : []));
const coverOf = (p: ProductRecord, photos: Photos) => photosOf(p.photoIds.slice(0, 1), photos)[0] ?? null;

function origin(p: ProductRecord) {
  if (!p.origin) return null;
  const region = regionPath(p.origin.regionCode);
  return region ? { region, village: p.origin.village } : null;
}

export function presentPublicProduct(p: ProductRecord, shop: ShopSummaryView, photos: Photos): PublicProductView {
  const { variants, soldOut, priceFromFen, unitPriceFromFenPer500g } = headline(p);
  return {
    id: String(p._id),
    shop,
    title: p.title,
    description: p.description.flatMap((b): DescriptionBlockView[] =>
      b.type === 'text' ? [{ type: 'text', text: b.text }] : photos.has(b.photoId) ? [{ type: 'image', photo: photos.get(b.photoId) as PhotoView }] : [],
    ),
    photos: photosOf(p.photoIds, photos),
    category: p.category,
    origin: origin(p),
    harvestDate: p.harvestDate,
    shelfLifeDays: p.shelfLifeDays,
    storageNote: p.storageNote,
    stockMode: p.stockMode,
    variants,
    soldOut,
    priceFromFen,
    unitPriceFromFenPer500g,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const reviewView = (p: ProductRecord) => ({
  state: p.review.state,
  reason: p.review.reason ?? null,
  check: p.review.check ? { label: p.review.check.label, keywords: p.review.check.keywords } : null,
  at: p.review.at ? p.review.at.toISOString() : null,
});

export function presentProduct(p: ProductRecord, shop: ShopSummaryView, photos: Photos): ProductView {
  const pub = presentPublicProduct(p, shop, photos);
  const variants: VariantView[] = pub.variants.map((v, i) => ({
    ...v,
    stock: p.stockMode === 'per_variant' ? (p.variants[i].stock ?? 0) : null,
    available: packsAvailable(p.stockMode, p.variants[i], p.bulkStockGrams),
  }));
  return {
    ...pub,
    shopId: String(p.shopId),
    status: p.status,
    version: p.version,
    variants,
    bulkStockGrams: p.stockMode === 'bulk' ? (p.bulkStockGrams ?? 0) : null,
    lowStock: isLowStock(p),
    review: reviewView(p),
    photoIds: [...p.photoIds],
    originRegionCode: p.origin?.regionCode ?? null,
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentProductCard(p: ProductRecord, photos: Photos): ProductCard {
  const { soldOut, priceFromFen, unitPriceFromFenPer500g } = headline(p);
  return { id: String(p._id), title: p.title, category: p.category, soldOut, priceFromFen, unitPriceFromFenPer500g, cover: coverOf(p, photos) };
}

export function presentListingCard(p: ProductRecord, photos: Photos): ListingCard {
  const available = availableOf(p);
  return {
    ...presentProductCard(p, photos),
    status: p.status,
    version: p.version,
    lowStock: isLowStock(p),
    // Bulk stock is shared, so adding variants up would count the same grams twice: the smallest
    // pack's count says how much is left.
    available: p.stockMode === 'bulk' ? Math.max(0, ...available) : available.reduce((a, b) => a + b, 0),
    review: reviewView(p),
    updatedAt: p.updatedAt.toISOString(),
  };
}
