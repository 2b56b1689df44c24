// The buyer's address book: CRUD of one's own only, the limit, exactly one default, and the
// address saved from an order (not twice).
import { expectError, fieldPaths, type Harness } from './harness';
import { person, startCatalogHarness, type Person } from './catalog-fixtures';
import { ADDRESSES_MAX } from '../../contract/limits';
import type { SaveAddressRequest, SavedAddressView } from '../../contract/addresses';
import { saveAddressFromOrder } from '../../server/src/domain/addresses';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

const URL = '/api/v1/me/addresses';
const address = (extra: Partial<SaveAddressRequest> = {}): SaveAddressRequest => ({
  name: '张三',
  phone: '13912345678',
  regionCode: '140430',
  detail: '次村 12 号',
  ...extra,
});

async function add(p: Person, extra: Partial<SaveAddressRequest> = {}): Promise<SavedAddressView> {
  const res = await h.api.post(URL).set(p.auth).send(address(extra));
  expect(res.status).toBe(201);
  return res.body as SavedAddressView;
}
const list = async (p: Person) => (await h.api.get(URL).set(p.auth)).body.items as SavedAddressView[];
const defaults = async (p: Person) => (await list(p)).filter((a) => a.isDefault).map((a) => a.id);

describe('saving addresses', () => {
  it('stores the full region path and the whole phone for its owner; the first one is the default', async () => {
    const p = await person(h);
    const first = await add(p);
    expect(first).toMatchObject({
      name: '张三',
      phone: '13912345678',
      detail: '次村 12 号',
      isDefault: true,
      region: { province: { code: '140000', name: '山西省' }, city: { code: '140400', name: '长治市' }, county: { code: '140430', name: '沁县' } },
    });
    const second = await add(p, { name: '李四', detail: '县城 3 号' });
    expect(second.isDefault).toBe(false);
    expect((await list(p)).map((a) => a.id)).toEqual([first.id, second.id]);
  });

  it('refuses an unknown region code, naming regionCode', async () => {
    const p = await person(h);
    const res = await h.api.post(URL).set(p.auth).send(address({ regionCode: '999999' }));
    expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED'))).toEqual(['regionCode']);
    const bad = await h.api.post(URL).set(p.auth).send(address({ phone: '1234' }));
    expect(fieldPaths(expectError(bad, 400, 'VALIDATION_FAILED'))).toContain('phone');
  });

  it(`keeps at most ${ADDRESSES_MAX}`, async () => {
    const p = await person(h);
    for (let i = 0; i < ADDRESSES_MAX; i++) await add(p, { detail: `门牌 ${i} 号` });
    expectError(await h.api.post(URL).set(p.auth).send(address({ detail: '再来一个' })), 409, 'ADDRESS_BOOK_FULL');
    expect(await list(p)).toHaveLength(ADDRESSES_MAX);
  });

  it('keeps the limit when saves race', async () => {
    const p = await person(h);
    for (let i = 0; i < ADDRESSES_MAX - 2; i++) await add(p, { detail: `门牌 ${i} 号` });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => h.api.post(URL).set(p.auth).send(address({ detail: `并发 ${i} 号` }))));
    expect(results.filter((r) => r.status === 201).length).toBeLessThanOrEqual(2);
    expect(await list(p)).toHaveLength(ADDRESSES_MAX);
  });
});

describe('the default', () => {
  it('moves to the address marked default, on saving or editing, and only one is ever the default', async () => {
    const p = await person(h);
    const a = await add(p);
    const b = await add(p, { detail: '二号院', isDefault: true });
    expect(await defaults(p)).toEqual([b.id]);
    const c = await add(p, { detail: '三号院' });
    const res = await h.api.patch(`${URL}/${c.id}`).set(p.auth).send({ isDefault: true });
    expect(res.status).toBe(200);
    expect(res.body.isDefault).toBe(true);
    expect(await defaults(p)).toEqual([c.id]);
    expect((await list(p))[0].id).toBe(c.id);
    // Unticking the default does not leave none.
    await h.api.patch(`${URL}/${c.id}`).set(p.auth).send({ isDefault: false });
    expect(await defaults(p)).toEqual([c.id]);
    expect(a.id).toBeTruthy();
  });

  it('passes to the newest remaining address when the default is deleted', async () => {
    const p = await person(h);
    const a = await add(p);
    const b = await add(p, { detail: '二号院' });
    const c = await add(p, { detail: '三号院' });
    // Editing b makes it the most recently changed.
    await h.api.patch(`${URL}/${b.id}`).set(p.auth).send({ detail: '二号院 东屋' });
    expect((await h.api.delete(`${URL}/${a.id}`).set(p.auth)).status).toBe(204);
    expect(await defaults(p)).toEqual([b.id]);
    await h.api.delete(`${URL}/${b.id}`).set(p.auth);
    expect(await defaults(p)).toEqual([c.id]);
    await h.api.delete(`${URL}/${c.id}`).set(p.auth);
    expect(await list(p)).toEqual([]);
  });
});

describe('editing', () => {
  it('changes the given fields, resolving a new region', async () => {
    const p = await person(h);
    const a = await add(p);
    const res = await h.api.patch(`${URL}/${a.id}`).set(p.auth).send({ regionCode: '110105', phone: '13800001111' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '张三', phone: '13800001111', region: { province: { name: '北京市' }, county: { code: '110105' } } });
    expect(fieldPaths(expectError(await h.api.patch(`${URL}/${a.id}`).set(p.auth).send({ regionCode: '140000' }), 400, 'VALIDATION_FAILED'))).toEqual(['regionCode']);
    expectError(await h.api.patch(`${URL}/${a.id}`).set(p.auth).send({ extra: 1 }), 400, 'VALIDATION_FAILED');
  });
});

describe('authorisation', () => {
  it("answers 404 for another person's address, and changes nothing", async () => {
    const owner = await person(h);
    const other = await person(h);
    const a = await add(owner);
    expectError(await h.api.patch(`${URL}/${a.id}`).set(other.auth).send({ name: '王五' }), 404, 'NOT_FOUND');
    expectError(await h.api.delete(`${URL}/${a.id}`).set(other.auth), 404, 'NOT_FOUND');
    expect(await list(other)).toEqual([]);
    expect((await list(owner))[0]).toMatchObject({ id: a.id, name: '张三' });
    expectError(await h.api.patch(`${URL}/not-an-id`).set(owner.auth).send({ name: '王五' }), 400, 'VALIDATION_FAILED');
  });

  it('needs a login', async () => {
    expectError(await h.api.get(URL), 401, 'UNAUTHENTICATED');
    expectError(await h.api.post(URL).send(address()), 401, 'UNAUTHENTICATED');
  });
});

describe('saving the address of an order', () => {
  it('adds it once, and not when the book is full', async () => {
    const p = await person(h);
    const user = await h.boot.services.models.User.findById(p.userId);
    if (!user) throw new Error('no user');
    const input = { name: '张三', phone: '13912345678', regionCode: '140430', detail: '次村 12 号' };
    await saveAddressFromOrder(h.boot.services, user, input);
    await saveAddressFromOrder(h.boot.services, user, input);
    expect(await list(p)).toEqual([expect.objectContaining({ name: '张三', isDefault: true })]);
    await saveAddressFromOrder(h.boot.services, user, { ...input, detail: '县城 3 号' });
    expect(await list(p)).toHaveLength(2);
    for (let i = 2; i < ADDRESSES_MAX; i++) await add(p, { detail: `门牌 ${i} 号` });
    await expect(saveAddressFromOrder(h.boot.services, user, { ...input, detail: '满了' })).rejects.toMatchObject({ code: 'ADDRESS_BOOK_FULL' });
  });
});
