// The E2E journeys' shop: the simulator's seller opens a grain cooperative over HTTP and puts
// 沁州黄小米 on sale (2.5 kg bags at ¥38, 50 of them), and a typed API caller for checks.
import sharp from 'sharp';
import { API_PREFIX } from '../../contract/paths';
import type { ProductView } from '../../contract/products';
import type { ShopView } from '../../contract/shops';
import { loginOverHttp } from './server-process';

export type Api = <T>(token: string, method: string, path: string, body?: unknown, expected?: number) => Promise<T>;

/** Calls the API as `token` and fails the test (showing the answer) unless it answers `expected`. */
export const apiAt = (base: string): Api => async <T>(token: string, method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
  const response = await fetch(new URL(API_PREFIX + path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  expect({ method, path, status: response.status, body: response.status === expected ? null : text }).toEqual({ method, path, status: expected, body: null });
  return (text ? JSON.parse(text) : null) as T;
};

export interface MilletShop {
  sellerToken: string;
  buyerToken: string;
  shop: ShopView;
  product: ProductView;
}

export async function openMilletShop(base: string): Promise<MilletShop> {
  const api = apiAt(base);
  const sellerToken = (await loginOverHttp(base, 'seller')).token;
  const buyerToken = (await loginOverHttp(base, 'buyer')).token;
  const shop = await api<ShopView>(sellerToken, 'POST', '/shops', { name: '沁县檀山杂粮合作社', intro: '沁州黄小米', phone: '13800138000', regionCode: '140430' }, 201);
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d9a441' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'millet.jpg');
  const uploaded = await fetch(new URL(`${API_PREFIX}/photos`, base), { method: 'POST', headers: { authorization: `Bearer ${sellerToken}` }, body: form });
  expect(uploaded.status).toBe(201);
  const photoId = ((await uploaded.json()) as { id: string }).id;
  const product = await api<ProductView>(sellerToken, 'POST', `/shops/${shop.id}/listings`, {
    title: '沁州黄小米 新米',
    description: [{ type: 'text', text: '山坡地种植，自然晾晒。' }],
    photoIds: [photoId],
    category: 'grain',
    stockMode: 'per_variant',
    variants: [{ name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: 50 }],
    publish: true,
  }, 201);
  return { sellerToken, buyerToken, shop, product };
}
