// An order's life through HTTP: every transition from every state (legal ones move it, illegal
// ones answer 409 with the code and change nothing), who may see and do what, the lists, and the
// shop's order settings.
import { expectError, fieldPaths, type Harness } from './harness';
import { OPERATOR_OPENID, operator, person, startCatalogHarness, type Person } from './catalog-fixtures';
import { orderPath, orderSettings, placedOrder, shopWithProduct, stockOf, type Shop } from './order-fixtures';
import type { OrderStatus, OrderView } from '../../contract/orders';

let h: Harness;
let s: Shop;
let op: Person;
beforeAll(async () => {
  h = await startCatalogHarness();
  s = await shopWithProduct(h);
  op = await operator(h, OPERATOR_OPENID);
});
afterAll(() => h.close());

const parcels = [{ courierCode: 'SF', trackingNo: 'sf1234567890' }];
const act = (who: Person, id: string, action: string, body: object = {}) => h.api.post(orderPath(id, action)).set(who.auth).send(body);
const view = (who: Person, id: string) => h.api.get(orderPath(id)).set(who.auth);

/** An order brought to `status` through the API; returns the buyer and the order. */
async function orderIn(status: OrderStatus) {
  const { buyer, order } = await placedOrder(h, s);
  if (status === 'cancelled') await act(buyer, order.id, 'cancel', { reason: '不想要了' }).expect(200);
  if (['paid', 'shipped', 'completed'].includes(status)) await act(s, order.id, 'confirm-payment').expect(200);
  if (['shipped', 'completed'].includes(status)) await act(s, order.id, 'ship', { parcels }).expect(200);
  if (status === 'completed') await act(buyer, order.id, 'confirm-receipt').expect(200);
  // At rest: the messages those moves send in the background have marked the order.
  await h.boot.services.background.drain();
  return { buyer, id: order.id };
}

describe('the happy path', () => {
  it('placed → paid → shipped → completed, with the timeline, the buttons and the stock', async () => {
    const { buyer, order } = await placedOrder(h, s, [{ quantity: 2 }]);
    expect((await view(s, order.id)).body.actions.sort()).toEqual(['cancel', 'confirm_payment']);

    const paid = await act(s, order.id, 'confirm-payment');
    expect(paid.status).toBe(200);
    // Paid: the seller ships, or cancels (refunding it) or refunds part; the buyer may ask for money back.
    expect(paid.body).toMatchObject({ status: 'paid', expiresAt: null, money: { payment: 'paid', paidFen: order.totalFen, refundableFen: order.totalFen } });
    expect(paid.body.actions.sort()).toEqual(['cancel', 'refund', 'ship']);
    expect(paid.body.paidAt).toEqual(expect.any(String));
    expect((await view(buyer, order.id)).body.actions).toEqual(['request_refund']);

    const shipped = await act(s, order.id, 'ship', { parcels: [{ courierCode: 'SF', trackingNo: 'sf1234567890' }, { courierCode: 'ZTO', trackingNo: '7312345678' }] });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      actions: ['add_parcel', 'refund'],
      parcels: [
        { courierCode: 'SF', courierName: '顺丰速运', trackingNo: 'SF1234567890' },
        { courierCode: 'ZTO', trackingNo: '7312345678' },
      ],
    });
    const o = shipped.body as OrderView;
    expect(new Date(o.autoCompleteAt as string).getTime() - new Date(o.shippedAt as string).getTime()).toBe(10 * 86_400_000);
    const product = await h.boot.services.models.Product.findById(s.product.id).lean();
    expect(product?.holds.some((x) => x.key.startsWith(order.id))).toBe(false); // settled: the goods left
    expect((await h.boot.services.models.Order.findById(order.id).lean())?.stock).toBe('settled');

    const more = await act(s, order.id, 'parcels', { parcels: [{ courierCode: 'EMS', trackingNo: 'EA123456789CN' }] });
    expect(more.body.parcels).toHaveLength(3);
    expect((await view(buyer, order.id)).body.actions).toEqual(['confirm_receipt', 'request_refund']);

    const done = await act(buyer, order.id, 'confirm-receipt');
    // After-sale: a completed order can still be asked about, and refunded.
    expect(done.body).toMatchObject({ status: 'completed', actions: ['request_refund'], autoCompleteAt: null });
    expect(done.body.timeline.map((t: { event: string; actor: string }) => `${t.event}:${t.actor}`)).toEqual([
      'placed:buyer', 'paid:seller', 'shipped:seller', 'parcel_added:seller', 'received:buyer',
    ]);
  });

  it('cancelling returns the stock, once; the reason is kept', async () => {
    const before = (await stockOf(h, s.product.id)).variants[0];
    const { buyer, order } = await placedOrder(h, s, [{ quantity: 3 }]);
    expect((await stockOf(h, s.product.id)).variants[0]).toBe((before as number) - 3);
    const res = await act(buyer, order.id, 'cancel', { reason: '地址填错了' });
    expect(res.body).toMatchObject({ status: 'cancelled', cancelled: { by: 'buyer', reason: '地址填错了' }, actions: [], expiresAt: null });
    expect((await stockOf(h, s.product.id)).variants[0]).toBe(before);
    expectError(await act(buyer, order.id, 'cancel', { reason: '再取消' }), 409, 'ORDER_NOT_CANCELLABLE');
    expect((await stockOf(h, s.product.id)).variants[0]).toBe(before);
  });

  it('the seller may cancel an unpaid order too', async () => {
    const { order } = await placedOrder(h, s);
    expect((await act(s, order.id, 'cancel', { reason: '缺货' })).body).toMatchObject({ status: 'cancelled', cancelled: { by: 'seller' } });
  });
});

describe('illegal transitions: 409 with the code and the status, nothing changed', () => {
  const attempts: [string, 'buyer' | 'seller', object, string, OrderStatus[]][] = [
    ['cancel', 'buyer', { reason: '不要了' }, 'ORDER_NOT_CANCELLABLE', ['paid', 'shipped', 'completed', 'cancelled']],
    ['confirm-payment', 'seller', {}, 'ORDER_NOT_PAYABLE', ['paid', 'shipped', 'completed', 'cancelled']],
    ['ship', 'seller', { parcels }, 'ORDER_NOT_SHIPPABLE', ['awaiting_payment', 'shipped', 'completed', 'cancelled']],
    ['parcels', 'seller', { parcels: [{ courierCode: 'YTO', trackingNo: 'YT99999999' }] }, 'ORDER_NOT_SHIPPABLE', ['awaiting_payment', 'paid', 'completed', 'cancelled']],
    ['confirm-receipt', 'buyer', {}, 'ORDER_NOT_RECEIVABLE', ['awaiting_payment', 'paid', 'completed', 'cancelled']],
  ];
  it.each(attempts.flatMap(([action, who, body, code, states]) => states.map((state) => [action, state, who, body, code] as const)))('%s when %s', async (action, state, who, body, code) => {
    const { buyer, id } = await orderIn(state);
    const before = await h.boot.services.models.Order.findById(id).lean();
    const stock = await stockOf(h, s.product.id);
    const err = expectError(await act(who === 'buyer' ? buyer : s, id, action, body), 409, code);
    expect(err.details).toEqual({ status: state });
    expect(await h.boot.services.models.Order.findById(id).lean()).toEqual(before);
    expect(await stockOf(h, s.product.id)).toEqual(stock);
  });

  it('a payment after the deadline is refused', async () => {
    const { order } = await placedOrder(h, s);
    await h.boot.services.models.Order.updateOne({ _id: order.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await view(s, order.id)).body.actions).toEqual(['cancel']);
    expect(expectError(await act(s, order.id, 'confirm-payment'), 409, 'ORDER_NOT_PAYABLE').details).toEqual({ status: 'awaiting_payment' });
  });

  it('a parcel already on the order', async () => {
    const { id } = await orderIn('shipped');
    const err = expectError(await act(s, id, 'parcels', { parcels: [{ courierCode: 'ZTO', trackingNo: 'SF1234567890' }] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['parcels.0.trackingNo']);
  });
});

describe('who may see and do what', () => {
  it('the buyer sees their own; another buyer and another seller get 404; operators read', async () => {
    const { buyer, order } = await placedOrder(h, s);
    const stranger = await person(h);
    const otherSeller = await shopWithProduct(h);
    expect((await view(buyer, order.id)).status).toBe(200);
    expectError(await view(stranger, order.id), 404, 'NOT_FOUND');
    expectError(await view(otherSeller, order.id), 404, 'NOT_FOUND');
    const asOperator = await view(op, order.id);
    expect(asOperator.status).toBe(200);
    expect(asOperator.body.actions).toEqual([]);
    expectError(await h.api.get(orderPath('f'.repeat(24))).set(buyer.auth), 404, 'NOT_FOUND');
    expect(fieldPaths(expectError(await h.api.get(orderPath('nope')).set(buyer.auth), 400, 'VALIDATION_FAILED'))).toEqual(['params.orderId']);
    expectError(await h.api.get(orderPath(order.id)), 401, 'UNAUTHENTICATED');
  });

  it('strangers acting get 404, people who may see but not act get 403, and nothing changes', async () => {
    const { buyer, order } = await placedOrder(h, s);
    const stranger = await person(h);
    expectError(await act(stranger, order.id, 'cancel', { reason: 'x' }), 404, 'NOT_FOUND');
    expectError(await act(stranger, order.id, 'confirm-payment'), 404, 'NOT_FOUND');
    expectError(await act(buyer, order.id, 'confirm-payment'), 403, 'FORBIDDEN');
    expectError(await act(op, order.id, 'confirm-payment'), 403, 'FORBIDDEN');
    expectError(await act(op, order.id, 'cancel', { reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await h.api.put(orderPath(order.id, 'seller-note')).set(buyer.auth).send({ sellerNote: '我来写' }), 403, 'FORBIDDEN');
    expect((await view(buyer, order.id)).body.status).toBe('awaiting_payment');
    await act(s, order.id, 'confirm-payment').expect(200);
    expectError(await act(buyer, order.id, 'ship', { parcels }), 403, 'FORBIDDEN');
    const { id: shipped } = await orderIn('shipped');
    expectError(await act(s, shipped, 'confirm-receipt'), 403, 'FORBIDDEN');
  });

  it('the seller note and the customer record are the seller side only', async () => {
    const { buyer, order } = await placedOrder(h, s);
    const noted = await h.api.put(orderPath(order.id, 'seller-note')).set(s.auth).send({ sellerNote: '老客户，多送一包' });
    expect(noted.body.sellerNote).toBe('老客户，多送一包');
    expect((await view(op, order.id)).body.sellerNote).toBe('老客户，多送一包');
    const mine = await view(buyer, order.id);
    expect(mine.body).toMatchObject({ sellerNote: null, customerId: null });
  });

  it('bad bodies name the field', async () => {
    const { order } = await placedOrder(h, s);
    await act(s, order.id, 'confirm-payment').expect(200);
    const cases: [string, object, string][] = [
      ['ship', { parcels: [] }, 'parcels'],
      ['ship', { parcels: [{ courierCode: 'DHLX', trackingNo: 'AB123456' }] }, 'parcels.0.courierCode'],
      ['ship', { parcels: [{ courierCode: 'SF', trackingNo: '12' }] }, 'parcels.0.trackingNo'],
      ['ship', { parcels: [{ courierCode: 'SF', trackingNo: { $gt: '' } }] }, 'parcels.0.trackingNo'],
      ['ship', { parcels: Array.from({ length: 11 }, (_, i) => ({ courierCode: 'SF', trackingNo: `SF00000${i}00` })) }, 'parcels'],
      ['cancel', { reason: '' }, 'reason'],
      ['cancel', {}, 'reason'],
    ];
    for (const [action, body, path] of cases) expect(fieldPaths(expectError(await act(s, order.id, action, body), 400, 'VALIDATION_FAILED'))).toContain(path);
    expect((await view(s, order.id)).body.status).toBe('paid');
  });
});

describe('lists', () => {
  it("the buyer's own orders with counts, never another's", async () => {
    const buyer = await person(h);
    const first = await placedOrder(h, s, undefined, buyer);
    await placedOrder(h, s, undefined, buyer);
    await act(buyer, first.order.id, 'cancel', { reason: '重复下单' }).expect(200);
    await placedOrder(h, s); // someone else's
    const all = await h.api.get('/api/v1/me/orders').set(buyer.auth);
    expect(all.body).toMatchObject({ total: 2, counts: { awaiting_payment: 1, cancelled: 1, paid: 0, shipped: 0, completed: 0 } });
    expect(all.body.items[0]).toMatchObject({ shop: { id: s.shop.id, name: s.shop.name }, packCount: 1, lineCount: 1, paymentMethod: 'direct', receiver: { name: '李梅', phoneMasked: '139****5678', province: '北京市' } });
    const cancelled = await h.api.get('/api/v1/me/orders?status=cancelled').set(buyer.auth);
    expect(cancelled.body.items.map((o: { id: string }) => o.id)).toEqual([first.order.id]);
    expect(fieldPaths(expectError(await h.api.get('/api/v1/me/orders?status=placing').set(buyer.auth), 400, 'VALIDATION_FAILED'))).toEqual(['query.status']);
  });

  it("the shop's orders for its owner and operators, searchable; 404 for others", async () => {
    const shop = await shopWithProduct(h);
    const a = await placedOrder(h, shop);
    const b = await person(h);
    const res = await h.api.post('/api/v1/orders').set(b.auth).send({ ...(await import('./order-fixtures')).placeRequest(shop), address: { name: '王大山', phone: '13800001111', regionCode: '140430', detail: '次村 5 号' } });
    expect(res.status).toBe(201);
    const list = (q = '') => h.api.get(`/api/v1/shops/${shop.shop.id}/orders${q}`).set(shop.auth);
    expect((await list()).body).toMatchObject({ total: 2, counts: { awaiting_payment: 2 } });
    expect((await list(`?q=${encodeURIComponent('大山')}`)).body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    expect((await list('?q=1111')).body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    expect((await list('?q=13912345678')).body.items.map((o: { id: string }) => o.id)).toEqual([a.order.id]);
    expect((await list(`?q=${a.order.orderNo}`)).body.items.map((o: { id: string }) => o.id)).toEqual([a.order.id]);
    expect((await list(`?q=${encodeURIComponent('.*')}`)).body.total).toBe(0); // a search, not a pattern
    const customerId = (await view(shop, a.order.id)).body.customerId as string | null;
    expect(customerId).toEqual(expect.any(String));
    expect((await list(`?customerId=${customerId}`)).body.items.map((o: { id: string }) => o.id)).toEqual([a.order.id]);
    expect((await h.api.get(`/api/v1/shops/${shop.shop.id}/orders`).set(op.auth)).body.total).toBe(2);
    expectError(await h.api.get(`/api/v1/shops/${shop.shop.id}/orders`).set(s.auth), 404, 'NOT_FOUND');
    expectError(await h.api.get(`/api/v1/shops/${shop.shop.id}/orders`).set(a.buyer.auth), 404, 'NOT_FOUND');
    expect(fieldPaths(expectError(await list('?customerId=x'), 400, 'VALIDATION_FAILED'))).toEqual(['query.customerId']);
    expect(fieldPaths(expectError(await list('?customerId[$ne]=x'), 400, 'VALIDATION_FAILED'))).toEqual(['query']); // an unknown key, not an operator
  });
});

describe('order settings', () => {
  it('the owner reads and replaces them with the version; operators read; others 404/403', async () => {
    const shop = await shopWithProduct(h);
    const path = `/api/v1/shops/${shop.shop.id}/order-settings`;
    const read = await h.api.get(path).set(shop.auth);
    expect(read.body).toMatchObject({ unpaidMinutes: 30, shipping: { packagingGrams: 150, excludedProvinceCodes: ['460000'] } });
    expect(read.body.provinces).toEqual(expect.arrayContaining([{ code: '650000', name: '新疆维吾尔自治区' }, { code: '460000', name: '海南省' }]));
    expect((await h.api.get(path).set(op.auth)).status).toBe(200);
    expectError(await h.api.get(path).set(s.auth), 404, 'NOT_FOUND');
    expectError(await h.api.put(path).set(s.auth).send(orderSettings(read.body.version)), 403, 'FORBIDDEN');
    expectError(await h.api.put(path).set(op.auth).send(orderSettings(read.body.version)), 403, 'FORBIDDEN');

    const changed = await h.api.put(path).set(shop.auth).send({ ...orderSettings(read.body.version), unpaidMinutes: 60 });
    expect(changed.body).toMatchObject({ unpaidMinutes: 60, version: read.body.version + 1 });
    expectError(await h.api.put(path).set(shop.auth).send(orderSettings(read.body.version)), 409, 'VERSION_CONFLICT');
  });

  it.each([
    ['an unknown province in a rule', (x: ReturnType<typeof orderSettings>) => { x.shipping.provinceRules[0].provinceCodes = ['650000', '990000']; }, 'shipping.provinceRules.0.provinceCodes.1'],
    ['a province both excluded and in a rule', (x: ReturnType<typeof orderSettings>) => { x.shipping.provinceRules[0].provinceCodes = ['460000']; }, 'shipping.provinceRules.0.provinceCodes.0'],
    ['a province in two rules', (x: ReturnType<typeof orderSettings>) => { x.shipping.provinceRules.push({ ...x.shipping.provinceRules[0] }); }, 'shipping.provinceRules.1.provinceCodes.0'],
    ['a county instead of a province', (x: ReturnType<typeof orderSettings>) => { x.shipping.excludedProvinceCodes = ['140430']; }, 'shipping.excludedProvinceCodes.0'],
    ['a fraction of a fen', (x: ReturnType<typeof orderSettings>) => { x.shipping.defaultRule.firstFen = 8.5; }, 'shipping.defaultRule.firstFen'],
    ['an unpaid time too short', (x: ReturnType<typeof orderSettings>) => { x.unpaidMinutes = 1; }, 'unpaidMinutes'],
    ['an operator in a field', (x: ReturnType<typeof orderSettings>) => { (x as unknown as { autoCompleteDays: object }).autoCompleteDays = { $gt: 0 }; }, 'autoCompleteDays'],
  ])('refuses %s, naming the field, changing nothing', async (_, change, field) => {
    const shop = await shopWithProduct(h);
    const path = `/api/v1/shops/${shop.shop.id}/order-settings`;
    const before = (await h.api.get(path).set(shop.auth)).body;
    const body = orderSettings(before.version);
    change(body);
    expect(fieldPaths(expectError(await h.api.put(path).set(shop.auth).send(body), 400, 'VALIDATION_FAILED'))).toContain(field);
    expect((await h.api.get(path).set(shop.auth)).body).toEqual(before);
  });
});
