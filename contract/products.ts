// Products sold by weight: variants (packs) with a price in fen and a net weight in grams, stock
// counted per variant or as one bulk weight shared by all variants.
import { z } from './openapi';
import { CONTENT_LABELS, type ContentLabel } from './content-labels';
import {
  BULK_STOCK_GRAMS_MAX, DESCRIPTION_BLOCKS_MAX, DESCRIPTION_TEXT_MAX, NET_WEIGHT_GRAMS_MAX, PRICE_FEN_MAX,
  PRODUCT_PHOTOS_MAX, PRODUCT_TITLE_MAX, SHELF_LIFE_DAYS_MAX, STOCK_PACKS_MAX, STORAGE_NOTE_MAX,
  SUSPEND_REASON_MAX, VARIANT_NAME_MAX, VARIANTS_MAX, VILLAGE_MAX,
} from './limits';
import { RegionCode, RegionPath } from './regions';
import { PhotoId, PhotoView } from './photos';
import { Category, Paging, pageOf } from './shops';

export const ProductStatus = z.enum(['draft', 'on_sale', 'off_shelf']);
export type ProductStatus = z.infer<typeof ProductStatus>;

export const StockMode = z.enum(['per_variant', 'bulk']);
export type StockMode = z.infer<typeof StockMode>;

/** Integer fen, at least 1 fen: no floats, no free packs. */
export const PriceFen = z.number().int().min(1).max(PRICE_FEN_MAX);
export const Grams = z.number().int().min(1).max(NET_WEIGHT_GRAMS_MAX);
/** A calendar day in China, e.g. the harvest date: YYYY-MM-DD, no time and so no time zone. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-10-01')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real date');

export const DescriptionBlockInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().trim().min(1).max(DESCRIPTION_TEXT_MAX) }).strict(),
  z.object({ type: z.literal('image'), photoId: PhotoId }).strict(),
]);
export type DescriptionBlockInput = z.infer<typeof DescriptionBlockInput>;

export const OriginInput = z
  .object({ regionCode: RegionCode, village: z.string().trim().max(VILLAGE_MAX).default('') })
  .strict();

export const VariantInput = z
  .object({
    /** An existing variant's id; absent for a new variant. */
    id: z.string().regex(/^[a-f0-9]{24}$/, 'must be a variant id').optional(),
    name: z.string().trim().min(1).max(VARIANT_NAME_MAX),
    priceFen: PriceFen,
    netWeightGrams: Grams,
    /**
     * Packs in stock, per-variant mode only: the starting count of a new variant. An existing
     * variant's stock changes only through the stock endpoint, so a save never undoes a sale.
     */
    stock: z.number().int().min(0).max(STOCK_PACKS_MAX).optional(),
  })
  .strict();
export type VariantInput = z.input<typeof VariantInput>;

const productFields = {
  title: z.string().trim().min(1).max(PRODUCT_TITLE_MAX),
  description: z.array(DescriptionBlockInput).max(DESCRIPTION_BLOCKS_MAX),
  /** In order; the first is the cover. A draft may have none; publishing needs at least one. */
  photoIds: z.array(PhotoId).max(PRODUCT_PHOTOS_MAX),
  category: Category,
  origin: OriginInput.nullable(),
  harvestDate: CalendarDate.nullable(),
  shelfLifeDays: z.number().int().min(1).max(SHELF_LIFE_DAYS_MAX).nullable(),
  storageNote: z.string().trim().max(STORAGE_NOTE_MAX),
  stockMode: StockMode,
  /** Bulk mode: the shared stock in grams (starting amount on create or when switching to bulk). */
  bulkStockGrams: z.number().int().min(0).max(BULK_STOCK_GRAMS_MAX).optional(),
  variants: z.array(VariantInput).min(1).max(VARIANTS_MAX),
};

export const CreateProductRequest = z
  .object({
    ...productFields,
    description: productFields.description.default([]),
    photoIds: productFields.photoIds.default([]),
    origin: productFields.origin.default(null),
    harvestDate: productFields.harvestDate.default(null),
    shelfLifeDays: productFields.shelfLifeDays.default(null),
    storageNote: productFields.storageNote.default(''),
    /** Publish at once (runs the content check) instead of saving a draft. */
    publish: z.boolean().default(false),
  })
  .strict()
  .openapi('CreateProductRequest');
export type CreateProductRequest = z.input<typeof CreateProductRequest>;

/** Any subset of the fields, with the version the editor loaded; `variants` replaces the list. */
export const UpdateProductRequest = z
  .object(productFields)
  .partial()
  .extend({ version: z.number().int().min(0) })
  .strict()
  .openapi('UpdateProductRequest');
export type UpdateProductRequest = z.input<typeof UpdateProductRequest>;

/** Publish, take off the shelf: the version guards against acting on a stale screen. */
export const ProductActionRequest = z.object({ version: z.number().int().min(0) }).strict().openapi('ProductActionRequest');
export type ProductActionRequest = z.infer<typeof ProductActionRequest>;

/** Restock or correct: deltas, applied atomically; stock never goes below zero. */
export const StockChangeRequest = z
  .object({
    variants: z
      .array(z.object({ variantId: z.string().regex(/^[a-f0-9]{24}$/, 'must be a variant id'), delta: z.number().int().min(-STOCK_PACKS_MAX).max(STOCK_PACKS_MAX) }).strict())
      .max(VARIANTS_MAX)
      .default([]),
    bulkDeltaGrams: z.number().int().min(-BULK_STOCK_GRAMS_MAX).max(BULK_STOCK_GRAMS_MAX).optional(),
  })
  .strict()
  .openapi('StockChangeRequest');
export type StockChangeRequest = z.input<typeof StockChangeRequest>;

export const DescriptionBlockView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), photo: PhotoView }),
]);
export type DescriptionBlockView = z.infer<typeof DescriptionBlockView>;

export const PublicVariantView = z.object({
  id: z.string(),
  name: z.string(),
  priceFen: z.number().int(),
  netWeightGrams: z.number().int(),
  unitPriceFenPer500g: z.number().int(),
  unitPriceFenPerKg: z.number().int(),
  soldOut: z.boolean(),
  /** Packs left, shown only when few are left (LOW_STOCK_PACKS); null otherwise. */
  fewLeft: z.number().int().nullable(),
});
export type PublicVariantView = z.infer<typeof PublicVariantView>;

export const ShopSummary = z.object({
  id: z.string(),
  name: z.string(),
  logo: PhotoView.nullable(),
  acceptingOrders: z.boolean(),
});

/** What buyers see: only on-sale products of open (or paused) shops, no internal fields. */
export const PublicProductView = z
  .object({
    id: z.string(),
    shop: ShopSummary,
    title: z.string(),
    description: z.array(DescriptionBlockView),
    photos: z.array(PhotoView),
    category: Category,
    origin: z.object({ region: RegionPath, village: z.string() }).nullable(),
    harvestDate: z.string().nullable(),
    shelfLifeDays: z.number().int().nullable(),
    storageNote: z.string(),
    stockMode: StockMode,
    variants: z.array(PublicVariantView),
    soldOut: z.boolean(),
    /** The cheapest variant's price and the lowest unit price, for cards and share titles. */
    priceFromFen: z.number().int(),
    unitPriceFromFenPer500g: z.number().int(),
    updatedAt: z.string().datetime(),
  })
  .openapi('PublicProduct');
export type PublicProductView = z.infer<typeof PublicProductView>;

export const ProductCard = PublicProductView.pick({
  id: true, title: true, category: true, soldOut: true, priceFromFen: true, unitPriceFromFenPer500g: true,
}).extend({ cover: PhotoView.nullable() }).openapi('ProductCard');
export type ProductCard = z.infer<typeof ProductCard>;

export const ProductCardPage = pageOf(ProductCard).openapi('ProductCardPage');
export type ProductCardPage = z.infer<typeof ProductCardPage>;

export const PublicProductQuery = Paging.extend({ category: Category.optional() }).strict();

/** The platform's content review: flagged by WeChat's check ("review"), or cleared by an operator. */
export const ReviewState = z.enum(['none', 'flagged', 'cleared', 'taken_down']);
export const ContentLabelName = z.enum(Object.values(CONTENT_LABELS) as [ContentLabel, ...ContentLabel[]]);
export const ReviewView = z.object({
  state: ReviewState,
  /** An operator's reason (a take-down, or a product republished after one). */
  reason: z.string().nullable(),
  /** WeChat's content check's verdict when it flagged the text: what it found, and the words. */
  check: z.object({ label: ContentLabelName, keywords: z.array(z.string()) }).nullable(),
  at: z.string().datetime().nullable(),
});

export const VariantView = PublicVariantView.extend({
  /** Per-variant mode: packs in stock; bulk mode: null. */
  stock: z.number().int().nullable(),
  /** Packs that can be sold now, in either mode. */
  available: z.number().int(),
});
export type VariantView = z.infer<typeof VariantView>;

/** What the owner and operators see. */
export const ProductView = PublicProductView.extend({
  shopId: z.string(),
  status: ProductStatus,
  version: z.number().int(),
  variants: z.array(VariantView),
  bulkStockGrams: z.number().int().nullable(),
  lowStock: z.boolean(),
  review: ReviewView,
  /** Ids as the editor sends them back. */
  photoIds: z.array(PhotoId),
  originRegionCode: RegionCode.nullable(),
  publishedAt: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
}).openapi('Product');
export type ProductView = z.infer<typeof ProductView>;

export const ListingCard = ProductCard.extend({
  status: ProductStatus,
  version: z.number().int(),
  lowStock: z.boolean(),
  /** Packs available across variants (bulk: the smallest pack's count). */
  available: z.number().int(),
  review: ReviewView,
  updatedAt: z.string().datetime(),
}).openapi('ListingCard');
export type ListingCard = z.infer<typeof ListingCard>;

export const ListingQuery = Paging.extend({ status: ProductStatus.default('on_sale') }).strict();
export const ListingPage = pageOf(ListingCard)
  .extend({ counts: z.object({ draft: z.number().int(), on_sale: z.number().int(), off_shelf: z.number().int() }) })
  .openapi('ListingPage');
export type ListingPage = z.infer<typeof ListingPage>;

/** Operators: products WeChat's check flagged for review. */
export const AdminProductQuery = Paging.extend({ review: ReviewState.default('flagged') }).strict();
export const AdminProductPage = pageOf(ListingCard.extend({ shopId: z.string(), shopName: z.string() })).openapi('AdminProductPage');
export type AdminProductPage = z.infer<typeof AdminProductPage>;
export const TakeDownRequest = z
  .object({ reason: z.string().trim().min(1).max(SUSPEND_REASON_MAX) })
  .strict()
  .openapi('TakeDownRequest');
export type TakeDownRequest = z.infer<typeof TakeDownRequest>;

/** A short code in a mini-program code, mapped back to what it opens. */
export const SceneView = z
  .object({ scene: z.string(), productId: z.string().nullable(), shopId: z.string(), sharerId: z.string().nullable() })
  .openapi('Scene');
export type SceneView = z.infer<typeof SceneView>;
