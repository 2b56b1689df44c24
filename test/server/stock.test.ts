// Order-time stock (domain/stock.ts): however many buyers press at once, exactly the stock there
// is gets sold, never more, and sales never move the version an editor holds. Each hold is taken,
// returned or settled exactly once, however often it is retried.
import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';
import { bulkProductRequest, listing, productRequest, publishedProduct, seller, startCatalogHarness, createProduct } from './catalog-fixtures';
import { releaseStock, reserveStock as reserveWithKey, settleStock, type StockLine } from '../../server/src/domain/stock';
import { AppError } from '../../server/src/errors';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

/** A reservation under a hold key of its own (one order line each). */
const reserveStock = (services: Harness['boot']['services'], line: StockLine, key = randomUUID()) => reserveWithKey(services, line, key).then(() => key);

const settle = async (n: number, take: () => Promise<unknown>) => {
  const results = await Promise.allSettled(Array.from({ length: n }, take));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as AppError);
  return { ok: results.length - failures.length, failures };
};

it('sells exactly 50 of 50 packs to 200 buyers pressing at once', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  const variantId = p.variants[0].id;
  const { ok, failures } = await settle(200, () => reserveStock(h.boot.services, { productId: p.id, variantId, quantity: 1 }));
  expect(ok).toBe(50);
  expect(failures.every((e) => e instanceof AppError && e.code === 'OUT_OF_STOCK')).toBe(true);
  const now = await listing(h, s, p.id);
  expect(now.variants[0]).toMatchObject({ stock: 0, soldOut: true });
  expect(now.variants[1].stock).toBe(20); // the other variant is untouched
  expect(now.version).toBe(p.version); // sales are not edits
});

it('sells exactly 40 bags of 2.5 kg from 100 kg of bulk stock, whatever the mix of buyers', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s, bulkProductRequest(s.photoId));
  const [bag] = p.variants;
  const { ok } = await settle(200, () => reserveStock(h.boot.services, { productId: p.id, variantId: bag.id, quantity: 1 }));
  expect(ok).toBe(40);
  const now = await listing(h, s, p.id);
  expect(now.bulkStockGrams).toBe(0);
  expect(now.soldOut).toBe(true);
});

it('never goes below zero with mixed pack sizes against one bulk stock', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s, bulkProductRequest(s.photoId, { bulkStockGrams: 12_500 }));
  const [bag, box] = p.variants;
  const results = await Promise.allSettled(
    Array.from({ length: 60 }, (_, i) => reserveStock(h.boot.services, { productId: p.id, variantId: i % 2 ? box.id : bag.id, quantity: 1 })),
  );
  const sold = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i % 2 ? 5000 : 2500] : [])).reduce((a, b) => a + b, 0);
  const now = await listing(h, s, p.id);
  expect(now.bulkStockGrams).toBe(12_500 - sold);
  expect(now.bulkStockGrams).toBeGreaterThanOrEqual(0);
  expect(now.bulkStockGrams).toBeLessThan(2500); // nothing sellable was left unsold
});

it('takes several packs at once, and refuses more than there is with what is left', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  await reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[1].id, quantity: 18 });
  await expect(reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[1].id, quantity: 3 })).rejects.toMatchObject({
    code: 'OUT_OF_STOCK',
    details: { available: 2 },
  });
  expect((await listing(h, s, p.id)).variants[1].stock).toBe(2);
});

it('gives stock back on release, in either mode, exactly once', async () => {
  const s = await seller(h);
  const perVariant = await publishedProduct(h, s);
  const bulk = await publishedProduct(h, s, bulkProductRequest(s.photoId));
  const keyA = await reserveStock(h.boot.services, { productId: perVariant.id, variantId: perVariant.variants[0].id, quantity: 4 });
  const keyB = await reserveStock(h.boot.services, { productId: bulk.id, variantId: bulk.variants[1].id, quantity: 3 });
  expect((await listing(h, s, bulk.id)).bulkStockGrams).toBe(85_000);
  expect(await releaseStock(h.boot.services, perVariant.id, keyA)).toBe(true);
  expect(await releaseStock(h.boot.services, bulk.id, keyB)).toBe(true);
  expect(await releaseStock(h.boot.services, perVariant.id, keyA)).toBe(false); // a retry returns nothing more
  expect((await listing(h, s, perVariant.id)).variants[0].stock).toBe(50);
  expect((await listing(h, s, bulk.id)).bulkStockGrams).toBe(100_000);
  expect(await releaseStock(h.boot.services, perVariant.id, 'no-such-hold')).toBe(false);
});

it('takes stock once per hold key, however often the reservation is retried', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  const line = { productId: p.id, variantId: p.variants[0].id, quantity: 5 };
  const key = randomUUID();
  await Promise.all(Array.from({ length: 10 }, () => reserveWithKey(h.boot.services, line, key)));
  expect((await listing(h, s, p.id)).variants[0].stock).toBe(45);
  const product = await h.boot.services.models.Product.findById(p.id).lean();
  expect(product?.holds).toEqual([expect.objectContaining({ key, quantity: 5, mode: 'per_variant' })]);
});

it('returns a hold once when many release it at once, and a settled hold never', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s, bulkProductRequest(s.photoId));
  const released = await reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[0].id, quantity: 2 });
  const settled = await reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[1].id, quantity: 1 });
  const results = await Promise.all(Array.from({ length: 20 }, () => releaseStock(h.boot.services, p.id, released)));
  expect(results.filter(Boolean)).toHaveLength(1);
  await settleStock(h.boot.services, p.id, settled);
  expect(await releaseStock(h.boot.services, p.id, settled)).toBe(false);
  expect((await listing(h, s, p.id)).bulkStockGrams).toBe(100_000 - 5000);
  expect((await h.boot.services.models.Product.findById(p.id).lean())?.holds).toEqual([]);
});

it('drops a hold without returning stock when the seller removed its variant or switched the stock mode', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  const key = await reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[0].id, quantity: 3 });
  const res = await h.api
    .patch(`/api/v1/listings/${p.id}`)
    .set(s.auth)
    .send({ version: p.version, stockMode: 'bulk', bulkStockGrams: 10_000, variants: p.variants.map((v) => ({ id: v.id, name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams })) });
  expect(res.status).toBe(200);
  expect(await releaseStock(h.boot.services, p.id, key)).toBe(false);
  const now = await h.boot.services.models.Product.findById(p.id).lean();
  expect(now).toMatchObject({ bulkStockGrams: 10_000, holds: [] });
});

it('sells only products on sale, and whole packs', async () => {
  const s = await seller(h);
  const draft = await createProduct(h, s, productRequest(s.photoId));
  await expect(reserveStock(h.boot.services, { productId: draft.id, variantId: draft.variants[0].id, quantity: 1 })).rejects.toMatchObject({
    code: 'PRODUCT_UNAVAILABLE',
    details: { productId: draft.id, variantId: draft.variants[0].id, available: 0 },
  });
  await expect(reserveStock(h.boot.services, { productId: 'not-an-id', variantId: draft.variants[0].id, quantity: 1 })).rejects.toMatchObject({ code: 'PRODUCT_UNAVAILABLE' });
  const p = await publishedProduct(h, s);
  await expect(reserveStock(h.boot.services, { productId: p.id, variantId: 'f'.repeat(24), quantity: 1 })).rejects.toMatchObject({ code: 'PRODUCT_UNAVAILABLE' });
  for (const quantity of [0, -1, 1.5]) {
    await expect(reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[0].id, quantity })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  }
  expect((await listing(h, s, p.id)).variants[0].stock).toBe(50);
});

it('keeps restocks and sales both counted when they run at once', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  const variantId = p.variants[0].id;
  await Promise.all([
    ...Array.from({ length: 30 }, () => reserveStock(h.boot.services, { productId: p.id, variantId, quantity: 1 })),
    ...Array.from({ length: 10 }, () => h.api.post(`/api/v1/listings/${p.id}/stock`).set(s.auth).send({ variants: [{ variantId, delta: 2 }] }).expect(200)),
  ]);
  expect((await listing(h, s, p.id)).variants[0].stock).toBe(50 - 30 + 20);
});

it('lets an edit of the variants and a rush of sales both stand', async () => {
  const s = await seller(h);
  const p = await publishedProduct(h, s);
  const variantId = p.variants[0].id;
  const edit = h.api
    .patch(`/api/v1/listings/${p.id}`)
    .set(s.auth)
    .send({ version: p.version, variants: p.variants.map((v) => ({ id: v.id, name: `${v.name}（新）`, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams })) });
  const [edited, sales] = await Promise.all([edit, settle(40, () => reserveStock(h.boot.services, { productId: p.id, variantId, quantity: 1 }))]);
  // Under a heavy rush the edit may ask to be saved again; it never overwrites a sale.
  expect([200, 409]).toContain(edited.status);
  const now = await listing(h, s, p.id);
  expect(sales.ok).toBe(40);
  expect(now.variants[0].stock).toBe(50 - 40);
  if (edited.status === 200) expect(now.variants[0].name).toBe('2.5kg 袋装（新）');
});
