// The seller's home screen: today's orders and takings (today in China, UTC+8, whatever the
// server's clock zone), how many orders sit in each status, and products running low.
import type { SellerDashboardView } from '../../../contract/orders';
import { LOW_STOCK_PACKS, NET_WEIGHT_GRAMS_MAX } from '../../../contract/limits';
import type { Services } from '../services';
import type { ProductRecord } from '../models/product';
import { availableOf, isLowStock } from '../presenters/product';
import type { Actor } from '../policies/shops';
import { shopToInspect } from './shops';
import { chinaDayOf } from './china-time';
import { orderCounts } from './orders';

/** At most this many low-stock products are listed; the listings page has the rest. */
const LOW_STOCK_LISTED = 20;

export async function sellerDashboard(services: Services, actor: Actor, shopId: string): Promise<SellerDashboardView> {
  const shop = await shopToInspect(services, actor, shopId);
  const { Order, Product } = services.models;
  const day = chinaDayOf(services.now());
  const [todayOrders, revenue, counts, onSale, openRefundRequests] = await Promise.all([
    // Orders still `placing` are not orders yet (their stock is being reserved).
    Order.countDocuments({ shopId: shop._id, status: { $ne: 'placing' }, createdAt: { $gte: day.start, $lt: day.end } }),
    // Money paid today less what went back; an order paid and then cancelled is not takings.
    Order.aggregate<{ fen: number }>([
      { $match: { shopId: shop._id, paidAt: { $gte: day.start, $lt: day.end }, status: { $ne: 'cancelled' } } },
      // Orders from before payments carry no paidFen: they were paid in full.
      { $group: { _id: null, fen: { $sum: { $subtract: [{ $ifNull: ['$paidFen', '$totalFen'] }, { $ifNull: ['$refundedFen', 0] }] } } } },
    ]),
    orderCounts(services, { shopId: shop._id }),
    // Only products that may be low are read: some pack at or under the mark, or bulk stock under
    // what the mark is for the heaviest pack there can be (isLowStock then decides exactly).
    Product.find(
      {
        shopId: shop._id,
        status: 'on_sale',
        $or: [
          { stockMode: 'per_variant', 'variants.stock': { $lte: LOW_STOCK_PACKS } },
          { stockMode: 'bulk', bulkStockGrams: { $lt: (LOW_STOCK_PACKS + 1) * NET_WEIGHT_GRAMS_MAX } },
        ],
      },
      { title: 1, stockMode: 1, bulkStockGrams: 1, variants: 1 },
    ).lean<ProductRecord[]>(),
    Order.countDocuments({ shopId: shop._id, 'refundRequest.status': 'open' }),
  ]);
  const lowStock = onSale
    .filter(isLowStock)
    .map((p) => ({ productId: String(p._id), title: p.title, available: Math.min(...availableOf(p)) }))
    .sort((a, b) => a.available - b.available || a.title.localeCompare(b.title))
    .slice(0, LOW_STOCK_LISTED);
  return { today: { orders: todayOrders, revenueFen: revenue[0]?.fen ?? 0, date: day.date }, counts, openRefundRequests, lowStock };
}
