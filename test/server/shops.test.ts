// Shops: opening one (once, with a real region and one's own logo), editing with a version
// check, pausing, the public page and directory, and what suspension hides.
import { expectError, fieldPaths, type Harness } from './harness';
import { COUNTY, operator, person, photoOf, publishedProduct, seller, shopRequest, startCatalogHarness, myShop } from './catalog-fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

describe('opening a shop', () => {
  it('makes the opener its owner and a seller, with the full region path', async () => {
    const p = await person(h);
    const logo = await photoOf(h, p.userId);
    const res = await h.api.post('/api/v1/shops').set(p.auth).send(shopRequest({ logoPhotoId: logo }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '沁州黄小米合作社',
      ownerId: p.userId,
      version: 0,
      status: 'open',
      acceptingOrders: true,
      suspended: null,
      region: { province: { code: '140000', name: '山西省' }, city: { code: '140400', name: '长治市' }, county: { code: COUNTY, name: '沁县' } },
      productCounts: { draft: 0, on_sale: 0, off_shelf: 0, lowStock: 0 },
      logo: { id: logo },
    });
    const me = await h.api.get('/api/v1/me').set(p.auth);
    expect(me.body.roles).toEqual(expect.arrayContaining(['buyer', 'seller']));
    expect((await myShop(h, p)).id).toBe(res.body.id);
  });

  it('allows one shop per person, even when two requests race', async () => {
    const p = await person(h);
    const results = await Promise.all([1, 2, 3].map(() => h.api.post('/api/v1/shops').set(p.auth).send(shopRequest())));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'SHOP_ALREADY_OPEN');
    expect(await h.boot.services.models.Shop.countDocuments({ ownerId: p.userId })).toBe(1);
  });

  it.each([
    [{ regionCode: '140400' }, 'regionCode'], // a city that has counties
    [{ regionCode: '999999' }, 'regionCode'],
    [{ regionCode: '1404' }, 'regionCode'],
    [{ name: '' }, 'name'],
    [{ name: '店'.repeat(31) }, 'name'],
    [{ phone: '12345' }, 'phone'],
    [{ phone: { $gt: '' } }, 'phone'],
    [{ name: { $ne: null } }, 'name'],
    [{ intro: 5 }, 'intro'],
    [{ logoPhotoId: 'a'.repeat(64) }, 'logoPhotoId'], // nobody's photo
  ])('refuses %p naming the field, and opens nothing', async (extra, field) => {
    const p = await person(h);
    const err = expectError(await h.api.post('/api/v1/shops').set(p.auth).send({ ...shopRequest(), ...extra }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain(field);
    expectError(await h.api.get('/api/v1/me/shop').set(p.auth), 404, 'NOT_FOUND');
  });

  it('refuses a NoSQL operator in every field, naming it', async () => {
    const p = await person(h);
    for (const field of ['name', 'intro', 'logoPhotoId', 'phone', 'regionCode']) {
      const err = expectError(await h.api.post('/api/v1/shops').set(p.auth).send({ ...shopRequest(), [field]: { $gt: '' } }), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toContain(field);
    }
    expectError(await h.api.get('/api/v1/me/shop').set(p.auth), 404, 'NOT_FOUND');
  });

  it("refuses another person's photo as a logo", async () => {
    const other = await person(h);
    const theirs = await photoOf(h, other.userId);
    const p = await person(h);
    const err = expectError(await h.api.post('/api/v1/shops').set(p.auth).send(shopRequest({ logoPhotoId: theirs })), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['logoPhotoId']);
  });

  it('refuses unknown fields and needs a login', async () => {
    const p = await person(h);
    const err = expectError(await h.api.post('/api/v1/shops').set(p.auth).send({ ...shopRequest(), ownerId: p.userId }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(err.details)).toContain('ownerId');
    expectError(await h.api.post('/api/v1/shops').send(shopRequest()), 401, 'UNAUTHENTICATED');
  });

  it('accepts a city without counties (东莞) as its own county', async () => {
    const p = await person(h);
    const res = await h.api.post('/api/v1/shops').set(p.auth).send(shopRequest({ regionCode: '441900' }));
    expect(res.status).toBe(201);
    expect(res.body.region).toEqual({
      province: { code: '440000', name: '广东省' },
      city: { code: '441900', name: '东莞市' },
      county: { code: '441900', name: '东莞市' },
    });
  });
});

describe('editing a shop', () => {
  it('changes the fields sent and moves the version', async () => {
    const s = await seller(h);
    const res = await h.api.patch(`/api/v1/shops/${s.shop.id}`).set(s.auth).send({ version: 0, intro: '新米上市', regionCode: '140929' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, intro: '新米上市', name: s.shop.name, region: { county: { name: '岢岚县' } } });
  });

  it('lets one of two editors win; the other gets VERSION_CONFLICT and changes nothing', async () => {
    const s = await seller(h);
    const [a, b] = await Promise.all([
      h.api.patch(`/api/v1/shops/${s.shop.id}`).set(s.auth).send({ version: 0, name: '甲' }),
      h.api.patch(`/api/v1/shops/${s.shop.id}`).set(s.auth).send({ version: 0, name: '乙' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    const err = expectError(loser, 409, 'VERSION_CONFLICT');
    expect(err.message).toMatch(/reload/);
    const now = await myShop(h, s);
    expect(now.name).toBe(winner.body.name);
    expect(now.version).toBe(1);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const s = await seller(h);
    for (const [body, field] of [
      [{ name: 'x' }, 'version'],
      [{ version: 0, regionCode: '000000' }, 'regionCode'],
      [{ version: 0, phone: '110' }, 'phone'],
      [{ version: '0', name: 'x' }, 'version'],
      [{ version: 0, name: { $gt: '' } }, 'name'],
      [{ version: -1, name: 'x' }, 'version'],
    ] as const) {
      const err = expectError(await h.api.patch(`/api/v1/shops/${s.shop.id}`).set(s.auth).send(body), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toContain(field);
    }
    expect(await myShop(h, s)).toEqual(s.shop);
  });

  it('only the owner edits: others get 403, anonymous 401', async () => {
    const s = await seller(h);
    const other = await seller(h);
    const op = await operator(h);
    for (const who of [other, op]) {
      expectError(await h.api.patch(`/api/v1/shops/${s.shop.id}`).set(who.auth).send({ version: 0, name: 'x' }), 403, 'FORBIDDEN');
    }
    expectError(await h.api.patch(`/api/v1/shops/${s.shop.id}`).send({ version: 0, name: 'x' }), 401, 'UNAUTHENTICATED');
    expectError(await h.api.patch(`/api/v1/shops/${'0'.repeat(24)}`).set(s.auth).send({ version: 0, name: 'x' }), 404, 'NOT_FOUND');
    expectError(await h.api.patch('/api/v1/shops/not-an-id').set(s.auth).send({ version: 0, name: 'x' }), 400, 'VALIDATION_FAILED');
    expect((await myShop(h, s)).name).toBe(s.shop.name);
  });
});

describe('pausing and reopening', () => {
  it('is idempotent, keeps the version, and shows buyers the shop is not taking orders', async () => {
    const s = await seller(h);
    const product = await publishedProduct(h, s);
    for (let i = 0; i < 2; i += 1) {
      const res = await h.api.post(`/api/v1/shops/${s.shop.id}/pause`).set(s.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'paused', acceptingOrders: false, version: 0 });
    }
    const page = await h.api.get(`/api/v1/shops/${s.shop.id}`);
    expect(page.body).toMatchObject({ status: 'paused', acceptingOrders: false });
    const shown = await h.api.get(`/api/v1/products/${product.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.shop.acceptingOrders).toBe(false);
    const reopened = await h.api.post(`/api/v1/shops/${s.shop.id}/reopen`).set(s.auth);
    expect(reopened.body).toMatchObject({ status: 'open', acceptingOrders: true });
    expect((await h.api.post(`/api/v1/shops/${s.shop.id}/reopen`).set(s.auth)).status).toBe(200);
  });

  it('is for the owner only', async () => {
    const s = await seller(h);
    const buyer = await person(h);
    expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/pause`).set(buyer.auth), 403, 'FORBIDDEN');
    expectError(await h.api.post(`/api/v1/shops/${s.shop.id}/pause`), 401, 'UNAUTHENTICATED');
    expect((await myShop(h, s)).status).toBe('open');
  });
});

describe('the public page and directory', () => {
  it('shows the public view only: no version, owner or counts', async () => {
    const s = await seller(h);
    const product = await publishedProduct(h, s);
    const res = await h.api.get(`/api/v1/shops/${s.shop.id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['acceptingOrders', 'categories', 'cover', 'createdAt', 'id', 'intro', 'logo', 'name', 'phone', 'region', 'status']);
    expect(res.body.categories).toEqual([{ category: 'grain', count: 1 }]);
    expect(res.body.cover.id).toBe(product.photos[0].id);
  });

  it('lists shops newest first, with paging, and never a suspended one', async () => {
    const a = await seller(h, { name: '目录甲' });
    const b = await seller(h, { name: '目录乙' });
    const op = await operator(h);
    await h.api.post(`/api/v1/admin/shops/${a.shop.id}/suspend`).set(op.auth).send({ reason: '资质待审' }).expect(200);
    const res = await h.api.get('/api/v1/shops?pageSize=50');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((s: { id: string }) => s.id);
    expect(ids).toContain(b.shop.id);
    expect(ids).not.toContain(a.shop.id);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50 });
    const one = await h.api.get('/api/v1/shops?pageSize=1&page=1');
    expect(one.body.items).toHaveLength(1);
    expect(one.body.total).toBe(res.body.total);
    expectError(await h.api.get('/api/v1/shops?pageSize=500'), 400, 'VALIDATION_FAILED');
    expectError(await h.api.get('/api/v1/shops?page[$gt]=1'), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a suspended shop, except to its owner and operators', async () => {
    const s = await seller(h);
    const product = await publishedProduct(h, s);
    const op = await operator(h);
    const buyer = await person(h);
    const other = await seller(h);
    await h.api.post(`/api/v1/admin/shops/${s.shop.id}/suspend`).set(op.auth).send({ reason: '虚假宣传' }).expect(200);
    for (const who of [undefined, buyer, other]) {
      const headers = who ? who.auth : {};
      expectError(await h.api.get(`/api/v1/shops/${s.shop.id}`).set(headers), 404, 'NOT_FOUND');
      expectError(await h.api.get(`/api/v1/shops/${s.shop.id}/products`).set(headers), 404, 'NOT_FOUND');
      expectError(await h.api.get(`/api/v1/products/${product.id}`).set(headers), 404, 'NOT_FOUND');
    }
    for (const who of [s, op]) {
      const res = await h.api.get(`/api/v1/shops/${s.shop.id}`).set(who.auth);
      expect(res.status).toBe(200);
      expect(res.body.acceptingOrders).toBe(false);
    }
    const mine = await myShop(h, s);
    expect(mine.suspended).toMatchObject({ reason: '虚假宣传' });
    // Lifting it shows the shop again.
    await h.api.post(`/api/v1/admin/shops/${s.shop.id}/unsuspend`).set(op.auth).expect(200);
    expect((await h.api.get(`/api/v1/shops/${s.shop.id}`)).status).toBe(200);
  });

  it('answers 404 for unknown shops and 400 for malformed ids', async () => {
    expectError(await h.api.get(`/api/v1/shops/${'0'.repeat(24)}`), 404, 'NOT_FOUND');
    const err = expectError(await h.api.get('/api/v1/shops/%7B%22%24gt%22%3A%22%22%7D'), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['params.shopId']);
  });
});
