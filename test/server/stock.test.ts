// Order-time stock (domain/stock.ts): however many buyers press at once, exactly the stock there
// is gets sold, never more, and sales never move the version an editor holds.
import type { Harness } from './harness';
import { bulkProductRequest, listing, productRequest, publishedProduct, seller, startCatalogHarness, createProduct } from './catalog-fixtures';
import { releaseStock, reserveStock } from '../../server/src/domain/stock';
import { AppError } from '../../server/src/errors';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

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

it('gives stock back on release, in either mode', async () => {
  const s = await seller(h);
  const perVariant = await publishedProduct(h, s);
  const bulk = await publishedProduct(h, s, bulkProductRequest(s.photoId));
  const lineA = { productId: perVariant.id, variantId: perVariant.variants[0].id, quantity: 4 };
  const lineB = { productId: bulk.id, variantId: bulk.variants[1].id, quantity: 3 };
  await reserveStock(h.boot.services, lineA);
  await reserveStock(h.boot.services, lineB);
  expect((await listing(h, s, bulk.id)).bulkStockGrams).toBe(85_000);
  expect(await releaseStock(h.boot.services, lineA)).toBe(true);
  expect(await releaseStock(h.boot.services, lineB)).toBe(true);
  expect((await listing(h, s, perVariant.id)).variants[0].stock).toBe(50);
  expect((await listing(h, s, bulk.id)).bulkStockGrams).toBe(100_000);
  expect(await releaseStock(h.boot.services, { ...lineA, variantId: 'f'.repeat(24) })).toBe(false);
});

it('sells only products on sale, and whole packs', async () => {
  const s = await seller(h);
  const draft = await createProduct(h, s, productRequest(s.photoId));
  await expect(reserveStock(h.boot.services, { productId: draft.id, variantId: draft.variants[0].id, quantity: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(reserveStock(h.boot.services, { productId: 'not-an-id', variantId: draft.variants[0].id, quantity: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const p = await publishedProduct(h, s);
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
