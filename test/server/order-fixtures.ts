// Shared set-up for the order tests: a seller with order settings and products, buyers, addresses,
// and placing orders through the API.
import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';
import { person, publishedProduct, productRequest, seller, type Person, type Seller } from './catalog-fixtures';
import type { AddressInput } from '../../contract/addresses';
import type { OrderView, PlaceOrderRequest, UpdateOrderSettingsRequest } from '../../contract/orders';
import type { CreateProductRequest, ProductView } from '../../contract/products';

export const BEIJING = '110105'; // 朝阳区, 北京市
export const URUMQI = '650102'; // 天山区, 新疆
export const HAIKOU = '460105'; // 秀英区, 海南

export const address = (extra: Partial<AddressInput> = {}): AddressInput => ({
  name: '李梅',
  phone: '13912345678',
  regionCode: BEIJING,
  detail: '朝阳路 88 号 3 单元 502',
  ...extra,
});

/** First 1 kg ¥8, each further kg ¥2, free from ¥99; 新疆 ¥18 + ¥8/kg never free; 海南 not shipped to; 150 g packaging. */
export const orderSettings = (version: number): UpdateOrderSettingsRequest => ({
  version,
  shipping: {
    defaultRule: { firstGrams: 1000, firstFen: 800, stepGrams: 1000, stepFen: 200, freeOverFen: 9900 },
    provinceRules: [{ provinceCodes: ['650000'], firstGrams: 1000, firstFen: 1800, stepGrams: 1000, stepFen: 800, freeOverFen: null }],
    excludedProvinceCodes: ['460000'],
    packagingGrams: 150,
  },
  unpaidMinutes: 30,
  autoCompleteDays: 10,
});

export interface Shop extends Seller {
  product: ProductView;
}

/** A seller with the order settings above and one product on sale (millet: 2.5 kg ¥38 ×50, 5 kg ¥72 ×20). */
export async function shopWithProduct(h: Harness, product?: (s: Seller) => CreateProductRequest): Promise<Shop> {
  const s = await seller(h);
  const res = await h.api.put(`/api/v1/shops/${s.shop.id}/order-settings`).set(s.auth).send(orderSettings(s.shop.version));
  if (res.status !== 200) throw new Error(`order settings failed: ${res.status} ${JSON.stringify(res.body)}`);
  const p = await publishedProduct(h, s, product ? product(s) : productRequest(s.photoId));
  return { ...s, product: p };
}

export const placeRequest = (s: Shop, lines: { variant?: number; quantity: number }[] = [{ quantity: 1 }], extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  shopId: s.shop.id,
  lines: lines.map((l) => ({ productId: s.product.id, variantId: s.product.variants[l.variant ?? 0].id, quantity: l.quantity })),
  address: address(),
  paymentMethod: 'direct',
  ...extra,
});

export const place = (h: Harness, buyer: Person, body: unknown, key: string | null = randomUUID()) => {
  const req = h.api.post('/api/v1/orders').set(buyer.auth);
  return (key ? req.set('Idempotency-Key', key) : req).send(body as object);
};

/** A new buyer's order for one 2.5 kg bag (or the lines given). */
export async function placedOrder(h: Harness, s: Shop, lines?: { variant?: number; quantity: number }[], buyer?: Person): Promise<{ buyer: Person; order: OrderView }> {
  const b = buyer ?? (await person(h));
  const res = await place(h, b, placeRequest(s, lines));
  if (res.status !== 201) throw new Error(`place order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { buyer: b, order: res.body as OrderView };
}

export const orderPath = (id: string, action = '') => `/api/v1/orders/${id}${action ? `/${action}` : ''}`;

/** Stock of the product's variants (or its bulk grams), and its holds, read from the database. */
export async function stockOf(h: Harness, productId: string) {
  const p = await h.boot.services.models.Product.findById(productId).lean();
  if (!p) throw new Error('no product');
  return { variants: p.variants.map((v) => v.stock), bulk: p.bulkStockGrams, holds: p.holds.length };
}
