// The platform's side of products: the queue of what WeChat's check flagged for a human look,
// clearing a flag, and taking a product down (off the shelf, with the reason its seller sees).
import type { z } from 'zod';
import type { AdminProductQuery } from '../../../contract/products';
import { AppError, notFound } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { ProductRecord } from '../models/product';
import type { ShopRecord } from '../models/shop';
import { authorizeAction } from '../policies/shops';
import { productPolicy } from '../policies/products';
import { WITHOUT_HOLDS } from './catalog';

export async function reviewQueue(services: Services, operator: UserDoc, query: z.output<typeof AdminProductQuery>) {
  authorizeAction(productPolicy.moderate(operator), 'Only operators review products');
  const { Product, Shop } = services.models;
  const filter = { 'review.state': query.review };
  const [items, total] = await Promise.all([
    Product.find(filter, WITHOUT_HOLDS).sort({ updatedAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<ProductRecord[]>(),
    Product.countDocuments(filter),
  ]);
  const shops = await Shop.find({ _id: { $in: items.map((p) => p.shopId) } }, { name: 1 }).lean<Pick<ShopRecord, '_id' | 'name'>[]>();
  const shopNames = new Map(shops.map((s) => [String(s._id), s.name]));
  return { items, shopNames, total, page: query.page, pageSize: query.pageSize };
}

/** An operator looked and found nothing wrong. Only a flagged product can be cleared. */
export async function clearFlag(services: Services, operator: UserDoc, productId: string): Promise<ProductRecord> {
  authorizeAction(productPolicy.moderate(operator), 'Only operators review products');
  const { Product } = services.models;
  const updated = await Product.findOneAndUpdate(
    { _id: productId, 'review.state': { $in: ['flagged', 'cleared'] } },
    { $set: { 'review.state': 'cleared', 'review.at': services.now() } },
    { new: true },
  ).lean<ProductRecord>();
  if (updated) return updated;
  if (!(await Product.exists({ _id: productId }))) throw notFound('Product');
  throw new AppError('CONFLICT', 'This product is not flagged for review');
}

/** Off the shelf with a reason. The version moves, so an editor open on it reloads and sees why. */
export async function takeDown(services: Services, operator: UserDoc, productId: string, reason: string): Promise<ProductRecord> {
  authorizeAction(productPolicy.moderate(operator), 'Only operators take products down');
  const updated = await services.models.Product.findOneAndUpdate(
    { _id: productId },
    { $set: { status: 'off_shelf', review: { state: 'taken_down', reason, check: null, at: services.now() } }, $inc: { version: 1 } },
    { new: true },
  ).lean<ProductRecord>();
  if (!updated) throw notFound('Product');
  return updated;
}
