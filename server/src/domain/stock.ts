// Order-time stock as holds: an order line takes stock and records a hold on the product in ONE
// atomic update (reserveStock), and later either gives the stock back and drops the hold in one
// update (releaseStock: cancelled, expired, never placed) or just drops the hold (settleStock: the
// goods left). The hold key (`${orderId}:${variantId}`) is part of every condition, so each step
// happens exactly once however often a crashed or racing caller retries it. Stock never goes below
// zero, and a sale never moves the product's version: it is not an edit.
import { Types } from 'mongoose';
import { AppError } from '../errors';
import type { StockProblemDetails } from '../../../contract/errors';
import { packsAvailable } from '../../../contract/pricing';
import type { Services } from '../services';
import type { ProductRecord, StockHold } from '../models/product';

export interface StockLine {
  productId: string | Types.ObjectId;
  variantId: string | Types.ObjectId;
  /** Packs of that variant. */
  quantity: number;
}

/** The hold an order line keeps on its product. */
export const holdKeyFor = (orderId: Types.ObjectId | string, variantId: Types.ObjectId | string) => `${String(orderId)}:${String(variantId)}`;

// A refused update is retried only when the product changed under us (pack size, stock mode);
// a handful of tries is plenty for an edit racing a sale.
const ATTEMPTS = 5;

const isId = (id: unknown) => Types.ObjectId.isValid(String(id)) && /^[a-f0-9]{24}$/i.test(String(id));

function stockProblem(code: 'OUT_OF_STOCK' | 'PRODUCT_UNAVAILABLE', line: StockLine, available: number, message: string) {
  const details: StockProblemDetails = { productId: String(line.productId), variantId: String(line.variantId), available };
  return new AppError(code, message, details);
}

const unavailable = (line: StockLine) => stockProblem('PRODUCT_UNAVAILABLE', line, 0, 'This product is no longer on sale');

/** The product's stock, and `holds` with the one hold of this key when it is there already. */
type StockView = Pick<ProductRecord, '_id' | 'status' | 'stockMode' | 'bulkStockGrams' | 'variants'> & { holds?: StockHold[] };

const readStock = (services: Services, productId: StockLine['productId'], holdKey: string) =>
  services.models.Product.findById(productId, { status: 1, stockMode: 1, bulkStockGrams: 1, variants: 1, holds: { $elemMatch: { key: holdKey } } }).lean<StockView>();

const holds = (product: StockView | null) => Boolean(product?.holds?.length);

/**
 * Takes `quantity` packs of an on-sale product's variant for the hold `holdKey`: per-variant stock
 * loses that many packs; bulk stock loses quantity × the pack's net weight. Reserving a hold that
 * already exists succeeds without taking more. OUT_OF_STOCK (with what is left) when there is not
 * enough, PRODUCT_UNAVAILABLE when the product or variant is gone or off sale; nothing changes.
 */
export async function reserveStock(services: Services, line: StockLine, holdKey: string): Promise<void> {
  const q = line.quantity;
  if (!Number.isSafeInteger(q) || q < 1) throw new AppError('VALIDATION_FAILED', 'quantity must be a whole number of packs, at least 1');
  if (!isId(line.productId) || !isId(line.variantId)) throw unavailable(line);
  const { Product } = services.models;
  const variantId = new Types.ObjectId(String(line.variantId));

  let product = await readStock(services, line.productId, holdKey);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (holds(product)) return; // reserved already (a retry)
    const variant = product?.variants.find((v) => v._id.equals(variantId));
    if (!product || !variant || product.status !== 'on_sale') throw unavailable(line);
    const hold: StockHold = {
      key: holdKey,
      variantId,
      mode: product.stockMode,
      quantity: q,
      grams: product.stockMode === 'bulk' ? q * variant.netWeightGrams : 0,
      at: services.now(),
    };
    const base = { _id: product._id, status: 'on_sale', stockMode: product.stockMode, 'holds.key': { $ne: holdKey } };
    const r =
      product.stockMode === 'per_variant'
        ? // Two arrays are in play (variants and holds), so the positional `$` could point at the
          // wrong one: the variant is named by an array filter instead.
          await Product.updateOne(
            { ...base, variants: { $elemMatch: { _id: variantId, stock: { $gte: q } } } },
            { $inc: { 'variants.$[v].stock': -q }, $push: { holds: hold } },
            { arrayFilters: [{ 'v._id': variantId }] },
          )
        : // The pack weight is part of the condition: an edit of the pack size since the read must
          // not take the wrong number of grams.
          await Product.updateOne(
            { ...base, variants: { $elemMatch: { _id: variantId, netWeightGrams: variant.netWeightGrams } }, bulkStockGrams: { $gte: hold.grams } },
            { $inc: { bulkStockGrams: -hold.grams }, $push: { holds: hold } },
          );
    if (r.modifiedCount === 1) return;

    // Refused: the hold was already there (a retry), not enough stock, or the product changed.
    // One read tells which, and is what the next attempt works from.
    const now = await readStock(services, product._id, holdKey);
    if (holds(now)) return;
    const v = now?.variants.find((x) => x._id.equals(variantId));
    if (now && v && now.status === 'on_sale' && now.stockMode === product.stockMode && v.netWeightGrams === variant.netWeightGrams) {
      const available = packsAvailable(now.stockMode, v, now.bulkStockGrams);
      if (available < q) throw stockProblem('OUT_OF_STOCK', line, available, available === 0 ? 'Sold out' : `Only ${available} left`);
    }
    product = now;
  }
  throw new AppError('CONFLICT', 'The product is changing; please try again');
}

/**
 * Gives back the stock of hold `holdKey` and drops it, in one update. True when stock went back;
 * false when there was no such hold (already released or settled), or when the seller changed the
 * stock mode or removed the variant meanwhile: they counted their stock afresh, so the hold is
 * simply dropped.
 */
export async function releaseStock(services: Services, productId: Types.ObjectId | string, holdKey: string): Promise<boolean> {
  if (!isId(productId)) return false;
  const { Product } = services.models;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // Only this hold is read, not the hundreds a rush can leave on a product.
    const found = await Product.findOne({ _id: productId, 'holds.key': holdKey }, { holds: { $elemMatch: { key: holdKey } } }).lean<Pick<ProductRecord, '_id' | 'holds'>>();
    const hold = found?.holds?.find((x) => x.key === holdKey);
    if (!found || !hold) return false;
    const mine = { _id: found._id, holds: { $elemMatch: { key: holdKey } } };
    const pull = { $pull: { holds: { key: holdKey } } };
    const returned =
      hold.mode === 'per_variant'
        ? await Product.updateOne(
            { ...mine, stockMode: 'per_variant', 'variants._id': hold.variantId },
            { $inc: { 'variants.$[v].stock': hold.quantity }, ...pull },
            { arrayFilters: [{ 'v._id': hold.variantId }] },
          )
        : // Bulk grams go back to the shared pool even if the pack size changed or was removed.
          await Product.updateOne({ ...mine, stockMode: 'bulk' }, { $inc: { bulkStockGrams: hold.grams }, ...pull });
    if (returned.modifiedCount === 1) return true;
    // Not returnable any more: drop the hold, but only while that is still so.
    const notReturnable =
      hold.mode === 'per_variant' ? { $or: [{ stockMode: { $ne: 'per_variant' } }, { 'variants._id': { $ne: hold.variantId } }] } : { stockMode: { $ne: 'bulk' } };
    const dropped = await Product.updateOne({ ...mine, ...notReturnable }, pull);
    if (dropped.modifiedCount === 1) return false;
  }
  throw new AppError('CONFLICT', 'The product is changing; please try again');
}

/** The goods left with the order: the hold is dropped and the stock stays taken. */
export async function settleStock(services: Services, productId: Types.ObjectId | string, holdKey: string): Promise<void> {
  if (!isId(productId)) return;
  await services.models.Product.updateOne({ _id: productId, 'holds.key': holdKey }, { $pull: { holds: { key: holdKey } } });
}
