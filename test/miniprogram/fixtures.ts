// Shapes the API sends (typed by the contract), for screens rendered with fake clients.
import type { SavedAddressView } from '../../contract/addresses';
import type { ClientConfig } from '../../contract/auth';
import type { OrderView, QuoteLineView, QuoteView } from '../../contract/orders';
import type { OrderMoneyView, RefundView } from '../../contract/payments';
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

/** An order's money before anything is paid (direct-payment orders, unpaid WeChat Pay orders). */
export const unpaidMoney: OrderMoneyView = {
  payment: 'none', paidFen: 0, refundedFen: 0, refundableFen: 0, refunds: [], refundRequest: null, transactionId: null,
};

/** An order's money after paying `paidFen` (through WeChat Pay unless told), with any refunds and request. */
export function paidMoney(paidFen: number, extra: Partial<OrderMoneyView> = {}): OrderMoneyView {
  const refunds = extra.refunds ?? [];
  const refundedFen = refunds.filter((r) => r.status !== 'closed').reduce((sum, r) => sum + r.amountFen, 0);
  return {
    payment: 'paid', paidFen, refundedFen, refundableFen: paidFen - refundedFen, refunds: [], refundRequest: null, transactionId: '4200000000202611280000000001',
    ...extra,
  };
}

/** One refund of an order (a weight refund that went through, unless told). */
export function refund(n: number, extra: Partial<RefundView> = {}): RefundView {
  return { refundNo: `R20261128000${n}`, amountFen: 500, kind: 'weight', reason: '称重差价', status: 'success', channel: 'wechat', createdAt: NOW, settledAt: NOW, ...extra };
}

/** Ids of the shop, product and variant the buyer's order fixtures buy (real ObjectId shapes). */
export const ORDER_IDS = { SHOP: 'a'.repeat(24), P1: 'c'.repeat(24), V1: 'd'.repeat(24) } as const;

export const quoteLine: QuoteLineView = {
  productId: ORDER_IDS.P1, variantId: ORDER_IDS.V1, title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2,
  lineFen: 7600, cover: photo(3), available: 10, problem: null,
};

/** Checkout's quote: two 2.5 kg bags, ¥12 shipping, ¥88 in all, paying the seller directly unless told. */
export function quoteView(extra: Partial<QuoteView> = {}): QuoteView {
  return {
    shop: { id: ORDER_IDS.SHOP, name: '克东王家合作社', logo: null, acceptingOrders: true },
    lines: [quoteLine],
    subtotalFen: 7600,
    weightGrams: 5200,
    shipping: { ships: true, fen: 1200, free: false },
    totalFen: 8800,
    paymentMethods: ['direct'],
    unpaidMinutes: 30,
    ...extra,
  };
}

export const savedHome: SavedAddressView = { id: 'addr1', name: '张三', phone: '13800138000', region: keDong, detail: '前进村 3 号', isDefault: true, updatedAt: NOW };

/** The buyer's order of that quote, unpaid (paying the seller directly) unless told. */
export function orderView(extra: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o1',
    orderNo: '20261128-4821937',
    status: 'awaiting_payment',
    shop: { id: ORDER_IDS.SHOP, name: '克东王家合作社', logo: null, phone: '13900139000' },
    buyer: { id: 'u5', nickname: '张三' },
    customerId: null,
    lines: [{ productId: ORDER_IDS.P1, variantId: ORDER_IDS.V1, title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2, lineFen: 7600, cover: null }],
    subtotalFen: 7600,
    shippingFen: 1200,
    totalFen: 8800,
    weightGrams: 5200,
    address: { name: '张三', phone: '13800138000', region: keDong, detail: '前进村 3 号' },
    buyerNote: '放门卫室',
    sellerNote: null,
    paymentMethod: 'direct',
    paidAt: null,
    money: unpaidMoney,
    parcels: [],
    shippedAt: null,
    completedAt: null,
    cancelled: null,
    expiresAt: '2026-11-28T08:30:00.000Z',
    autoCompleteAt: null,
    timeline: [{ at: NOW, event: 'placed', actor: 'buyer', note: null }],
    actions: ['cancel'],
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

/** The client config the buyer's screens get: subscribe templates, the simulator's subscribe path. */
export const buyerConfig: ClientConfig = {
  simulatorLoginCodePath: null,
  simulatorSubscribePath: '/wechat-sim/dev/subscribe',
  simulatorPaySheetPath: null,
  subscribeTemplates: { order_paid: 'tpl_paid', order_shipped: 'tpl_shipped', new_order: null },
  apiVersion: 'v1',
};
