// A product sold by weight. Stock lives on the document: per variant (packs) or one bulk weight
// in grams. Stock changes only by conditional atomic updates (domain/stock.ts), never read-modify-
// save; `version` changes with every edit by a person, so two editors cannot overwrite each other.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer } from './fields';
import type { ContentLabel } from '../../../contract/content-labels';
import type { Category } from '../../../contract/shops';
import type { ProductStatus, StockMode } from '../../../contract/products';

export interface Variant {
  _id: Types.ObjectId;
  name: string;
  priceFen: number;
  netWeightGrams: number;
  /** Per-variant mode: packs in stock; bulk mode: null. */
  stock: number | null;
}

/**
 * Stock an order has taken and may still give back: one per order line, keyed by order and
 * variant. Taking stock and adding the hold is one atomic update, and so is returning stock and
 * removing the hold, which is what makes each happen exactly once however often it is retried.
 */
export interface StockHold {
  key: string;
  variantId: Types.ObjectId;
  /** The stock mode when taken: stock is returned only to the same mode. */
  mode: StockMode;
  quantity: number;
  /** Bulk mode: the grams taken (so a later change of pack size returns exactly these). */
  grams: number;
  at: Date;
}

export type DescriptionBlock = { type: 'text'; text: string; photoId?: undefined } | { type: 'image'; photoId: string; text?: undefined };

export interface Product {
  shopId: Types.ObjectId;
  title: string;
  description: DescriptionBlock[];
  photoIds: string[];
  category: Category;
  origin: { regionCode: string; village: string } | null;
  harvestDate: string | null;
  shelfLifeDays: number | null;
  storageNote: string;
  stockMode: StockMode;
  /** Bulk mode: grams in stock, shared by all variants; per-variant mode: null. */
  bulkStockGrams: number | null;
  variants: Types.DocumentArray<Variant>;
  holds: StockHold[];
  status: ProductStatus;
  version: number;
  /** `reason`: an operator's words; `check`: what WeChat's content check found, when it flagged the text. */
  review: { state: 'none' | 'flagged' | 'cleared' | 'taken_down'; reason: string | null; check?: { label: ContentLabel; keywords: string[] } | null; at: Date | null };
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductDoc = HydratedDocument<Product>;
/** A product as read with lean(): plain objects, variants as a plain array. */
export type ProductRecord = Omit<Product, 'variants'> & { _id: Types.ObjectId; variants: Variant[] };
export type ProductModel = Model<Product>;

const variantSchema = new Schema<Variant>(
  {
    name: { type: String, required: true, maxlength: 20 },
    priceFen: integer({ required: true, min: 1 }),
    netWeightGrams: integer({ required: true, min: 1 }),
    stock: integer({ default: null, min: 0 }),
  },
  { strict: 'throw' },
);

const descriptionBlockSchema = new Schema(
  { type: { type: String, enum: ['text', 'image'], required: true }, text: String, photoId: String },
  { _id: false },
);

export const productSchema = new Schema<Product>(
  {
    shopId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true, maxlength: 60 },
    description: { type: [descriptionBlockSchema], default: [] },
    photoIds: { type: [String], default: [] },
    category: { type: String, required: true },
    origin: { type: new Schema({ regionCode: String, village: String }, { _id: false }), default: null },
    harvestDate: { type: String, default: null },
    shelfLifeDays: integer({ default: null }),
    storageNote: { type: String, default: '' },
    stockMode: { type: String, enum: ['per_variant', 'bulk'], required: true },
    bulkStockGrams: integer({ default: null, min: 0 }),
    variants: { type: [variantSchema], required: true },
    holds: {
      type: [
        new Schema<StockHold>(
          {
            key: { type: String, required: true },
            variantId: { type: Schema.Types.ObjectId, required: true },
            mode: { type: String, enum: ['per_variant', 'bulk'], required: true },
            quantity: integer({ required: true, min: 1 }),
            grams: integer({ required: true, min: 0 }),
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    status: { type: String, enum: ['draft', 'on_sale', 'off_shelf'], default: 'draft' },
    version: integer({ required: true, default: 0, min: 0 }),
    review: {
      type: new Schema(
        {
          state: { type: String, enum: ['none', 'flagged', 'cleared', 'taken_down'], default: 'none' },
          reason: { type: String, default: null },
          check: { type: new Schema({ label: { type: String, required: true }, keywords: { type: [String], default: [] } }, { _id: false }), default: null },
          at: { type: Date, default: null },
        },
        { _id: false },
      ),
      default: () => ({ state: 'none', reason: null, check: null, at: null }),
    },
    publishedAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
// A shop's page (on sale, newest first, maybe one category), the seller's tabs (recently changed
// first), and the operators' review queue.
productSchema.index({ shopId: 1, status: 1, category: 1, publishedAt: -1 });
productSchema.index({ shopId: 1, status: 1, publishedAt: -1 });
productSchema.index({ shopId: 1, status: 1, updatedAt: -1 });
productSchema.index({ 'review.state': 1, updatedAt: -1 });
// The sweeper's search for holds an order left behind (jobs/sweep-order-stock.ts).
productSchema.index({ 'holds.at': 1 });

export const defineProductModel = (conn: Connection): ProductModel => conn.model<Product>('Product', productSchema);
