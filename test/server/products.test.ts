// Products: create (draft or on sale), edit with a version check and variant rules, publish
// through WeChat's content check, unpublish, delete, restock; what buyers see.
import { expectError, fieldPaths, type Harness } from './harness';
import {
  bulkProductRequest, createProduct, listing, operator, person, photoOf, productRequest, publishedProduct, seller, startCatalogHarness, type Seller,
} from './catalog-fixtures';
import { reserveStock } from '../../server/src/domain/stock';
import { defaultContentRules } from '../../server/src/wechat/simulator/state';
import type { ProductView } from '../../contract/products';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.simulator.state.contentRules = defaultContentRules();
});

const patch = (s: Seller, id: string, body: object) => h.api.patch(`/api/v1/listings/${id}`).set(s.auth).send(body);
const counts = async (s: Seller) => (await h.api.get(`/api/v1/shops/${s.shop.id}/listings?status=draft`).set(s.auth)).body.counts;

describe('creating', () => {
  it('saves a draft with unit prices computed from price and weight', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    expect(p).toMatchObject({ status: 'draft', version: 0, shopId: s.shop.id, stockMode: 'per_variant', bulkStockGrams: null, priceFromFen: 3800, unitPriceFromFenPer500g: 720, soldOut: false });
    expect(p.variants[0]).toMatchObject({ name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, unitPriceFenPer500g: 760, unitPriceFenPerKg: 1520, stock: 50, available: 50, fewLeft: null, soldOut: false });
    expect(p.variants[1]).toMatchObject({ unitPriceFenPer500g: 720, unitPriceFenPerKg: 1440, stock: 20 });
    expect(p.origin).toEqual({ region: expect.objectContaining({ county: { code: '140430', name: '沁县' } }), village: '次村' });
    expect(p.review).toEqual({ state: 'none', reason: null, check: null, at: null });
    expect(p.photos[0].id).toBe(s.photoId);
    // A draft is invisible to buyers.
    expectError(await h.api.get(`/api/v1/products/${p.id}`), 404, 'NOT_FOUND');
  });

  it('publishes at once with publish: true', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    expect(p).toMatchObject({ status: 'on_sale', review: { state: 'none' } });
    expect(p.publishedAt).not.toBeNull();
    expect((await h.api.get(`/api/v1/products/${p.id}`)).status).toBe(200);
  });

  it('keeps bulk stock in grams and counts packs from it', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s, bulkProductRequest(s.photoId));
    expect(p).toMatchObject({ stockMode: 'bulk', bulkStockGrams: 100_000 });
    expect(p.variants.map((v) => [v.stock, v.available])).toEqual([[null, 40], [null, 20]]);
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: '米'.repeat(61) }, 'title'],
    [{ title: { $gt: '' } }, 'title'],
    [{ category: { $ne: 'grain' } }, 'category'],
    [{ category: 'weapons' }, 'category'],
    [{ variants: [] }, 'variants'],
    [{ variants: [{ name: '袋', priceFen: -100, netWeightGrams: 2500, stock: 1 }] }, 'variants.0.priceFen'],
    [{ variants: [{ name: '袋', priceFen: 12.5, netWeightGrams: 2500, stock: 1 }] }, 'variants.0.priceFen'],
    [{ variants: [{ name: '袋', priceFen: '3800', netWeightGrams: 2500, stock: 1 }] }, 'variants.0.priceFen'],
    [{ variants: [{ name: '袋', priceFen: 0, netWeightGrams: 2500, stock: 1 }] }, 'variants.0.priceFen'],
    [{ variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 0, stock: 1 }] }, 'variants.0.netWeightGrams'],
    [{ variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500.5, stock: 1 }] }, 'variants.0.netWeightGrams'],
    [{ variants: [{ name: { $gt: '' }, priceFen: 3800, netWeightGrams: 2500, stock: 1 }] }, 'variants.0.name'],
    [{ variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: -1 }] }, 'variants.0.stock'],
    [{ variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500 }] }, 'variants.0.stock'], // per variant: stock required
    [{ variants: [{ id: 'a'.repeat(24), name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: 1 }] }, 'variants.0.id'],
    [{ variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: 1, cost: 100 }] }, 'variants.0'],
    [{ bulkStockGrams: 1000 }, 'bulkStockGrams'], // per-variant product
    [{ stockMode: 'bulk' }, 'bulkStockGrams'],
    [{ photoIds: ['b'.repeat(64)] }, 'photoIds.0'],
    [{ photoIds: { $gt: '' } }, 'photoIds'],
    [{ photoIds: Array.from({ length: 10 }, (_, i) => String(i).repeat(64)) }, 'photoIds'],
    [{ description: [{ type: 'image', photoId: 'c'.repeat(64) }] }, 'description.0.photoId'],
    [{ description: [{ type: 'html', text: '<b>hi</b>' }] }, 'description.0.type'],
    [{ origin: { regionCode: '140400', village: '' } }, 'origin.regionCode'],
    [{ harvestDate: '2026-02-30' }, 'harvestDate'],
    [{ shelfLifeDays: 0 }, 'shelfLifeDays'],
    [{ publish: 'yes' }, 'publish'],
    [{ status: 'on_sale' }, ''],
    [{ version: 7 }, ''],
  ])('refuses %p naming the field, and creates nothing', async (extra, field) => {
    const s = await seller(h);
    const before = await counts(s);
    const body = { ...productRequest(s.photoId), ...extra };
    const err = expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(body), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain(field);
    expect(await counts(s)).toEqual(before);
  });

  it('refuses a NoSQL operator in every field, naming it, and creates nothing', async () => {
    const s = await seller(h);
    const fields = [...Object.keys(productRequest(s.photoId)), 'publish', 'bulkStockGrams'];
    for (const field of fields) {
      const body = { ...productRequest(s.photoId), [field]: { $gt: '' } };
      const err = expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(body), 400, 'VALIDATION_FAILED');
      expect({ field, paths: fieldPaths(err) }).toEqual({ field, paths: expect.arrayContaining([field]) });
    }
    for (const field of ['name', 'priceFen', 'netWeightGrams', 'stock', 'id']) {
      const variants = [{ ...productRequest(s.photoId).variants[0], [field]: { $ne: null } }];
      const err = expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send({ ...productRequest(s.photoId), variants }), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toContain(`variants.0.${field}`);
    }
    expect(await counts(s)).toEqual({ draft: 0, on_sale: 0, off_shelf: 0 });
  });

  it('refuses bulk products with per-variant stock', async () => {
    const s = await seller(h);
    const body = bulkProductRequest(s.photoId, { variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: 3 }] });
    const err = expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(body), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['variants.0.stock']);
  });

  it("refuses another seller's photos", async () => {
    const s = await seller(h);
    const other = await seller(h);
    const err = expectError(
      await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(productRequest(s.photoId, { photoIds: [s.photoId, other.photoId], description: [{ type: 'image', photoId: other.photoId }] })),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldPaths(err).sort()).toEqual(['description.0.photoId', 'photoIds.1']);
  });
});

describe('editing', () => {
  it('replaces the variants: kept ones keep their stock, new ones bring theirs, missing ones go', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const [bag, box] = p.variants;
    const res = await patch(s, p.id, {
      version: 0,
      title: '沁州黄 新米',
      variants: [
        { id: box.id, name: '5kg 礼盒装', priceFen: 6900, netWeightGrams: 5000 },
        { name: '1kg 尝鲜装', priceFen: 1800, netWeightGrams: 1000, stock: 7 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.title).toBe('沁州黄 新米');
    expect(res.body.variants.map((v: { id: string; name: string; stock: number }) => [v.id === box.id, v.name, v.stock])).toEqual([
      [true, '5kg 礼盒装', 20],
      [false, '1kg 尝鲜装', 7],
    ]);
    expect(res.body.variants.some((v: { id: string }) => v.id === bag.id)).toBe(false);
  });

  it('never undoes a sale: stock sold since the editor loaded stays sold', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    await reserveStock(h.boot.services, { productId: p.id, variantId: p.variants[0].id, quantity: 3 }, `test:${p.id}`);
    const res = await patch(s, p.id, { version: p.version, variants: p.variants.map((v) => ({ id: v.id, name: v.name, priceFen: v.priceFen + 100, netWeightGrams: v.netWeightGrams })) });
    expect(res.status).toBe(200);
    expect(res.body.variants.map((v: { stock: number }) => v.stock)).toEqual([47, 20]);
  });

  it.each([
    [(p: ProductView) => ({ variants: [{ id: p.variants[0].id, name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: 999 }] }), 'variants.0.stock'],
    [() => ({ variants: [{ name: '新袋', priceFen: 3800, netWeightGrams: 2500 }] }), 'variants.0.stock'],
    [() => ({ variants: [{ id: 'f'.repeat(24), name: '袋', priceFen: 3800, netWeightGrams: 2500 }] }), 'variants.0.id'],
    [(p: ProductView) => ({ variants: [p.variants[0], p.variants[0]].map((v) => ({ id: v.id, name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams })) }), 'variants.1.id'],
    [() => ({ bulkStockGrams: 5000 }), 'bulkStockGrams'],
    [() => ({ stockMode: 'bulk' }), 'bulkStockGrams'],
    [() => ({ title: '米'.repeat(61) }), 'title'],
    [() => ({ title: { $gt: '' } }), 'title'],
    [() => ({ photoIds: ['d'.repeat(64)] }), 'photoIds.0'],
    [() => ({ category: 'grain', status: 'on_sale' }), ''],
    [() => ({ version: undefined, title: 'x' }), 'version'],
    [() => ({ version: 0.5, title: 'x' }), 'version'],
  ])('refuses bad edit %#, naming the field, and changes nothing', async (make, field) => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const err = expectError(await patch(s, p.id, { version: 0, ...make(p) }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain(field);
    expect(await listing(h, s, p.id)).toEqual(p);
  });

  it('refuses a NoSQL operator in every field of an edit, and changes nothing', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    for (const field of ['version', ...Object.keys(productRequest(s.photoId)), 'bulkStockGrams']) {
      const err = expectError(await patch(s, p.id, { version: 0, [field]: { $gt: '' } }), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toContain(field);
    }
    expect(await listing(h, s, p.id)).toEqual(p);
  });

  it('switches stock mode only with the new stock in the same request', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const toBulk = await patch(s, p.id, { version: 0, stockMode: 'bulk', bulkStockGrams: 50_000 });
    expect(toBulk.status).toBe(200);
    expect(toBulk.body).toMatchObject({ stockMode: 'bulk', bulkStockGrams: 50_000 });
    expect(toBulk.body.variants.map((v: { stock: null; available: number }) => [v.stock, v.available])).toEqual([[null, 20], [null, 10]]);
    const missing = expectError(await patch(s, p.id, { version: 1, stockMode: 'per_variant' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(missing)).toEqual(['variants']);
    const ids = toBulk.body.variants.map((v: { id: string }) => v.id);
    const noStock = expectError(
      await patch(s, p.id, { version: 1, stockMode: 'per_variant', variants: [{ id: ids[0], name: 'a', priceFen: 100, netWeightGrams: 500 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldPaths(noStock)).toEqual(['variants.0.stock']);
    const back = await patch(s, p.id, { version: 1, stockMode: 'per_variant', variants: [{ id: ids[0], name: '2.5kg', priceFen: 3800, netWeightGrams: 2500, stock: 9 }] });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ stockMode: 'per_variant', bulkStockGrams: null, version: 2 });
    expect(back.body.variants.map((v: { id: string; stock: number }) => [v.id, v.stock])).toEqual([[ids[0], 9]]);
  });

  it('lets one of two editors win; the other gets VERSION_CONFLICT and changes nothing', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const [a, b] = await Promise.all([patch(s, p.id, { version: 0, title: '甲的标题' }), patch(s, p.id, { version: 0, title: '乙的标题' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const err = expectError(a.status === 409 ? a : b, 409, 'VERSION_CONFLICT');
    expect(err.message).toMatch(/changed.*reload/);
    expect(err.details).toEqual({ currentVersion: 1 });
    const now = await listing(h, s, p.id);
    expect(now.title).toBe(winner.body.title);
    expect(now.version).toBe(1);
  });

  it('checks edited text of a product on sale again: risky text changes nothing', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    const err = expectError(await patch(s, p.id, { version: p.version, description: [{ type: 'text', text: '欢迎来赌博' }] }), 422, 'CONTENT_RISKY');
    expect(err.details).toMatchObject({ suggest: 'risky', keywords: ['赌博'] });
    expect(await listing(h, s, p.id)).toEqual(p);
    const flagged = await patch(s, p.id, { version: p.version, title: '全国第一的小米' });
    expect(flagged.status).toBe(200);
    expect(flagged.body.review).toMatchObject({ state: 'flagged' });
    expect(flagged.body.review.check.keywords).toContain('第一');
  });

  it('asks WeChat again only when the text changed', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    h.simulator.state.contentRules.failWith = -1; // any call to the check would now fail
    const cheaper = await patch(s, p.id, { version: p.version, variants: p.variants.map((v) => ({ id: v.id, name: v.name, priceFen: v.priceFen - 100, netWeightGrams: v.netWeightGrams })) });
    expect(cheaper.status).toBe(200);
    expect(cheaper.body.priceFromFen).toBe(3700);
    expectError(await patch(s, p.id, { version: cheaper.body.version, title: '新标题' }), 503, 'WECHAT_BUSY');
    expect((await listing(h, s, p.id)).title).toBe(p.title);
  });

  it('treats an edit with nothing in it as no change', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const res = await patch(s, p.id, { version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(p);
  });

  it('keeps a product on sale sellable: it cannot lose its last photo', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    const err = expectError(await patch(s, p.id, { version: p.version, photoIds: [] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['photoIds']);
  });
});

describe('publishing', () => {
  it('publishes a draft that passes the check, once; a retry gets the product back', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const res = await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_sale', version: 1, review: { state: 'none' } });
    const again = await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
  });

  it('publishes text WeChat wants reviewed, flagged for operators', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s, productRequest(s.photoId, { title: '国家级非遗小米' }));
    const res = await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('on_sale');
    expect(res.body.review.state).toBe('flagged');
    expect(res.body.review.check).toMatchObject({ label: 'advertising' });
    // Buyers see it, without the review state.
    const pub = await h.api.get(`/api/v1/products/${p.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.review).toBeUndefined();
  });

  it('refuses risky text with the reason, and changes nothing', async () => {
    const s = await seller(h);
    h.simulator.state.contentRules.risky.push('假货');
    const p = await createProduct(h, s, productRequest(s.photoId, { description: [{ type: 'text', text: '不卖假货' }] }));
    const err = expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 422, 'CONTENT_RISKY');
    expect(err.message).toContain('假货');
    expect(err.details).toMatchObject({ suggest: 'risky', label: 20006, labelName: 'illegal', keywords: ['假货'] });
    expect(await listing(h, s, p.id)).toEqual(p);
  });

  it('creates nothing when publish: true meets risky text', async () => {
    const s = await seller(h);
    const before = await counts(s);
    const err = expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/listings`).set(s.auth).send(productRequest(s.photoId, { title: '赌博机', publish: true })), 422, 'CONTENT_RISKY');
    expect(err.details).toMatchObject({ keywords: ['赌博'] });
    expect(await counts(s)).toEqual(before);
  });

  it('checks long descriptions in pieces WeChat accepts', async () => {
    const s = await seller(h);
    const paragraphs = Array.from({ length: 5 }, () => ({ type: 'text' as const, text: '好'.repeat(999) }));
    paragraphs.push({ type: 'text', text: '附近有人赌博' });
    const p = await createProduct(h, s, productRequest(s.photoId, { description: paragraphs }));
    expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 422, 'CONTENT_RISKY');
  });

  it('needs a photo and the stock set up', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s, productRequest(null));
    const err = expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['photoIds']);
    expect((await listing(h, s, p.id)).status).toBe('draft');
  });

  it('refuses a stale version', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    await patch(s, p.id, { version: 0, title: '改过' }).expect(200);
    expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 409, 'VERSION_CONFLICT');
    expect((await listing(h, s, p.id)).status).toBe('draft');
  });

  it('works in a paused shop, and not in a suspended one', async () => {
    const s = await seller(h);
    const a = await createProduct(h, s);
    await h.api.post(`/api/v1/shops/${s.shop.id}/pause`).set(s.auth).expect(200);
    expect((await h.api.post(`/api/v1/listings/${a.id}/publish`).set(s.auth).send({ version: 0 })).status).toBe(200);
    const b = await createProduct(h, s);
    const op = await operator(h);
    await h.api.post(`/api/v1/admin/shops/${s.shop.id}/suspend`).set(op.auth).send({ reason: '核查中' }).expect(200);
    const err = expectError(await h.api.post(`/api/v1/listings/${b.id}/publish`).set(s.auth).send({ version: 0 }), 403, 'SHOP_SUSPENDED');
    expect(err.details).toEqual({ reason: '核查中' });
    expect((await listing(h, s, b.id)).status).toBe('draft');
  });

  it('fails clearly, publishing nothing, when WeChat cannot check', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    h.simulator.state.contentRules.failWith = -1;
    expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 503, 'WECHAT_BUSY');
    h.simulator.state.contentRules.failWith = 61010;
    expectError(await h.api.post(`/api/v1/listings/${p.id}/publish`).set(s.auth).send({ version: 0 }), 502, 'WECHAT_UNAVAILABLE');
    expect(await listing(h, s, p.id)).toEqual(p);
  });
});

describe('unpublishing and deleting', () => {
  it('takes a product off the shelf, hides it, and then allows deleting it', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    expectError(await h.api.delete(`/api/v1/listings/${p.id}`).set(s.auth), 409, 'CONFLICT');
    const off = await h.api.post(`/api/v1/listings/${p.id}/unpublish`).set(s.auth).send({ version: p.version });
    expect(off.body).toMatchObject({ status: 'off_shelf', version: p.version + 1 });
    expectError(await h.api.get(`/api/v1/products/${p.id}`), 404, 'NOT_FOUND');
    expect((await h.api.post(`/api/v1/listings/${p.id}/unpublish`).set(s.auth).send({ version: p.version })).status).toBe(200);
    expect((await h.api.delete(`/api/v1/listings/${p.id}`).set(s.auth)).status).toBe(204);
    expectError(await h.api.get(`/api/v1/listings/${p.id}`).set(s.auth), 404, 'NOT_FOUND');
  });

  it('deletes drafts', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    expect((await h.api.delete(`/api/v1/listings/${p.id}`).set(s.auth)).status).toBe(204);
    expectError(await h.api.delete(`/api/v1/listings/${p.id}`).set(s.auth), 404, 'NOT_FOUND');
  });
});

describe('restocking', () => {
  const stock = (s: Seller, id: string, body: object) => h.api.post(`/api/v1/listings/${id}/stock`).set(s.auth).send(body);

  it('applies deltas per variant, without moving the version', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const res = await stock(s, p.id, { variants: [{ variantId: p.variants[0].id, delta: -50 }, { variantId: p.variants[1].id, delta: 5 }] });
    expect(res.status).toBe(200);
    expect(res.body.variants.map((v: { stock: number; soldOut: boolean }) => [v.stock, v.soldOut])).toEqual([[0, true], [25, false]]);
    expect(res.body.version).toBe(0);
    expect(res.body.lowStock).toBe(true);
  });

  it('is all or nothing, and never below zero', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const err = expectError(await stock(s, p.id, { variants: [{ variantId: p.variants[0].id, delta: 10 }, { variantId: p.variants[1].id, delta: -21 }] }), 409, 'OUT_OF_STOCK');
    expect(err.details).toEqual({ variants: [{ variantId: p.variants[1].id, stock: 20 }] });
    expect(await listing(h, s, p.id)).toEqual(p);
  });

  it('changes bulk grams', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s, bulkProductRequest(s.photoId));
    const res = await stock(s, p.id, { bulkDeltaGrams: -95_000 });
    expect(res.body).toMatchObject({ bulkStockGrams: 5000 });
    expect(res.body.variants.map((v: { available: number; soldOut: boolean }) => [v.available, v.soldOut])).toEqual([[2, false], [1, false]]);
    expectError(await stock(s, p.id, { bulkDeltaGrams: -5001 }), 409, 'OUT_OF_STOCK');
    expect((await listing(h, s, p.id)).bulkStockGrams).toBe(5000);
  });

  it.each([
    [{}, 'variants'],
    [{ bulkDeltaGrams: 100 }, 'bulkDeltaGrams'],
    [{ variants: [{ variantId: 'e'.repeat(24), delta: 1 }] }, 'variants.0.variantId'],
    [{ variants: [{ variantId: 'e'.repeat(24), delta: 1.5 }] }, 'variants.0.delta'],
    [{ variants: [{ variantId: { $gt: '' }, delta: 1 }] }, 'variants.0.variantId'],
    [{ variants: [{ variantId: 'e'.repeat(24), delta: '1' }] }, 'variants.0.delta'],
  ])('refuses %p naming the field', async (body, field) => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    const err = expectError(await stock(s, p.id, body), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain(field);
    expect(await listing(h, s, p.id)).toEqual(p);
  });
});

describe('what buyers see', () => {
  it('shows no internal fields, only few-left counts, and sold out from stock', async () => {
    const s = await seller(h);
    const p = await publishedProduct(h, s);
    await h.api.post(`/api/v1/listings/${p.id}/stock`).set(s.auth).send({ variants: [{ variantId: p.variants[0].id, delta: -50 }, { variantId: p.variants[1].id, delta: -12 }] }).expect(200);
    const res = await h.api.get(`/api/v1/products/${p.id}`);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const secret of ['version', 'review', 'ownerId', 'bulkStockGrams', '"stock"', 'available', 'status', 'photoIds', 'lowStock']) expect(text).not.toContain(secret);
    expect(res.body.variants.map((v: { soldOut: boolean; fewLeft: number | null }) => [v.soldOut, v.fewLeft])).toEqual([[true, null], [false, 8]]);
    expect(res.body.soldOut).toBe(false);
    expect(res.body.shop).toEqual({ id: s.shop.id, name: s.shop.name, logo: null, acceptingOrders: true });
    await h.api.post(`/api/v1/listings/${p.id}/stock`).set(s.auth).send({ variants: [{ variantId: p.variants[1].id, delta: -8 }] }).expect(200);
    expect((await h.api.get(`/api/v1/products/${p.id}`)).body.soldOut).toBe(true);
  });

  it("lists a shop's products on sale, newest first, by category, in pages", async () => {
    const s = await seller(h);
    const draft = await createProduct(h, s);
    const rice = await publishedProduct(h, s, productRequest(s.photoId, { title: '大米' }));
    const beans = await publishedProduct(h, s, productRequest(s.photoId, { title: '黄豆', category: 'beans' }));
    const all = await h.api.get(`/api/v1/shops/${s.shop.id}/products`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([beans.id, rice.id]);
    expect(all.body.items[0]).toEqual({ id: beans.id, title: '黄豆', category: 'beans', soldOut: false, priceFromFen: 3800, unitPriceFromFenPer500g: 720, cover: expect.objectContaining({ id: s.photoId }) });
    expect(all.body.items.map((c: { id: string }) => c.id)).not.toContain(draft.id);
    const grain = await h.api.get(`/api/v1/shops/${s.shop.id}/products?category=grain`);
    expect(grain.body.items.map((c: { id: string }) => c.id)).toEqual([rice.id]);
    const second = await h.api.get(`/api/v1/shops/${s.shop.id}/products?pageSize=1&page=2`);
    expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: rice.id }] });
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/products?category=%7B%22%24gt%22%3A%22%22%7D`), 400, 'VALIDATION_FAILED');
    const shop = await h.api.get(`/api/v1/shops/${s.shop.id}`);
    expect(shop.body.categories).toEqual(expect.arrayContaining([{ category: 'grain', count: 1 }, { category: 'beans', count: 1 }]));
  });
});

describe("the seller's listings", () => {
  it('pages by status tab, with counts and low-stock warnings', async () => {
    const s = await seller(h);
    await createProduct(h, s);
    const low = await publishedProduct(h, s, productRequest(s.photoId, { variants: [{ name: '袋', priceFen: 3800, netWeightGrams: 2500, stock: 3 }] }));
    const fine = await publishedProduct(h, s);
    const res = await h.api.get(`/api/v1/shops/${s.shop.id}/listings?status=on_sale`).set(s.auth);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ draft: 1, on_sale: 2, off_shelf: 0 });
    expect(res.body.total).toBe(2);
    const cards = new Map(res.body.items.map((c: { id: string }) => [c.id, c]));
    expect(cards.get(low.id)).toMatchObject({ lowStock: true, available: 3, status: 'on_sale', version: 0 });
    expect(cards.get(fine.id)).toMatchObject({ lowStock: false, available: 70 });
    const shop = await h.api.get('/api/v1/me/shop').set(s.auth);
    expect(shop.body.productCounts).toEqual({ draft: 1, on_sale: 2, off_shelf: 0, lowStock: 1 });
    const drafts = await h.api.get(`/api/v1/shops/${s.shop.id}/listings?status=draft`).set(s.auth);
    expect(drafts.body.items).toHaveLength(1);
    expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/listings?status=sold`).set(s.auth), 400, 'VALIDATION_FAILED');
  });

  it('a new user without a shop gets 404 for /me/shop', async () => {
    const p = await person(h);
    expectError(await h.api.get('/api/v1/me/shop').set(p.auth), 404, 'NOT_FOUND');
    await photoOf(h, p.userId);
  });
});
