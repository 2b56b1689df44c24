// What a seller does with their products: create, edit (version-checked), publish after WeChat's
// content check, take off the shelf, delete, and restock. Buyers' reads are in catalog.ts,
// operators' moderation in moderation.ts, order-time stock in stock.ts.
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { CreateProductRequest, StockChangeRequest, UpdateProductRequest, VariantInput } from '../../../contract/products';
import { BULK_STOCK_GRAMS_MAX, PRODUCT_PHOTOS_MIN, STOCK_PACKS_MAX } from '../../../contract/limits';
import type { FieldIssue } from '../../../contract/errors';
import { AppError, notFound, validationError, versionConflict } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { Product, ProductRecord, Variant } from '../models/product';
import type { ShopRecord } from '../models/shop';
import { authorizeAction, authorizeRead, type Actor } from '../policies/shops';
import { productPolicy } from '../policies/products';
import { regionPath } from './regions';
import { foreignPhotoIssues, type PhotoRef } from './photo-ownership';
import { WITHOUT_HOLDS } from './catalog';
import { checkProductText, contentRiskyError, type ProductText } from './content-check';
import type { ContentVerdict } from '../wechat/content-security';

type CreateProduct = z.output<typeof CreateProductRequest>;
type UpdateProduct = z.output<typeof UpdateProductRequest>;
type StockChange = z.output<typeof StockChangeRequest>;
type VariantEntry = z.output<typeof VariantInput>;

export interface ProductWithShop {
  product: ProductRecord;
  shop: ShopRecord;
}

async function loadProduct(services: Services, productId: string): Promise<ProductWithShop> {
  const product = await services.models.Product.findById(productId, WITHOUT_HOLDS).lean<ProductRecord>();
  if (!product) throw notFound('Product');
  const shop = await services.models.Shop.findById(product.shopId).lean<ShopRecord>();
  if (!shop) throw notFound('Product');
  return { product, shop };
}

/** A product its shop's owner is changing: 404 when absent, 403 when not theirs. */
export async function productToManage(services: Services, actor: Actor, productId: string): Promise<ProductWithShop> {
  const found = await loadProduct(services, productId);
  authorizeAction(productPolicy.manage(actor, found.shop), 'Only the shop owner may change its products');
  return found;
}

/** A product as its owner or an operator sees it (drafts included); 404 for everyone else. */
export async function productToInspect(services: Services, actor: Actor, productId: string): Promise<ProductWithShop> {
  const found = await loadProduct(services, productId);
  authorizeRead(productPolicy.viewPrivate(actor, found.shop), 'Product');
  return found;
}

// ---- Checking a request against the world: photos, regions, variants and stock ----

function referenceIssuesSync(req: Partial<Pick<CreateProduct, 'photoIds' | 'description' | 'origin'>>): { issues: FieldIssue[]; photos: PhotoRef[] } {
  const issues: FieldIssue[] = [];
  const photos: PhotoRef[] = [];
  req.photoIds?.forEach((id, i) => {
    if (req.photoIds?.indexOf(id) !== i) issues.push({ path: `photoIds.${i}`, message: 'this photo is already in the list', code: 'duplicate' });
    photos.push({ path: `photoIds.${i}`, id });
  });
  req.description?.forEach((b, i) => {
    if (b.type === 'image') photos.push({ path: `description.${i}.photoId`, id: b.photoId });
  });
  if (req.origin && !regionPath(req.origin.regionCode)) {
    issues.push({ path: 'origin.regionCode', message: 'must be a county (or district) code', code: 'unknown_region' });
  }
  return { issues, photos };
}

async function referenceIssues(services: Services, user: UserDoc, req: Partial<Pick<CreateProduct, 'photoIds' | 'description' | 'origin'>>): Promise<FieldIssue[]> {
  const { issues, photos } = referenceIssuesSync(req);
  return [...issues, ...(await foreignPhotoIssues(services, user._id, photos))];
}

interface StockPlan {
  issues: FieldIssue[];
  /** Set when the variants list (or its stock) is rewritten. */
  variants?: Variant[];
  stockMode: Product['stockMode'];
  /** Set when the bulk stock is rewritten (create, or a switch of stock mode). */
  bulkStockGrams?: number | null;
  /** Kept variants whose stock this write copies: it must still be what was read. */
  copiedStock: { _id: Types.ObjectId; stock: number | null }[];
}

const issue = (path: string, message: string, code = 'custom'): FieldIssue => ({ path, message, code });

/**
 * The variants and stock a create or edit asks for. Existing variants keep their stock (stock
 * changes only through the stock endpoint, so an edit never undoes a sale); new variants bring
 * theirs; switching the stock mode brings the whole new stock in the same request.
 */
function planStock(current: ProductRecord | null, req: { stockMode?: Product['stockMode']; bulkStockGrams?: number; variants?: VariantEntry[] }): StockPlan {
  const mode = req.stockMode ?? (current as ProductRecord).stockMode;
  const switching = !current || current.stockMode !== mode;
  const issues: FieldIssue[] = [];
  const existing = new Map((current?.variants ?? []).map((v) => [String(v._id), v]));

  if (mode === 'bulk') {
    if (switching && req.bulkStockGrams === undefined) issues.push(issue('bulkStockGrams', 'required with bulk stock', 'required'));
    if (!switching && req.bulkStockGrams !== undefined) issues.push(issue('bulkStockGrams', 'change bulk stock through the stock endpoint, so no sale is undone'));
  } else {
    if (req.bulkStockGrams !== undefined) issues.push(issue('bulkStockGrams', 'only for bulk stock'));
    if (switching && current && !req.variants) issues.push(issue('variants', 'switching to stock per variant needs every variant with its stock', 'required'));
  }

  const seen = new Set<string>();
  req.variants?.forEach((v, i) => {
    if (v.id !== undefined) {
      if (!existing.has(v.id)) issues.push(issue(`variants.${i}.id`, current ? 'no such variant in this product' : 'a new product has no variant ids', 'unknown_variant'));
      if (seen.has(v.id)) issues.push(issue(`variants.${i}.id`, 'this variant is already in the list', 'duplicate'));
      seen.add(v.id);
    }
    if (mode === 'bulk') {
      if (v.stock !== undefined) issues.push(issue(`variants.${i}.stock`, 'with bulk stock, variants have no stock of their own'));
    } else if (switching || v.id === undefined) {
      if (v.stock === undefined) issues.push(issue(`variants.${i}.stock`, 'required: how many packs are in stock', 'required'));
    } else if (v.stock !== undefined) {
      issues.push(issue(`variants.${i}.stock`, "an existing variant's stock changes only through the stock endpoint, so no sale is undone"));
    }
  });

  const plan: StockPlan = { issues, stockMode: mode, copiedStock: [] };
  if (switching) plan.bulkStockGrams = mode === 'bulk' ? (req.bulkStockGrams ?? null) : null;
  if (issues.length || (!req.variants && !switching)) return plan;

  const entries: VariantEntry[] = req.variants ?? (current as ProductRecord).variants.map((v) => ({ id: String(v._id), name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams }));
  plan.variants = entries.map((v) => {
    const kept = v.id !== undefined ? existing.get(v.id) : undefined;
    let stock: number | null = null;
    if (mode === 'per_variant') {
      if (switching || !kept) stock = v.stock ?? 0;
      else {
        stock = kept.stock;
        plan.copiedStock.push({ _id: kept._id, stock: kept.stock });
      }
    }
    return { _id: kept?._id ?? new Types.ObjectId(), name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams, stock };
  });
  return plan;
}

/** What publishing needs besides the content check: a photo, and stock set up for its mode. */
function readinessIssues(p: Pick<Product, 'photoIds' | 'stockMode' | 'bulkStockGrams'> & { variants: Pick<Variant, 'stock'>[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (p.photoIds.length < PRODUCT_PHOTOS_MIN) issues.push(issue('photoIds', 'a product needs at least one photo to go on sale', 'too_small'));
  if (p.stockMode === 'bulk' && (p.bulkStockGrams === null || p.bulkStockGrams === undefined)) issues.push(issue('bulkStockGrams', 'required with bulk stock', 'required'));
  if (p.stockMode === 'per_variant') {
    p.variants.forEach((v, i) => {
      if (v.stock === null || v.stock === undefined) issues.push(issue(`variants.${i}.stock`, 'required: how many packs are in stock', 'required'));
    });
  }
  return issues;
}

/** The review state after a content check: `review` flags for operators; a pass clears old flags. */
function reviewAfter(previous: Product['review'] | null, v: ContentVerdict, now: Date): Product['review'] {
  if (v.suggest === 'review') return { state: 'flagged', reason: null, check: { label: v.labelName, keywords: v.keywords }, at: now };
  // An operator took it down once: back on sale, it goes past an operator again, who sees why.
  if (previous?.state === 'taken_down') return { state: 'flagged', reason: previous.reason, check: null, at: now };
  return { state: 'none', reason: null, check: null, at: null };
}

async function checkedText(services: Services, user: UserDoc, text: ProductText): Promise<ContentVerdict> {
  const verdict = await checkProductText(services, user.openid, text);
  if (verdict.suggest === 'risky') throw contentRiskyError(verdict);
  return verdict;
}

function assertShopMayPublish(shop: ShopRecord) {
  if (shop.suspended) throw new AppError('SHOP_SUSPENDED', 'The platform has suspended this shop; its products cannot go on sale', { reason: shop.suspended.reason });
}

// ---- Operations ----

export async function createProduct(services: Services, user: UserDoc, shop: ShopRecord, req: CreateProduct): Promise<ProductRecord> {
  const plan = planStock(null, req);
  const issues = [...plan.issues, ...(await referenceIssues(services, user, req))];
  if (issues.length) throw validationError(issues);
  const variants = plan.variants as Variant[];
  const fields = {
    shopId: shop._id,
    title: req.title,
    description: req.description,
    photoIds: req.photoIds,
    category: req.category,
    origin: req.origin,
    harvestDate: req.harvestDate,
    shelfLifeDays: req.shelfLifeDays,
    storageNote: req.storageNote,
    stockMode: plan.stockMode,
    bulkStockGrams: plan.bulkStockGrams ?? null,
    variants,
  };
  let publishing = {};
  if (req.publish) {
    assertShopMayPublish(shop);
    const ready = readinessIssues(fields);
    if (ready.length) throw validationError(ready);
    // Checked before anything is stored: risky text creates nothing.
    const verdict = await checkedText(services, user, fields);
    const now = services.now();
    publishing = { status: 'on_sale', publishedAt: now, review: reviewAfter(null, verdict, now) };
  }
  const created = await services.models.Product.create({ ...fields, ...publishing });
  return created.toObject() as unknown as ProductRecord;
}

const TEXT_FIELDS = ['title', 'description', 'storageNote', 'variants'] as const;

/** The buyer-visible text, to tell whether an edit changed it (a price change needs no new check). */
const textOf = (t: ProductText) =>
  JSON.stringify([t.title, t.description.map((b) => (b.type === 'text' ? b.text : '')), t.storageNote, t.variants.map((v) => v.name)]);

/** An edit; `variants` replaces the list. Retries only when a sale moved stock it copies. */
export async function updateProduct(services: Services, user: UserDoc, productId: string, req: UpdateProduct): Promise<ProductRecord> {
  const { Product } = services.models;
  for (let attempt = 0; ; attempt += 1) {
    const { product } = await productToManage(services, user, productId);
    if (product.version !== req.version) throw versionConflict('product', product.version);
    const { version, ...changes } = req;
    if (Object.values(changes).every((v) => v === undefined)) return product; // nothing to change
    const plan = planStock(product, changes);
    const issues = [...plan.issues, ...(await referenceIssues(services, user, changes))];
    if (issues.length) throw validationError(issues);
    if (product.status === 'on_sale') {
      // What is on sale stays sellable: a photo, and stock set up for its mode.
      const ready = readinessIssues({
        photoIds: changes.photoIds ?? product.photoIds,
        stockMode: plan.stockMode,
        bulkStockGrams: plan.bulkStockGrams !== undefined ? plan.bulkStockGrams : product.bulkStockGrams,
        variants: plan.variants ?? product.variants,
      });
      if (ready.length) throw validationError(ready);
    }

    const set: Record<string, unknown> = {};
    for (const key of ['title', 'description', 'photoIds', 'category', 'origin', 'harvestDate', 'shelfLifeDays', 'storageNote'] as const) {
      if (changes[key] !== undefined) set[key] = changes[key];
    }
    set.stockMode = plan.stockMode;
    if (plan.variants) set.variants = plan.variants;
    if (plan.bulkStockGrams !== undefined) set.bulkStockGrams = plan.bulkStockGrams;

    // Text buyers see on a product already on sale goes through the check again, if it changed.
    const text: ProductText = {
      title: changes.title ?? product.title,
      description: changes.description ?? product.description,
      storageNote: changes.storageNote ?? product.storageNote,
      variants: changes.variants ?? product.variants,
    };
    if (product.status === 'on_sale' && TEXT_FIELDS.some((k) => changes[k] !== undefined) && textOf(text) !== textOf(product)) {
      set.review = reviewAfter(product.review, await checkedText(services, user, text), services.now());
    }

    const updated = await Product.findOneAndUpdate(
      {
        _id: product._id,
        version,
        ...(plan.copiedStock.length ? { $and: plan.copiedStock.map((c) => ({ variants: { $elemMatch: { _id: c._id, stock: c.stock } } })) } : {}),
      },
      { $set: set, $inc: { version: 1 } },
      { new: true, projection: WITHOUT_HOLDS },
    ).lean<ProductRecord>();
    if (updated) return updated;
    const now = await Product.findById(product._id, { version: 1 }).lean();
    if (!now) throw notFound('Product');
    if (now.version !== version) throw versionConflict('product', now.version);
    // Same version: a sale changed stock this edit copies. Read again and redo; sales are brief.
    if (attempt >= 5) throw new AppError('CONFLICT', 'The product is selling fast; please save again');
  }
}

export async function publishProduct(services: Services, user: UserDoc, productId: string, version: number): Promise<ProductRecord> {
  const { product, shop } = await productToManage(services, user, productId);
  // Already on sale: a retry after a lost answer on a weak network gets the product, not an error.
  if (product.status === 'on_sale') return product;
  if (product.version !== version) throw versionConflict('product', product.version);
  assertShopMayPublish(shop);
  const ready = readinessIssues(product);
  if (ready.length) throw validationError(ready);
  const verdict = await checkedText(services, user, product);
  const now = services.now();
  // The version condition means the text checked is the text that goes on sale.
  const updated = await services.models.Product.findOneAndUpdate(
    { _id: product._id, version, status: { $ne: 'on_sale' } },
    { $set: { status: 'on_sale', publishedAt: now, review: reviewAfter(product.review, verdict, now) }, $inc: { version: 1 } },
    { new: true },
  ).lean<ProductRecord>();
  if (updated) return updated;
  return conflictAfterRace(services, product._id);
}

async function conflictAfterRace(services: Services, id: Types.ObjectId): Promise<never> {
  const now = await services.models.Product.findById(id, { version: 1 }).lean();
  if (!now) throw notFound('Product');
  throw versionConflict('product', now.version);
}

export async function unpublishProduct(services: Services, user: UserDoc, productId: string, version: number): Promise<ProductRecord> {
  const { product } = await productToManage(services, user, productId);
  if (product.status !== 'on_sale') return product; // off the shelf already, or never on it
  if (product.version !== version) throw versionConflict('product', product.version);
  const updated = await services.models.Product.findOneAndUpdate(
    { _id: product._id, version, status: 'on_sale' },
    { $set: { status: 'off_shelf' }, $inc: { version: 1 } },
    { new: true },
  ).lean<ProductRecord>();
  if (updated) return updated;
  return conflictAfterRace(services, product._id);
}

/** Drafts and products off the shelf only: one on sale may be in a buyer's cart right now. */
export async function deleteProduct(services: Services, user: UserDoc, productId: string): Promise<void> {
  const { product } = await productToManage(services, user, productId);
  const r = await services.models.Product.deleteOne({ _id: product._id, status: { $in: ['draft', 'off_shelf'] } });
  if (r.deletedCount === 1) return;
  const still = await services.models.Product.exists({ _id: product._id });
  if (!still) throw notFound('Product');
  throw new AppError('CONFLICT', 'Take the product off the shelf before deleting it');
}

/**
 * Restock or correct: every delta applies in one conditional update, so the request is all or
 * nothing and no stock goes below zero (or above the limit) whatever else is selling.
 */
export async function changeStock(services: Services, user: UserDoc, productId: string, req: StockChange): Promise<ProductRecord> {
  const { product } = await productToManage(services, user, productId);
  const issues: FieldIssue[] = [];
  const byId = new Map(product.variants.map((v) => [String(v._id), v]));
  if (req.variants.length === 0 && req.bulkDeltaGrams === undefined) issues.push(issue('variants', 'nothing to change: send variant deltas or bulkDeltaGrams', 'required'));
  if (product.stockMode === 'bulk' && req.variants.length) issues.push(issue('variants', 'this product has bulk stock: send bulkDeltaGrams'));
  if (product.stockMode === 'per_variant' && req.bulkDeltaGrams !== undefined) issues.push(issue('bulkDeltaGrams', 'this product counts stock per variant: send variant deltas'));
  const seen = new Set<string>();
  req.variants.forEach((d, i) => {
    if (!byId.has(d.variantId)) issues.push(issue(`variants.${i}.variantId`, 'no such variant in this product', 'unknown_variant'));
    if (seen.has(d.variantId)) issues.push(issue(`variants.${i}.variantId`, 'this variant is already in the list', 'duplicate'));
    seen.add(d.variantId);
  });
  if (issues.length) throw validationError(issues);

  const filter: Record<string, unknown> = { _id: product._id, stockMode: product.stockMode };
  const inc: Record<string, number> = {};
  const arrayFilters: Record<string, unknown>[] = [];
  if (product.stockMode === 'bulk') {
    const d = req.bulkDeltaGrams as number;
    filter.bulkStockGrams = { $gte: Math.max(0, -d), $lte: BULK_STOCK_GRAMS_MAX - Math.max(0, d) };
    inc.bulkStockGrams = d;
  } else {
    filter.$and = req.variants.map((d) => ({
      variants: { $elemMatch: { _id: byId.get(d.variantId)?._id, stock: { $gte: Math.max(0, -d.delta), $lte: STOCK_PACKS_MAX - Math.max(0, d.delta) } } },
    }));
    req.variants.forEach((d, i) => {
      inc[`variants.$[v${i}].stock`] = d.delta;
      arrayFilters.push({ [`v${i}._id`]: byId.get(d.variantId)?._id });
    });
  }
  // Restocking is not an edit of the listing: the version stays, so no editor is interrupted.
  const updated = await services.models.Product.findOneAndUpdate(filter, { $inc: inc }, { new: true, projection: WITHOUT_HOLDS, ...(arrayFilters.length ? { arrayFilters } : {}) }).lean<ProductRecord>();
  if (updated) return updated;
  return explainStockRefusal(services, product._id, req);
}

/** Why a stock change matched nothing, from a fresh read. */
async function explainStockRefusal(services: Services, id: Types.ObjectId, req: StockChange): Promise<never> {
  const now = await services.models.Product.findById(id, WITHOUT_HOLDS).lean<ProductRecord>();
  if (!now) throw notFound('Product');
  if (now.stockMode === 'bulk') {
    const d = req.bulkDeltaGrams ?? 0;
    const have = now.bulkStockGrams ?? 0;
    if (req.variants.length || req.bulkDeltaGrams === undefined) throw new AppError('CONFLICT', 'The stock mode changed; reload the product');
    if (have + d < 0) throw new AppError('OUT_OF_STOCK', `Only ${have} g in stock; nothing was changed`, { bulkStockGrams: have });
    throw validationError([issue('bulkDeltaGrams', `bulk stock may not exceed ${BULK_STOCK_GRAMS_MAX} g`, 'too_big')]);
  }
  if (req.bulkDeltaGrams !== undefined) throw new AppError('CONFLICT', 'The stock mode changed; reload the product');
  const short: { variantId: string; stock: number }[] = [];
  const issues: FieldIssue[] = [];
  req.variants.forEach((d, i) => {
    const v = now.variants.find((x) => String(x._id) === d.variantId);
    if (!v) return issues.push(issue(`variants.${i}.variantId`, 'no such variant in this product', 'unknown_variant'));
    const stock = v.stock ?? 0;
    if (stock + d.delta < 0) short.push({ variantId: d.variantId, stock });
    else if (stock + d.delta > STOCK_PACKS_MAX) issues.push(issue(`variants.${i}.delta`, `stock may not exceed ${STOCK_PACKS_MAX} packs`, 'too_big'));
    return undefined;
  });
  if (short.length) throw new AppError('OUT_OF_STOCK', 'Not enough stock for that change; nothing was changed', { variants: short });
  if (issues.length) throw validationError(issues);
  // Everything holds now: stock moved between the update and this read. Ask for a retry.
  throw new AppError('CONFLICT', 'Stock changed while saving; please try again');
}
