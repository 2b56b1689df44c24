// Checkout through HTTP: the quote, placing an order (snapshots, totals, stock, address), every
// refusal changing nothing, and the Idempotency-Key making a retried placement one order.
import { randomUUID } from 'node:crypto';
import { expectError, fieldPaths, type Harness } from './harness';
import { bulkProductRequest, person, startCatalogHarness } from './catalog-fixtures';
import { address, BEIJING, HAIKOU, orderPath, place, placeRequest, shopWithProduct, stockOf, type Shop } from './order-fixtures';
import type { OrderView, QuoteView } from '../../contract/orders';

let h: Harness;
let s: Shop;
beforeAll(async () => {
  h = await startCatalogHarness();
  s = await shopWithProduct(h);
});
afterAll(() => h.close());

const orderCount = () => h.boot.services.models.Order.countDocuments({});

describe('quote', () => {
  it('prices the cart from current products, with shipping once a region is known', async () => {
    const b = await person(h);
    const lines = [
      { productId: s.product.id, variantId: s.product.variants[0].id, quantity: 2 },
      { productId: s.product.id, variantId: s.product.variants[1].id, quantity: 1 },
    ];
    const none = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: s.shop.id, lines });
    expect(none.status).toBe(200);
    const q = none.body as QuoteView;
    expect(q).toMatchObject({
      shop: { id: s.shop.id, acceptingOrders: true },
      subtotalFen: 2 * 3800 + 7200,
      weightGrams: 2 * 2500 + 5000 + 150,
      shipping: null,
      totalFen: 2 * 3800 + 7200,
      paymentMethods: ['wechat', 'direct'], // the harness runs WeChat Pay (direct merchant) against the simulator
      unpaidMinutes: 30,
    });
    expect(q.lines[0]).toMatchObject({ title: s.product.title, variantName: '2.5kg 袋装', priceFen: 3800, quantity: 2, lineFen: 7600, available: 50, problem: null });
    expect(q.lines[0].cover?.id).toBe(s.photoId);

    const beijing = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: s.shop.id, lines, regionCode: BEIJING });
    expect(beijing.body).toMatchObject({ shipping: { ships: true, fen: 0, free: true }, totalFen: 14800 }); // ¥148 ≥ ¥99
    const xinjiang = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: s.shop.id, lines, regionCode: '650000' });
    expect(xinjiang.body).toMatchObject({ shipping: { ships: true, fen: 1800 + 10 * 800, free: false }, totalFen: 14800 + 9800 });
    const hainan = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: s.shop.id, lines, regionCode: HAIKOU });
    expect(hainan.body).toMatchObject({ shipping: { ships: false, province: '海南省' }, totalFen: 14800 });
  });

  it('names the lines that cannot be bought as asked', async () => {
    const b = await person(h);
    const res = await h.api
      .post('/api/v1/orders/quote')
      .set(b.auth)
      .send({
        shopId: s.shop.id,
        lines: [
          { productId: s.product.id, variantId: s.product.variants[1].id, quantity: 21 },
          { productId: s.product.id, variantId: 'f'.repeat(24), quantity: 1 },
          { productId: s.product.id, variantId: s.product.variants[0].id, quantity: 1 },
        ],
      });
    expect(res.status).toBe(200);
    expect((res.body as QuoteView).lines.map((l) => [l.problem, l.available])).toEqual([['not_enough', 20], ['unavailable', 0], [null, 50]]);
    expect(res.body.subtotalFen).toBe(3800);
  });

  it('refuses an unknown region, naming it', async () => {
    const b = await person(h);
    const res = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: s.shop.id, lines: placeRequest(s).lines, regionCode: '990000' });
    expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED'))).toEqual(['regionCode']);
  });
});

describe('placing', () => {
  it('snapshots the lines, the address and the totals, and takes the stock', async () => {
    const shop = await shopWithProduct(h);
    const b = await person(h);
    const res = await place(h, b, placeRequest(shop, [{ quantity: 2 }], { buyerNote: '请周末送', expectedTotalFen: 7600 + 1800 }));
    expect(res.status).toBe(201);
    const o = res.body as OrderView;
    expect(o).toMatchObject({
      status: 'awaiting_payment',
      shop: { id: shop.shop.id, name: shop.shop.name, phone: shop.shop.phone },
      buyer: { id: b.userId },
      subtotalFen: 7600,
      weightGrams: 5150,
      shippingFen: 800 + 5 * 200,
      totalFen: 7600 + 1800,
      buyerNote: '请周末送',
      sellerNote: null,
      customerId: null, // the seller's side only
      paymentMethod: 'direct',
      address: { name: '李梅', phone: '13912345678', detail: '朝阳路 88 号 3 单元 502', region: { province: { code: '110000', name: '北京市' }, county: { code: BEIJING } } },
      actions: ['cancel'],
      timeline: [{ event: 'placed', actor: 'buyer', note: null }],
      parcels: [],
      cancelled: null,
    });
    expect(o.orderNo).toMatch(/^\d{8}-\d{7}$/);
    expect(new Date(o.expiresAt as string).getTime() - new Date(o.createdAt).getTime()).toBeCloseTo(30 * 60_000, -4);
    expect(o.lines).toEqual([expect.objectContaining({ title: shop.product.title, variantName: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2, lineFen: 7600 })]);
    expect(await stockOf(h, shop.product.id)).toEqual({ variants: [48, 20], bulk: null, holds: 1 });

    // A later edit of the product changes nothing in the order.
    await h.api.patch(`/api/v1/listings/${shop.product.id}`).set(shop.auth).send({ version: shop.product.version, title: '新标题小米' }).expect(200);
    const again = await h.api.get(orderPath(o.id)).set(b.auth);
    expect(again.body.lines[0].title).toBe(shop.product.title);
  });

  it('takes bulk stock by weight', async () => {
    const shop = await shopWithProduct(h, (x) => bulkProductRequest(x.photoId));
    const b = await person(h);
    expect((await place(h, b, placeRequest(shop, [{ quantity: 2 }, { variant: 1, quantity: 1 }]))).status).toBe(201);
    expect(await stockOf(h, shop.product.id)).toEqual({ variants: [null, null], bulk: 100_000 - 10_000, holds: 2 });
  });

  it('returns the same order for the same Idempotency-Key, one after the other and at once', async () => {
    const shop = await shopWithProduct(h);
    const b = await person(h);
    const key = randomUUID();
    const first = await place(h, b, placeRequest(shop), key);
    const second = await place(h, b, placeRequest(shop), key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);

    const other = randomUUID();
    const racing = await Promise.all(Array.from({ length: 5 }, () => place(h, b, placeRequest(shop), other)));
    const ids = new Set(racing.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    racing.filter((r) => r.status !== 201).forEach((r) => expectError(r, 409, 'CONFLICT')); // "still being processed"
    expect(await h.boot.services.models.Order.countDocuments({ shopId: shop.shop.id })).toBe(2);
    expect((await stockOf(h, shop.product.id)).variants[0]).toBe(48);
  });

  it('finds the order by its key even when the remembered answer is gone', async () => {
    const shop = await shopWithProduct(h);
    const b = await person(h);
    const key = randomUUID();
    const first = await place(h, b, placeRequest(shop), key);
    await h.boot.services.models.IdempotencyKey.deleteMany({});
    const again = await place(h, b, placeRequest(shop), key);
    expect(again.body.id).toBe(first.body.id);
    expect((await stockOf(h, shop.product.id)).variants[0]).toBe(49);
  });

  it('refuses a total the buyer did not see, with the new quote', async () => {
    const b = await person(h);
    const before = await orderCount();
    const res = await place(h, b, placeRequest(s, [{ quantity: 1 }], { expectedTotalFen: 3800 }));
    const err = expectError(res, 409, 'PRICE_CHANGED') as { details?: { quote?: QuoteView } };
    expect(err.details?.quote).toMatchObject({ totalFen: 3800 + 1200, shipping: { ships: true, fen: 1200 } });
    expect(await orderCount()).toBe(before);
  });
});

describe('refusals change nothing', () => {
  const refused = async (body: unknown, status: number, code: string) => {
    const b = await person(h);
    const [orders, stock] = [await orderCount(), await stockOf(h, s.product.id)];
    const res = await place(h, b, body);
    const err = expectError(res, status, code);
    expect(await orderCount()).toBe(orders);
    expect(await stockOf(h, s.product.id)).toEqual(stock);
    return err;
  };
  const line = (extra: Record<string, unknown>) => ({ ...placeRequest(s), lines: [{ ...placeRequest(s).lines[0], ...extra }] });

  it.each([
    ['quantity 0', { quantity: 0 }, 'lines.0.quantity'],
    ['quantity -1', { quantity: -1 }, 'lines.0.quantity'],
    ['quantity 1.5', { quantity: 1.5 }, 'lines.0.quantity'],
    ['quantity 1e9', { quantity: 1e9 }, 'lines.0.quantity'],
    ['quantity "3"', { quantity: '3' }, 'lines.0.quantity'],
    ['quantity {"$gt": 0}', { quantity: { $gt: 0 } }, 'lines.0.quantity'],
    ['productId {"$gt": ""}', { productId: { $gt: '' } }, 'lines.0.productId'],
    ['variantId {"$ne": null}', { variantId: { $ne: null } }, 'lines.0.variantId'],
    ['an unknown field in a line', { price: 1 }, 'lines.0'],
  ])('%s', async (_, extra, path) => {
    expect(fieldPaths(await refused(line(extra), 400, 'VALIDATION_FAILED'))).toContain(path);
  });

  it.each([
    ['shopId as an operator', { shopId: { $gt: '' } }, 'shopId'],
    ['address.phone as an operator', { address: { ...address(), phone: { $regex: '.*' } } }, 'address.phone'],
    ['a landline', { address: address({ phone: '0351-1234567' }) }, 'address.phone'],
    ['an unknown region', { address: address({ regionCode: '999999' }) }, 'address.regionCode'],
    ['a province instead of a county', { address: address({ regionCode: '110000' }) }, 'address.regionCode'],
    ['an unknown field', { discountFen: 100 }, ''],
    ['a payment method not offered', { paymentMethod: 'cash' }, 'paymentMethod'],
    ['the same variant twice', 'twice', 'lines'],
    ['no lines', { lines: [] }, 'lines'],
  ])('%s', async (_, extra, path) => {
    const body = placeRequest(s);
    const changes = extra === 'twice' ? { lines: [body.lines[0], body.lines[0]] } : (extra as object);
    expect(fieldPaths(await refused({ ...body, ...changes }, 400, 'VALIDATION_FAILED'))).toContain(path);
  });

  it('an unknown variant', async () => {
    expect((await refused(line({ variantId: 'f'.repeat(24) }), 409, 'PRODUCT_UNAVAILABLE')).details).toMatchObject({ variantId: 'f'.repeat(24), available: 0 });
  });

  it('more than is in stock', async () => {
    expect((await refused(line({ variantId: s.product.variants[1].id, quantity: 21 }), 409, 'OUT_OF_STOCK')).details).toMatchObject({ available: 20 });
  });

  it('a province the shop does not ship to', async () => {
    expect((await refused({ ...placeRequest(s), address: address({ regionCode: HAIKOU }) }, 422, 'NOT_SHIPPED_TO')).details).toEqual({ province: { code: '460000', name: '海南省' } });
  });

  it("another shop's product, and a product off the shelf", async () => {
    const other = await shopWithProduct(h);
    await refused({ ...placeRequest(s), lines: placeRequest(other).lines }, 409, 'PRODUCT_UNAVAILABLE');
    await h.api.post(`/api/v1/listings/${other.product.id}/unpublish`).set(other.auth).send({ version: other.product.version }).expect(200);
    const b = await person(h);
    expectError(await place(h, b, placeRequest(other)), 409, 'PRODUCT_UNAVAILABLE');
    expect(await stockOf(h, other.product.id)).toEqual({ variants: [50, 20], bulk: null, holds: 0 });
  });

  it('a paused shop, and a suspended one', async () => {
    const other = await shopWithProduct(h);
    const b = await person(h);
    await h.api.post(`/api/v1/shops/${other.shop.id}/pause`).set(other.auth).expect(200);
    expectError(await place(h, b, placeRequest(other)), 409, 'SHOP_NOT_ACCEPTING_ORDERS');
    const quote = await h.api.post('/api/v1/orders/quote').set(b.auth).send({ shopId: other.shop.id, lines: placeRequest(other).lines });
    expect(quote.body.shop.acceptingOrders).toBe(false);
    await h.api.post(`/api/v1/shops/${other.shop.id}/reopen`).set(other.auth).expect(200);
    await h.boot.services.models.Shop.updateOne({ _id: other.shop.id }, { $set: { suspended: { at: new Date(), reason: 'test', by: other.shop.ownerId } } });
    expectError(await place(h, b, placeRequest(other)), 404, 'NOT_FOUND');
    expect(await stockOf(h, other.product.id)).toEqual({ variants: [50, 20], bulk: null, holds: 0 });
  });

  it('gives back what earlier lines took when a later line is refused', async () => {
    const other = await shopWithProduct(h);
    const buyers = await Promise.all(Array.from({ length: 40 }, () => person(h)));
    // Every buyer passes the check; the 5 kg boxes (20) run out during reservation, after the bags were taken.
    const results = await Promise.all(buyers.map((b) => place(h, b, placeRequest(other, [{ quantity: 1 }, { variant: 1, quantity: 1 }]))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    results.filter((r) => r.status !== 201).forEach((r) => expectError(r, 409, 'OUT_OF_STOCK'));
    expect(await stockOf(h, other.product.id)).toEqual({ variants: [30, 0], bulk: null, holds: 40 });
    expect(await h.boot.services.models.Order.countDocuments({ shopId: other.shop.id })).toBe(20);
  });

  it('anonymous callers', async () => {
    expectError(await h.api.post('/api/v1/orders').send(placeRequest(s)), 401, 'UNAUTHENTICATED');
  });
});
