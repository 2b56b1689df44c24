// The shop's buyers: recorded by orders (through the real checkout and payment), searched,
// masked, tagged under a version check, and seen only by their shop's owner and operators.
import { Types } from 'mongoose';
import { expectError, type Harness } from './harness';
import { operator, person, seller, startCatalogHarness, type Person } from './catalog-fixtures';
import { address, orderPath, place, placedOrder, placeRequest, shopWithProduct, type Shop } from './order-fixtures';
import { insertOrder } from './order-records';
import { recordCustomerOrder, recordCustomerPayment } from '../../server/src/domain/customers';
import type { CustomerCard, CustomerView } from '../../contract/orders';

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

const customersPath = (shopId: string, id = '') => `/api/v1/shops/${shopId}/customers${id ? `/${id}` : ''}`;

async function customers(s: Person & { shop: { id: string } }, query: Record<string, string> = {}) {
  const res = await h.api.get(customersPath(s.shop.id)).query(query).set(s.auth);
  expect(res.status).toBe(200);
  return res.body as { items: CustomerCard[]; total: number; page: number; pageSize: number };
}

/** A buyer's order recorded on the shop's customers, as placing an order does, with the address given. */
async function recordOrder(shopId: string, buyer: Person, addr: { name?: string; phone?: string; detail?: string } = {}, createdAt = new Date()) {
  const order = await insertOrder(h, { shopId, buyerId: buyer.userId, status: 'awaiting_payment', address: addr, createdAt });
  const user = await h.boot.services.models.User.findById(buyer.userId);
  if (!user) throw new Error('no user');
  const customerId = await recordCustomerOrder(h.boot.services, order, user);
  await h.boot.services.models.Order.updateOne({ _id: order._id }, { $set: { customerId } });
  return { order: { ...order, customerId }, customerId: String(customerId) };
}

describe('customers made by orders', () => {
  let s: Shop;
  let buyer: Person;
  beforeAll(async () => {
    s = await shopWithProduct(h);
  });

  it('one record per buyer: orders counted, latest receiver shown with a masked phone, payment added once', async () => {
    const first = await placedOrder(h, s);
    buyer = first.buyer;
    const res = await place(h, buyer, placeRequest(s, [{ quantity: 2 }], { address: address({ name: '王芳', phone: '13700001111', detail: '建国路 1 号' }) }));
    expect(res.status).toBe(201);
    const page = await customers(s);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ name: '王芳', phoneMasked: '137****1111', province: '北京市', orderCount: 2, paidFen: 0, tags: [] });
    expect(JSON.stringify(page)).not.toContain('13700001111');

    const paid = await h.api.post(orderPath(first.order.id, 'confirm-payment')).set(s.auth);
    expect(paid.status).toBe(200);
    const detail = await h.api.get(customersPath(s.shop.id, page.items[0].id)).set(s.auth);
    expect(detail.status).toBe(200);
    const view = detail.body as CustomerView;
    expect(view.paidFen).toBe(first.order.totalFen);
    expect(view.addresses.map((a) => [a.name, a.phoneMasked, a.detail])).toEqual([
      ['王芳', '137****1111', '建国路 1 号'],
      ['李梅', '139****5678', '朝阳路 88 号 3 单元 502'],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/13912345678|13700001111/);

    // Payment reported again (a retried job) counts nothing more.
    const order = await h.boot.services.models.Order.findById(first.order.id).lean();
    await Promise.all([1, 2, 3].map(() => recordCustomerPayment(h.boot.services, order as never)));
    const again = await h.api.get(customersPath(s.shop.id, page.items[0].id)).set(s.auth);
    expect(again.body.paidFen).toBe(first.order.totalFen);
  });

  it('keeps ten distinct addresses, newest first; using an old one again moves it to the front', async () => {
    const b = await person(h);
    let customerId = '';
    const t0 = Date.now();
    for (let i = 0; i < 12; i++) customerId = (await recordOrder(s.shop.id, b, { detail: `门牌 ${i} 号` }, new Date(t0 + i * 1000))).customerId;
    await recordOrder(s.shop.id, b, { detail: '门牌 5 号' }, new Date(t0 + 20_000));
    const view = (await h.api.get(customersPath(s.shop.id, customerId)).set(s.auth)).body as CustomerView;
    expect(view.orderCount).toBe(13);
    expect(view.addresses.map((a) => a.detail)).toEqual(['门牌 5 号', '门牌 11 号', '门牌 10 号', '门牌 9 号', '门牌 8 号', '门牌 7 号', '门牌 6 号', '门牌 4 号', '门牌 3 号', '门牌 2 号']);
    expect(view.firstOrderAt).toBe(new Date(t0).toISOString());
    expect(view.lastOrderAt).toBe(new Date(t0 + 20_000).toISOString());
  });

  it('first orders racing make one record', async () => {
    const b = await person(h);
    const user = await h.boot.services.models.User.findById(b.userId);
    const orders = await Promise.all([1, 2, 3, 4].map(() => insertOrder(h, { shopId: s.shop.id, buyerId: b.userId })));
    const ids = await Promise.all(orders.map((o) => recordCustomerOrder(h.boot.services, o, user as never)));
    expect(new Set(ids.map(String)).size).toBe(1);
    const c = await h.boot.services.models.Customer.findById(ids[0]).lean();
    expect(c?.orderCount).toBe(4);
    expect(c?.addresses).toHaveLength(1);
  });
});

describe('finding customers', () => {
  let s: Awaited<ReturnType<typeof seller>>;
  beforeAll(async () => {
    s = await seller(h);
    const t0 = Date.now();
    await recordOrder(s.shop.id, await person(h), { name: '张三', phone: '13912345678' }, new Date(t0 - 3000));
    await recordOrder(s.shop.id, await person(h), { name: '李四', phone: '13800001234' }, new Date(t0 - 2000));
    await recordOrder(s.shop.id, await person(h), { name: 'A.*B', phone: '13600005555' }, new Date(t0 - 1000));
    await recordOrder(s.shop.id, await person(h), { name: '张小明', phone: '13500006666' }, new Date(t0));
  });

  it('lists the latest order first, with paging', async () => {
    expect((await customers(s)).items.map((c) => c.name)).toEqual(['张小明', 'A.*B', '李四', '张三']);
    const page2 = await customers(s, { page: '2', pageSize: '3' });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((c) => c.name)).toEqual(['张三']);
  });

  it.each([
    ['张', ['张小明', '张三']],
    ['小明', ['张小明']],
    ['1234', ['李四']],
    ['13912345678', ['张三']],
    ['1391234', []], // part of a phone is neither its last four nor the whole
    ['.*', ['A.*B']], // a pattern is plain text
    ['(', []],
  ])('q=%p finds %p', async (q, names) => {
    expect((await customers(s, { q })).items.map((c) => c.name)).toEqual(names);
  });
});

describe("the seller's note and tags", () => {
  it('change under a version check, and tags filter the list', async () => {
    const s = await seller(h);
    const { customerId } = await recordOrder(s.shop.id, await person(h), { name: '赵六' });
    await recordOrder(s.shop.id, await person(h), { name: '钱七' });
    const res = await h.api.patch(customersPath(s.shop.id, customerId)).set(s.auth).send({ note: '要发顺丰', tags: ['老客户', '批发'], version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ note: '要发顺丰', tags: ['老客户', '批发'], version: 1 });
    expectError(await h.api.patch(customersPath(s.shop.id, customerId)).set(s.auth).send({ note: '过期的', version: 0 }), 409, 'VERSION_CONFLICT');
    expect((await customers(s, { tag: '老客户' })).items.map((c) => c.name)).toEqual(['赵六']);
    expect((await customers(s, { tag: '没有' })).items).toEqual([]);
    expectError(await h.api.patch(customersPath(s.shop.id, customerId)).set(s.auth).send({ tags: ['a', 'a'], version: 1 }), 400, 'VALIDATION_FAILED');
    // A new order keeps the seller's note and tags.
    const buyerId = (await h.boot.services.models.Customer.findById(customerId).lean())?.userId;
    await recordOrder(s.shop.id, { userId: String(buyerId) } as Person, { name: '赵六' });
    const again = (await h.api.get(customersPath(s.shop.id, customerId)).set(s.auth)).body as CustomerView;
    expect(again).toMatchObject({ note: '要发顺丰', tags: ['老客户', '批发'], version: 1, orderCount: 2 });
  });
});

describe('who sees customers', () => {
  let s: Awaited<ReturnType<typeof seller>>;
  let customerId: string;
  beforeAll(async () => {
    s = await seller(h);
    customerId = (await recordOrder(s.shop.id, await person(h))).customerId;
  });

  it('another seller gets 404 for the list, a customer, and PATCH; their own shop path does not reach it', async () => {
    const other = await seller(h);
    expectError(await h.api.get(customersPath(s.shop.id)).set(other.auth), 404, 'NOT_FOUND');
    expectError(await h.api.get(customersPath(s.shop.id, customerId)).set(other.auth), 404, 'NOT_FOUND');
    expectError(await h.api.patch(customersPath(s.shop.id, customerId)).set(other.auth).send({ note: 'x', version: 0 }), 404, 'NOT_FOUND');
    expectError(await h.api.get(customersPath(other.shop.id, customerId)).set(other.auth), 404, 'NOT_FOUND');
    expectError(await h.api.patch(customersPath(other.shop.id, customerId)).set(other.auth).send({ note: 'x', version: 0 }), 404, 'NOT_FOUND');
    expect((await customers(other)).total).toBe(0);
  });

  it('a buyer gets 404; operators read but may not write (403)', async () => {
    const buyer = await person(h);
    expectError(await h.api.get(customersPath(s.shop.id)).set(buyer.auth), 404, 'NOT_FOUND');
    const op = await operator(h);
    expect((await h.api.get(customersPath(s.shop.id)).set(op.auth)).status).toBe(200);
    expect((await h.api.get(customersPath(s.shop.id, customerId)).set(op.auth)).status).toBe(200);
    expectError(await h.api.patch(customersPath(s.shop.id, customerId)).set(op.auth).send({ note: 'x', version: 0 }), 403, 'FORBIDDEN');
    expectError(await h.api.get(customersPath(s.shop.id)), 401, 'UNAUTHENTICATED');
    expectError(await h.api.get(customersPath(s.shop.id, String(new Types.ObjectId()))).set(s.auth), 404, 'NOT_FOUND');
  });
});
