// Idempotency-Key on the requests a retry must not repeat: opening a shop, creating a product,
// changing stock. The same key again replays the first answer; nothing happens twice.
import { startCatalogHarness, seller, person, productRequest, createProduct, listing, shopRequest, type Seller } from './catalog-fixtures';
import { expectError, fieldPaths, type Harness } from './harness';
import { ABANDONED_AFTER_MS } from '../../server/src/http/idempotency';
import { purgeIdempotencyKeys } from '../../server/src/jobs/purge-idempotency-keys';

let h: Harness;
let s: Seller;
beforeAll(async () => {
  h = await startCatalogHarness();
  s = await seller(h);
});
afterAll(() => h.close());

const countProducts = () => h.boot.services.models.Product.countDocuments({ shopId: s.shop.id });

it('creates one product for two sends of the same request and key, and replays the answer', async () => {
  const before = await countProducts();
  const send = () => h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', 'create-millet-0001').send(productRequest(s.photoId));
  const first = await send();
  const again = await send();
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(await countProducts()).toBe(before + 1);
});

it('without a key, two sends are two products', async () => {
  const before = await countProducts();
  await createProduct(h, s);
  await createProduct(h, s);
  expect(await countProducts()).toBe(before + 2);
});

it('adds stock once for a retried restock', async () => {
  const product = await createProduct(h, s);
  const variantId = product.variants[0].id;
  const restock = () => h.api.post(`/api/v1/listings/${product.id}/stock`).set(s.auth).set('Idempotency-Key', `restock-${product.id}`).send({ variants: [{ variantId, delta: 30 }] });
  expect((await restock()).status).toBe(200);
  expect((await restock()).status).toBe(200);
  expect((await listing(h, s, product.id)).variants[0].stock).toBe(50 + 30);
});

it('refuses the same key with a different request, naming the header, and changes nothing', async () => {
  const key = 'create-soy-000001';
  const first = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(productRequest(s.photoId));
  expect(first.status).toBe(201);
  const before = await countProducts();
  const other = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(productRequest(s.photoId, { title: '黄豆' }));
  expect(fieldPaths(expectError(other, 400, 'VALIDATION_FAILED'))).toEqual(['headers.idempotency-key']);
  expect(await countProducts()).toBe(before);
});

it.each(['short', 'has spaces in it', 'x'.repeat(65), '{"$gt":""}'])('refuses a malformed key %p', async (key) => {
  const before = await countProducts();
  const res = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(productRequest(s.photoId));
  expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED'))).toEqual(['headers.idempotency-key']);
  expect(await countProducts()).toBe(before);
});

it('keeps keys per person: another person may use the same key for their own request', async () => {
  const key = 'open-shop-0000001';
  const a = await person(h);
  const b = await person(h);
  const shopA = await h.api.post('/api/v1/shops').set(a.auth).set('Idempotency-Key', key).send(shopRequest({ name: '甲家小店' }));
  const shopB = await h.api.post('/api/v1/shops').set(b.auth).set('Idempotency-Key', key).send(shopRequest({ name: '乙家小店' }));
  expect([shopA.status, shopB.status]).toEqual([201, 201]);
  expect(shopA.body.id).not.toBe(shopB.body.id);
  // A's retry gets A's shop back rather than "you already have a shop".
  const retry = await h.api.post('/api/v1/shops').set(a.auth).set('Idempotency-Key', key).send(shopRequest({ name: '甲家小店' }));
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(shopA.body.id);
});

it('does not remember a refusal: the same key works once the request is fixed', async () => {
  const key = 'fix-and-retry-0001';
  const bad = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(productRequest('f'.repeat(64)));
  expectError(bad, 400, 'VALIDATION_FAILED');
  // Same key, same request: refused again by validation, not replayed as the earlier answer.
  const again = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(productRequest('f'.repeat(64)));
  expect(fieldPaths(expectError(again, 400, 'VALIDATION_FAILED'))).toEqual(['photoIds.0']);
});

it('answers 409 while the first request is in flight, and lets a retry take over a request its server abandoned', async () => {
  const { IdempotencyKey } = h.boot.services.models;
  const key = 'in-flight-000001';
  const body = productRequest(s.photoId, { title: '在途请求' });
  // The first send is recorded as in progress (as if its server were still working on it).
  const probe = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(body);
  const record = await IdempotencyKey.findOne({ key }).lean();
  expect(probe.status).toBe(201);
  await IdempotencyKey.updateOne({ _id: record?._id }, { $set: { state: 'pending', status: null, body: null } });
  expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(body), 409, 'CONFLICT');
  // A minute later the server that held it is presumed gone: the retry does the work itself.
  await IdempotencyKey.collection.updateOne({ _id: record?._id }, { $set: { createdAt: new Date(Date.now() - ABANDONED_AFTER_MS - 1000) } });
  const takeover = await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', key).send(body);
  expect(takeover.status).toBe(201);
  expect(await IdempotencyKey.countDocuments({ key })).toBe(1);
});

it('forgets answers after a day', async () => {
  const { IdempotencyKey } = h.boot.services.models;
  await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).set('Idempotency-Key', 'old-request-00001').send(productRequest(s.photoId));
  await IdempotencyKey.collection.updateOne({ key: 'old-request-00001' }, { $set: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
  expect(await purgeIdempotencyKeys(h.boot.services)).toBeGreaterThanOrEqual(1);
  expect(await IdempotencyKey.countDocuments({ key: 'old-request-00001' })).toBe(0);
});
