// Orders under contention, through HTTP and the jobs: a rush of buyers sells exactly the stock; two
// cancels, two job runs, or a payment racing the expiry at the deadline move each order once and
// return its stock at most once; the sweeper finishes what a crash left half done.
import { Types } from 'mongoose';
import { expectError, type Harness } from './harness';
import { bulkProductRequest, person, startCatalogHarness, type Person } from './catalog-fixtures';
import { orderPath, place, placedOrder, placeRequest, shopWithProduct, stockOf, type Shop } from './order-fixtures';
import { expireUnpaidOrders } from '../../server/src/jobs/expire-unpaid-orders';
import { completeShippedOrders } from '../../server/src/jobs/complete-shipped-orders';
import { sweepOrderStock } from '../../server/src/jobs/sweep-order-stock';
import { holdKeyFor, reserveStock } from '../../server/src/domain/stock';

let h: Harness;
let crowd: Person[];
const realNow = () => new Date();
beforeAll(async () => {
  h = await startCatalogHarness();
  // Two hundred buyers, logged in once for both rushes (each places one order per rush).
  crowd = await Promise.all(Array.from({ length: 200 }, () => person(h)));
});
afterEach(() => {
  h.boot.services.now = realNow;
});
afterAll(() => h.close());

const services = () => h.boot.services;
const orderDoc = (id: string) => services().models.Order.findById(id).lean();

async function rush(s: Shop, people: Person[]) {
  const results = await Promise.all(people.map((b) => place(h, b, placeRequest(s))));
  const placed = results.filter((r) => r.status === 201);
  results.filter((r) => r.status !== 201).forEach((r) => expectError(r, 409, 'OUT_OF_STOCK'));
  return placed.length;
}

it('200 buyers at once for 50 bags: exactly 50 orders, 150 told it sold out', async () => {
  const s = await shopWithProduct(h);
  expect(await rush(s, crowd)).toBe(50);
  expect(await stockOf(h, s.product.id)).toEqual({ variants: [0, 20], bulk: null, holds: 50 });
  expect(await services().models.Order.countDocuments({ shopId: s.shop.id })).toBe(50);
});

it('200 buyers at once for 100 kg of bulk in 2.5 kg bags: exactly 40 orders', async () => {
  const s = await shopWithProduct(h, (x) => bulkProductRequest(x.photoId));
  expect(await rush(s, crowd)).toBe(40);
  expect(await stockOf(h, s.product.id)).toEqual({ variants: [null, null], bulk: 0, holds: 40 });
});

it('cancelling at once from both sides returns the stock once', async () => {
  const s = await shopWithProduct(h);
  const { buyer, order } = await placedOrder(h, s, [{ quantity: 4 }]);
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => h.api.post(orderPath(order.id, 'cancel')).set((i % 2 ? s : buyer).auth).send({ reason: '取消' })),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  results.filter((r) => r.status !== 200).forEach((r) => expectError(r, 409, 'ORDER_NOT_CANCELLABLE'));
  expect(await stockOf(h, s.product.id)).toEqual({ variants: [50, 20], bulk: null, holds: 0 });
  expect((await orderDoc(order.id))?.timeline.filter((t) => t.event === 'cancelled')).toHaveLength(1);
});

it('a payment racing the expiry at the deadline: each order ends paid with stock held, or cancelled with stock returned', async () => {
  const s = await shopWithProduct(h);
  const orders = await Promise.all(Array.from({ length: 20 }, () => placedOrder(h, s, [{ quantity: 2 }])));
  const deadline = Date.now() + 60_000;
  await services().models.Order.updateMany({ shopId: s.shop.id }, { $set: { expiresAt: new Date(deadline) } });
  // Each reading of the clock falls a millisecond either side of the deadline.
  services().now = () => new Date(deadline + (Math.random() < 0.5 ? -1 : 0));
  await Promise.all([
    ...orders.map(({ order }) => h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth).send({})),
    ...Array.from({ length: 5 }, () => expireUnpaidOrders(services())),
  ]);
  services().now = () => new Date(deadline + 1);
  await expireUnpaidOrders(services()); // whatever neither finished is past its time now

  let paid = 0;
  for (const { order } of orders) {
    const o = await orderDoc(order.id);
    const events = o?.timeline.map((t) => t.event) ?? [];
    if (o?.status === 'paid') {
      paid += 1;
      expect(o.stock).toBe('held');
      expect(events).toEqual(['placed', 'paid']);
    } else {
      expect(o).toMatchObject({ status: 'cancelled', stock: 'returned' });
      expect(events).toEqual(['placed', 'expired']);
    }
  }
  expect(await stockOf(h, s.product.id)).toEqual({ variants: [50 - 2 * paid, 20], bulk: null, holds: paid });
});

it('several expiry runs at once expire each order once and return its stock once', async () => {
  const s = await shopWithProduct(h);
  await Promise.all(Array.from({ length: 15 }, () => placedOrder(h, s, [{ quantity: 3 }])));
  expect((await stockOf(h, s.product.id)).variants[0]).toBe(5);
  services().now = () => new Date(Date.now() + 31 * 60_000);
  // Other tests' unpaid orders are due too: every due order is expired by exactly one run.
  const due = await services().models.Order.countDocuments({ status: 'awaiting_payment' });
  const runs = await Promise.all(Array.from({ length: 4 }, () => expireUnpaidOrders(services())));
  expect(runs.reduce((a, b) => a + b, 0)).toBe(due);
  expect(await stockOf(h, s.product.id)).toEqual({ variants: [50, 20], bulk: null, holds: 0 });
  const orders = await services().models.Order.find({ shopId: s.shop.id }).lean();
  expect(orders.every((o) => o.status === 'cancelled' && o.stock === 'returned' && o.timeline.filter((t) => t.event === 'expired').length === 1)).toBe(true);
  expect(await Promise.all(Array.from({ length: 2 }, () => expireUnpaidOrders(services())))).toEqual([0, 0]);
});

it('several completion runs at once complete each shipped order once, and not before its time', async () => {
  const s = await shopWithProduct(h);
  const orders = await Promise.all(Array.from({ length: 8 }, () => placedOrder(h, s)));
  for (const { order } of orders) {
    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth).send({}).expect(200);
    await h.api.post(orderPath(order.id, 'ship')).set(s.auth).send({ parcels: [{ courierCode: 'SF', trackingNo: `SF${order.orderNo.replace('-', '')}` }] }).expect(200);
  }
  services().now = () => new Date(Date.now() + 9 * 86_400_000);
  expect(await completeShippedOrders(services())).toBe(0);
  services().now = () => new Date(Date.now() + 11 * 86_400_000);
  const runs = await Promise.all(Array.from({ length: 3 }, () => completeShippedOrders(services())));
  expect(runs.reduce((a, b) => a + b, 0)).toBe(8);
  const done = await services().models.Order.find({ shopId: s.shop.id }).lean();
  expect(done.every((o) => o.status === 'completed' && o.timeline.filter((t) => t.event === 'completed').length === 1)).toBe(true);
});

describe('the sweeper', () => {
  it('gives back the stock of an order a crash left placing, and removes it', async () => {
    const s = await shopWithProduct(h);
    const b = await person(h);
    const template = await placedOrder(h, s, [{ quantity: 1 }], b);
    const base = (await orderDoc(template.order.id)) as NonNullable<Awaited<ReturnType<typeof orderDoc>>>;
    // A placement that reserved both its lines and then died before opening the order.
    const _id = new Types.ObjectId();
    const lines = s.product.variants.map((v, i) => ({ ...base.lines[0], variantId: new Types.ObjectId(v.id), quantity: 2 + i, holdKey: holdKeyFor(_id, v.id) }));
    await services().models.Order.create({ ...base, _id, orderNo: '20260101-0000001', status: 'placing', stock: 'reserving', placeKey: null, timeline: [], lines, createdAt: undefined, updatedAt: undefined });
    for (const l of lines) await reserveStock(services(), { productId: l.productId, variantId: l.variantId, quantity: l.quantity }, l.holdKey);
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [47, 17], bulk: null, holds: 3 });

    expect((await sweepOrderStock(services())).abandoned).toBe(0); // too young: it may still be placing
    services().now = () => new Date(Date.now() + 3 * 60_000);
    await Promise.all([sweepOrderStock(services()), sweepOrderStock(services())]);
    expect(await orderDoc(String(_id))).toBeNull();
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [49, 20], bulk: null, holds: 1 });
    expect((await h.api.get('/api/v1/me/orders').set(b.auth)).body.total).toBe(1);
  });

  it('gives back a hold whose order is gone, settles one whose goods left, and keeps those orders still need', async () => {
    const s = await shopWithProduct(h);
    const kept = await placedOrder(h, s, [{ quantity: 3 }]);
    const shipped = await placedOrder(h, s, [{ variant: 1, quantity: 2 }]);
    // A placement that reserved after the sweeper had given up on it, then died: no order.
    const [v0] = s.product.variants;
    await reserveStock(services(), { productId: s.product.id, variantId: v0.id, quantity: 4 }, holdKeyFor(new Types.ObjectId(), v0.id));
    // A shipped order whose settle step was lost, recorded as settled.
    await services().models.Order.updateOne({ _id: shipped.order.id }, { $set: { status: 'shipped', stock: 'settled' } });
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [43, 18], bulk: null, holds: 3 });

    expect((await sweepOrderStock(services())).orphanHolds).toBe(0); // too young to judge
    services().now = () => new Date(Date.now() + 5 * 60_000);
    const runs = await Promise.all([sweepOrderStock(services()), sweepOrderStock(services())]);
    expect(runs[0].orphanHolds + runs[1].orphanHolds).toBeGreaterThanOrEqual(2);
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [47, 18], bulk: null, holds: 1 });
    expect((await orderDoc(kept.order.id))?.status).toBe('awaiting_payment');
  });

  it('returns the stock of a cancelled order and settles a shipped one that a crash left held', async () => {
    const s = await shopWithProduct(h);
    const cancelled = await placedOrder(h, s, [{ quantity: 5 }]);
    const shipped = await placedOrder(h, s, [{ variant: 1, quantity: 2 }]);
    // The transitions won, then the process died before the stock step.
    await services().models.Order.updateOne({ _id: cancelled.order.id }, { $set: { status: 'cancelled' } });
    await services().models.Order.updateOne({ _id: shipped.order.id }, { $set: { status: 'shipped' } });
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [45, 18], bulk: null, holds: 2 });
    services().now = () => new Date(Date.now() + 2 * 60_000);
    const runs = await Promise.all([sweepOrderStock(services()), sweepOrderStock(services())]);
    expect(runs[0].returned + runs[0].settled).toBeGreaterThan(0);
    expect(await stockOf(h, s.product.id)).toEqual({ variants: [50, 18], bulk: null, holds: 0 });
    expect((await orderDoc(cancelled.order.id))?.stock).toBe('returned');
    expect((await orderDoc(shipped.order.id))?.stock).toBe('settled');
  });
});
