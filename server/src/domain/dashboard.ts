// The seller's home screen: today's orders and takings (today in China, UTC+8, whatever the
// server's clock zone), how many orders sit in each status, and products running low.
import type { SellerDashboardView } from '../../../contract/orders';
import { OrderStatus } from '../../../contract/orders';
import type { Services } from '../services';
import type { ProductRecord } from '../models/product';
import { availableOf, isLowStock } from '../presenters/product';
import type { Actor } from '../policies/shops';
import { shopForSellerViews } from './customers';
import { chinaDayOf } from './china-time';

/** At most this many low-stock products are listed; the listings page has the rest. */
const LOW_STOCK_LISTED = 20;

export async function sellerDashboard(services: Services, actor: Actor, shopId: string): Promise<SellerDashboardView> {
  const shop = await shopForSellerViews(services, actor, shopId);
  const { Order, Product } = services.models;
  const day = chinaDayOf(services.now());
  const [todayOrders, revenue, byStatus, onSale] = await Promise.all([
    // Orders still `placing` are not orders yet (their stock is being reserved).
    Order.countDocuments({ shopId: shop._id, status: { $ne: 'placing' }, createdAt: { $gte: day.start, $lt: day.end } }),
    // Money paid today; an order paid and then cancelled (refunded) is not takings.
    Order.aggregate<{ fen: number }>([
      { $match: { shopId: shop._id, paidAt: { $gte: day.start, $lt: day.end }, status: { $ne: 'cancelled' } } },
      { $group: { _id: null, fen: { $sum: '$totalFen' } } },
    ]),
    Order.aggregate<{ _id: string; n: number }>([
      { $match: { shopId: shop._id, status: { $in: OrderStatus.options } } },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]),
    Product.find({ shopId: shop._id, status: 'on_sale' }, { title: 1, stockMode: 1, bulkStockGrams: 1, variants: 1 }).lean<ProductRecord[]>(),
  ]);
  const counts = Object.fromEntries(OrderStatus.options.map((s) => [s, 0])) as SellerDashboardView['counts'];
  for (const row of byStatus) counts[row._id as keyof typeof counts] = row.n;
  const lowStock = onSale
    .filter(isLowStock)
    .map((p) => ({ productId: String(p._id), title: p.title, available: Math.min(...availableOf(p)) }))
    .sort((a, b) => a.available - b.available || a.title.localeCompare(b.title))
    .slice(0, LOW_STOCK_LISTED);
  return { today: { orders: todayOrders, revenueFen: revenue[0]?.fen ?? 0, date: day.date }, counts, lowStock };
}
