// Shared set-up for the shop and product tests: people in each role, photos (inserted directly:
// the upload endpoint belongs to the photos tests), a shop, and products in a known state.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { startHarness, bearer, type Harness } from './harness';
import type { CreateProductRequest, ProductView } from '../../contract/products';
import type { CreateShopRequest, ShopView } from '../../contract/shops';

export const OPERATOR_OPENID = 'op_catalog_0001';

/** A harness whose OPERATOR_OPENIDS names the operator, plus `extra` more (distinct operators for a test each). */
export const startCatalogHarness = (extra: string[] = []) => startHarness({ OPERATOR_OPENIDS: [OPERATOR_OPENID, ...extra].join(',') });

/** 沁县, 长治市, 山西省: millet country. */
export const COUNTY = '140430';

export interface Person {
  token: string;
  userId: string;
  auth: { Authorization: string };
}

export async function person(h: Harness, openid?: string): Promise<Person> {
  const { token, user } = await h.login(openid);
  return { token, userId: user.id, auth: bearer(token) };
}

export const operator = (h: Harness, openid = OPERATOR_OPENID) => person(h, openid);

/** A photo record owned by this user, as the upload endpoint would store it. */
export async function photoOf(h: Harness, userId: string): Promise<string> {
  const id = randomBytes(32).toString('hex');
  await h.boot.services.models.Photo.create({
    _id: id,
    ownerId: new Types.ObjectId(userId),
    uploaderIds: [new Types.ObjectId(userId)],
    thumbFileId: randomBytes(32).toString('hex'),
    largeFileId: randomBytes(32).toString('hex'),
    width: 750,
    height: 750,
  });
  return id;
}

export const shopRequest = (extra: Partial<CreateShopRequest> = {}): CreateShopRequest => ({
  name: '沁州黄小米合作社',
  intro: '山西沁县的小米，当年新米。',
  phone: '13800138000',
  regionCode: COUNTY,
  ...extra,
});

export interface Seller extends Person {
  shop: ShopView;
  photoId: string;
}

/** A person who opened a shop, with one photo of their own. */
export async function seller(h: Harness, extra: Partial<CreateShopRequest> = {}): Promise<Seller> {
  const p = await person(h);
  const res = await h.api.post('/api/v1/shops').set(p.auth).send(shopRequest(extra));
  if (res.status !== 201) throw new Error(`open shop failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...p, shop: res.body as ShopView, photoId: await photoOf(h, p.userId) };
}

/** Millet in two packs, stock per variant: 2.5 kg ¥38.00 and 5 kg ¥72.00. */
export const productRequest = (photoId: string | null, extra: Partial<CreateProductRequest> = {}): CreateProductRequest => ({
  title: '沁州黄小米 新米',
  description: [{ type: 'text', text: '山坡地种植，自然晾晒。' }],
  photoIds: photoId ? [photoId] : [],
  category: 'grain',
  origin: { regionCode: COUNTY, village: '次村' },
  harvestDate: '2026-10-01',
  shelfLifeDays: 365,
  storageNote: '阴凉干燥处保存',
  stockMode: 'per_variant',
  variants: [
    { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: 50 },
    { name: '5kg 礼盒', priceFen: 7200, netWeightGrams: 5000, stock: 20 },
  ],
  ...extra,
});

/** Bulk stock: 100 kg shared by a 2.5 kg bag and a 5 kg box. */
export const bulkProductRequest = (photoId: string, extra: Partial<CreateProductRequest> = {}): CreateProductRequest =>
  productRequest(photoId, {
    stockMode: 'bulk',
    bulkStockGrams: 100_000,
    variants: [
      { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500 },
      { name: '5kg 礼盒', priceFen: 7200, netWeightGrams: 5000 },
    ],
    ...extra,
  });

export async function createProduct(h: Harness, s: Seller, body: CreateProductRequest = productRequest(s.photoId)): Promise<ProductView> {
  const res = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(body);
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ProductView;
}

export async function publishedProduct(h: Harness, s: Seller, body: CreateProductRequest = productRequest(s.photoId)): Promise<ProductView> {
  return createProduct(h, s, { ...body, publish: true });
}

/** The product as its owner sees it now. */
export async function listing(h: Harness, s: Person, productId: string): Promise<ProductView> {
  const res = await h.api.get(`/api/v1/listings/${productId}`).set(s.auth);
  if (res.status !== 200) throw new Error(`read listing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ProductView;
}

export async function myShop(h: Harness, s: Person): Promise<ShopView> {
  const res = await h.api.get('/api/v1/me/shop').set(s.auth);
  if (res.status !== 200) throw new Error(`read shop failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ShopView;
}
