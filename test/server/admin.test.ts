// Operators: every shop (search, suspended filter, suspend, unsuspend) and the product review
// queue (flagged by WeChat's check; clear; take down).
import { expectError, fieldPaths, type Harness } from './harness';
import { createProduct, listing, myShop, operator, person, productRequest, seller, startCatalogHarness, type Person } from './catalog-fixtures';

let h: Harness;
let op: Person;
beforeAll(async () => {
  h = await startCatalogHarness();
  op = await operator(h);
});
afterAll(() => h.close());

describe('shops', () => {
  it('lists every shop with the private view, searchable by name and suspension', async () => {
    const a = await seller(h, { name: '太行山核桃铺' });
    const b = await seller(h, { name: '太行小米' });
    await h.api.post(`/api/v1/admin/shops/${b.shop.id}/suspend`).set(op.auth).send({ reason: '证照过期' }).expect(200);
    const found = await h.api.get(`/api/v1/admin/shops?q=${encodeURIComponent('太行')}`).set(op.auth);
    expect(found.status).toBe(200);
    expect(found.body.items.map((s: { id: string }) => s.id).sort()).toEqual([a.shop.id, b.shop.id].sort());
    expect(found.body.items[0]).toHaveProperty('version');
    const suspended = await h.api.get(`/api/v1/admin/shops?q=${encodeURIComponent('太行')}&suspended=true`).set(op.auth);
    expect(suspended.body.items.map((s: { id: string }) => s.id)).toEqual([b.shop.id]);
    expect(suspended.body.items[0].suspended).toMatchObject({ reason: '证照过期' });
    const open = await h.api.get(`/api/v1/admin/shops?q=${encodeURIComponent('太行')}&suspended=false`).set(op.auth);
    expect(open.body.items.map((s: { id: string }) => s.id)).toEqual([a.shop.id]);
    // Regular-expression characters in the search are plain text.
    expect((await h.api.get(`/api/v1/admin/shops?q=${encodeURIComponent('.*')}`).set(op.auth)).body.items).toEqual([]);
  });

  it('suspends with a reason (once), and unsuspends', async () => {
    const s = await seller(h);
    const first = await h.api.post(`/api/v1/admin/shops/${s.shop.id}/suspend`).set(op.auth).send({ reason: '第一次' });
    expect(first.body).toMatchObject({ suspended: { reason: '第一次' }, acceptingOrders: false });
    const again = await h.api.post(`/api/v1/admin/shops/${s.shop.id}/suspend`).set(op.auth).send({ reason: '第二次' });
    expect(again.body.suspended).toEqual(first.body.suspended);
    const lifted = await h.api.post(`/api/v1/admin/shops/${s.shop.id}/unsuspend`).set(op.auth);
    expect(lifted.body).toMatchObject({ suspended: null, acceptingOrders: true });
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const s = await seller(h);
    for (const [body, field] of [[{}, 'reason'], [{ reason: '' }, 'reason'], [{ reason: 'x'.repeat(201) }, 'reason'], [{ reason: { $gt: '' } }, 'reason'], [{ reason: 'x', until: 'never' }, '']] as const) {
      const err = expectError(await h.api.post(`/api/v1/admin/shops/${s.shop.id}/suspend`).set(op.auth).send(body), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toContain(field);
    }
    expect((await myShop(h, s)).suspended).toBeNull();
    expectError(await h.api.get('/api/v1/admin/shops?suspended=maybe').set(op.auth), 400, 'VALIDATION_FAILED');
    expectError(await h.api.get('/api/v1/admin/shops?q[$ne]=x').set(op.auth), 400, 'VALIDATION_FAILED');
    expectError(await h.api.post(`/api/v1/admin/shops/${'0'.repeat(24)}/suspend`).set(op.auth).send({ reason: 'x' }), 404, 'NOT_FOUND');
  });
});

describe('the review queue', () => {
  it('lists flagged products with their shop, clears them, and takes others down', async () => {
    const s = await seller(h);
    const flagged = await createProduct(h, s, productRequest(s.photoId, { title: '最好的小米', publish: true }));
    // What WeChat found, as data the phone can say in its own words (not an English sentence).
    expect(flagged.review).toMatchObject({ state: 'flagged', reason: null, check: { label: 'advertising', keywords: ['最好'] } });
    const queue = await h.api.get('/api/v1/admin/products').set(op.auth);
    expect(queue.status).toBe(200);
    const card = queue.body.items.find((c: { id: string }) => c.id === flagged.id);
    expect(card).toMatchObject({ shopId: s.shop.id, shopName: s.shop.name, review: { state: 'flagged' }, status: 'on_sale' });

    const cleared = await h.api.post(`/api/v1/admin/products/${flagged.id}/clear`).set(op.auth);
    expect(cleared.status).toBe(200);
    expect(cleared.body.review.state).toBe('cleared');
    expect(cleared.body.version).toBe(flagged.version);
    expect((await h.api.get('/api/v1/admin/products').set(op.auth)).body.items.map((c: { id: string }) => c.id)).not.toContain(flagged.id);
    expect((await h.api.get('/api/v1/admin/products?review=cleared').set(op.auth)).body.items.map((c: { id: string }) => c.id)).toContain(flagged.id);

    const ordinary = await createProduct(h, s, productRequest(s.photoId, { publish: true }));
    expectError(await h.api.post(`/api/v1/admin/products/${ordinary.id}/clear`).set(op.auth), 409, 'CONFLICT');
    const down = await h.api.post(`/api/v1/admin/products/${ordinary.id}/take-down`).set(op.auth).send({ reason: '图片与实物不符' });
    expect(down.body).toMatchObject({ status: 'off_shelf', review: { state: 'taken_down', reason: '图片与实物不符' }, version: ordinary.version + 1 });
    expectError(await h.api.get(`/api/v1/products/${ordinary.id}`), 404, 'NOT_FOUND');
    // The seller sees why, and republishing it goes past an operator again.
    const seen = await listing(h, s, ordinary.id);
    expect(seen.review.reason).toBe('图片与实物不符');
    const again = await h.api.post(`/api/v1/listings/${ordinary.id}/publish`).set(s.auth).send({ version: seen.version });
    expect(again.body).toMatchObject({ status: 'on_sale', review: { state: 'flagged', reason: '图片与实物不符', check: null } });
  });

  it('refuses bad input naming the field', async () => {
    const s = await seller(h);
    const p = await createProduct(h, s);
    for (const body of [{}, { reason: '' }, { reason: ['x'] }]) {
      const err = expectError(await h.api.post(`/api/v1/admin/products/${p.id}/take-down`).set(op.auth).send(body), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toEqual(['reason']);
    }
    expect(await listing(h, s, p.id)).toEqual(p);
    expectError(await h.api.get('/api/v1/admin/products?review=everything').set(op.auth), 400, 'VALIDATION_FAILED');
    expectError(await h.api.post(`/api/v1/admin/products/${'0'.repeat(24)}/take-down`).set(op.auth).send({ reason: 'x' }), 404, 'NOT_FOUND');
  });

  it('is for operators only', async () => {
    const buyer = await person(h);
    const s = await seller(h);
    for (const who of [buyer, s]) {
      expectError(await h.api.get('/api/v1/admin/products').set(who.auth), 403, 'FORBIDDEN');
      expectError(await h.api.get('/api/v1/admin/shops').set(who.auth), 403, 'FORBIDDEN');
    }
    expectError(await h.api.get('/api/v1/admin/shops'), 401, 'UNAUTHENTICATED');
  });
});
