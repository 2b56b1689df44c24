// Order-time stock: take packs when an order is placed (reserveStock), give them back when it is
// cancelled (releaseStock). Each is one conditional atomic update, so stock never goes below zero
// however many buyers press at once. Neither changes the product's version: a sale is not an edit,
// and must not make a seller's open editor fail.
import { Types, type ClientSession } from 'mongoose';
import { AppError, notFound } from '../errors';
import type { Services } from '../services';
import type { ProductRecord } from '../models/product';

export interface StockLine {
  productId: string | Types.ObjectId;
  variantId: string | Types.ObjectId;
  /** Packs of that variant. */
  quantity: number;
}

const ATTEMPTS = 5;

function checkLine(line: StockLine) {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new AppError('VALIDATION_FAILED', 'quantity must be a whole number of packs, at least 1');
  // An id that cannot exist is simply not found (rather than a cast error from the driver).
  if (!Types.ObjectId.isValid(String(line.productId)) || !Types.ObjectId.isValid(String(line.variantId))) throw notFound('Product');
}

/**
 * Takes `quantity` packs of an on-sale product's variant: per-variant stock loses that many
 * packs; bulk stock loses quantity × the variant's net weight. OUT_OF_STOCK when there is not
 * enough (nothing changes). Pass a session to make it part of an order's transaction.
 */
export async function reserveStock(services: Services, line: StockLine, session?: ClientSession): Promise<ProductRecord> {
  checkLine(line);
  const { Product } = services.models;
  const look = () => Product.findById(line.productId, { stockMode: 1, variants: 1, status: 1, bulkStockGrams: 1 }, { session }).lean<ProductRecord>();
  let product = await look();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const variant = product?.variants.find((v) => String(v._id) === String(line.variantId));
    if (!product || !variant || product.status !== 'on_sale') throw notFound('Product');
    const q = line.quantity;
    const updated =
      product.stockMode === 'per_variant'
        ? await Product.findOneAndUpdate(
            { _id: product._id, status: 'on_sale', stockMode: 'per_variant', variants: { $elemMatch: { _id: variant._id, stock: { $gte: q } } } },
            { $inc: { 'variants.$.stock': -q } },
            { new: true, session },
          ).lean<ProductRecord>()
        : await Product.findOneAndUpdate(
            // The weight is part of the condition: an edit of the pack size since the read must not
            // take the wrong number of grams.
            {
              _id: product._id,
              status: 'on_sale',
              stockMode: 'bulk',
              variants: { $elemMatch: { _id: variant._id, netWeightGrams: variant.netWeightGrams } },
              bulkStockGrams: { $gte: q * variant.netWeightGrams },
            },
            { $inc: { bulkStockGrams: -q * variant.netWeightGrams } },
            { new: true, session },
          ).lean<ProductRecord>();
    if (updated) return updated;
    // Refused: out of stock, or the product changed under us (mode, pack size, status). Look
    // again; that look is also what the next attempt works from.
    const now = await look();
    const v = now?.variants.find((x) => String(x._id) === String(line.variantId));
    if (!now || !v || now.status !== 'on_sale') throw notFound('Product');
    if (now.stockMode === product.stockMode && v.netWeightGrams === variant.netWeightGrams) {
      const available = now.stockMode === 'per_variant' ? (v.stock ?? 0) : Math.floor((now.bulkStockGrams ?? 0) / v.netWeightGrams);
      if (available < q) {
        throw new AppError('OUT_OF_STOCK', available === 0 ? 'Sold out' : `Only ${available} left`, {
          productId: String(line.productId),
          variantId: String(line.variantId),
          available,
        });
      }
    }
    product = now;
  }
  throw new AppError('CONFLICT', 'The product is changing; please try again');
}

/** Gives back packs taken by reserveStock (an order cancelled or unpaid). False when the variant is gone. */
export async function releaseStock(services: Services, line: StockLine, session?: ClientSession): Promise<boolean> {
  checkLine(line);
  const { Product } = services.models;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const product = await Product.findById(line.productId, { stockMode: 1, variants: 1 }, { session }).lean<ProductRecord>();
    const variant = product?.variants.find((v) => String(v._id) === String(line.variantId));
    if (!product || !variant) return false;
    const q = line.quantity;
    const r =
      product.stockMode === 'per_variant'
        ? await Product.updateOne(
            { _id: product._id, stockMode: 'per_variant', 'variants._id': variant._id },
            { $inc: { 'variants.$.stock': q } },
            { session },
          )
        : await Product.updateOne(
            { _id: product._id, stockMode: 'bulk', variants: { $elemMatch: { _id: variant._id, netWeightGrams: variant.netWeightGrams } } },
            { $inc: { bulkStockGrams: q * variant.netWeightGrams } },
            { session },
          );
    if (r.modifiedCount === 1) return true;
  }
  throw new AppError('CONFLICT', 'The product is changing; please try again');
}
