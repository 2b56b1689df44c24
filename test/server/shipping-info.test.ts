// Shipping information to WeChat (upload_shipping_info): WeChat holds a mini-program's WeChat Pay
// money until it knows the goods left, so shipping a WeChat-paid order uploads its transaction,
// courier and tracking numbers at once; a failed upload is retried by the job after its wait; an
// order paid to the seller directly uploads nothing.
import type { Harness } from './harness';
import { orderPath, placedOrder, shopWithProduct, type Shop } from './order-fixtures';
import { orderDoc, paidWeChatOrder, startPayHarness, until } from './payment-fixtures';
import { uploadDueShippingInfo } from '../../server/src/jobs/upload-shipping-info';

let h: Harness;
let s: Shop;
const realNow = () => new Date();
beforeAll(async () => {
  h = await startPayHarness();
  s = await shopWithProduct(h);
});
afterEach(() => {
  h.boot.services.now = realNow;
});
afterAll(() => h.close());

interface Upload {
  transactionId: string;
  request: {
    order_key: { order_number_type: number; transaction_id: string };
    logistics_type: number;
    delivery_mode: number;
    is_all_delivered?: boolean;
    shipping_list: { tracking_no: string; express_company: string; item_desc: string; contact?: { receiver_contact: string } }[];
    upload_time: string;
    payer: { openid: string };
  };
}
const uploads = async () => ((await (await fetch(`${h.simulatorUrl}/dev/shipping-info`)).json()) as { items: Upload[] }).items;
const uploadsOf = async (transactionId: string) => (await uploads()).filter((u) => u.transactionId === transactionId);
const failNext = (errcode: number) => fetch(`${h.simulatorUrl}/dev/shipping-info-fail-next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errcode }) });
const ship = (id: string, parcels: { courierCode: string; trackingNo: string }[]) => h.api.post(orderPath(id, 'ship')).set(s.auth).send({ parcels });

it('shipping a WeChat-paid order uploads its transaction, courier, tracking number and payer', async () => {
  const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
  const transactionId = order.money.transactionId as string;
  await ship(order.id, [{ courierCode: 'SF', trackingNo: 'SF1234567890123' }]).expect(200);
  const [upload] = await until(async () => {
    const u = await uploadsOf(transactionId);
    return u.length ? u : undefined;
  }, 'the upload');
  const openid = (await h.boot.services.models.User.findById(buyer.userId).lean())?.openid;
  expect(upload.request).toMatchObject({
    order_key: { order_number_type: 2, transaction_id: transactionId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: 'SF1234567890123', express_company: 'SF', item_desc: expect.stringContaining('沁州黄小米'), contact: { receiver_contact: '139****5678' } }],
    payer: { openid },
  });
  expect(upload.request.upload_time).toMatch(/\+08:00$/);
  await until(async () => ((await orderDoc(h, order.id)).shippingUpload?.state === 'uploaded' ? true : undefined), 'the upload recorded');
  expect((await orderDoc(h, order.id)).shippingUpload).toMatchObject({ state: 'uploaded', attempts: 1, lastError: null, nextAt: null });
  // Nothing left for the job.
  h.boot.services.now = () => new Date(Date.now() + 3_600_000);
  expect(await uploadDueShippingInfo(h.boot.services)).toBe(0);
  expect(await uploadsOf(transactionId)).toHaveLength(1);
});

it('several parcels are uploaded as a split delivery, all delivered', async () => {
  const { order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
  await ship(order.id, [{ courierCode: 'SF', trackingNo: 'SF2000000000001' }, { courierCode: 'ZTO', trackingNo: '73100000000001' }]).expect(200);
  const [upload] = await until(async () => {
    const u = await uploadsOf(order.money.transactionId as string);
    return u.length ? u : undefined;
  }, 'the upload');
  expect(upload.request).toMatchObject({ delivery_mode: 2, is_all_delivered: true });
  expect(upload.request.shipping_list.map((p) => `${p.express_company}:${p.tracking_no}`)).toEqual(['SF:SF2000000000001', 'ZTO:73100000000001']);
});

it('a failed upload is retried by the job after its wait, once', async () => {
  const { order } = await paidWeChatOrder(h, s);
  const transactionId = order.money.transactionId as string;
  expect((await failNext(-1)).status).toBe(204); // WeChat's "system busy"
  await ship(order.id, [{ courierCode: 'YTO', trackingNo: 'YT1234567890' }]).expect(200);
  await h.boot.services.background.drain();
  const failed = (await orderDoc(h, order.id)).shippingUpload;
  expect(failed).toMatchObject({ state: 'pending', attempts: 1, lastError: 'errcode -1' });
  expect(await uploadsOf(transactionId)).toEqual([]);
  // Not before its wait (a minute after the first try).
  expect(await uploadDueShippingInfo(h.boot.services)).toBe(0);
  h.boot.services.now = () => new Date(Date.now() + 2 * 60_000);
  const [a, b] = await Promise.all([uploadDueShippingInfo(h.boot.services), uploadDueShippingInfo(h.boot.services)]);
  expect(a + b).toBe(1);
  expect(await uploadsOf(transactionId)).toHaveLength(1);
  expect((await orderDoc(h, order.id)).shippingUpload).toMatchObject({ state: 'uploaded', attempts: 2, lastError: null });
});

it('an order paid to the seller directly uploads nothing', async () => {
  const { order } = await placedOrder(h, s);
  await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth).expect(200);
  const count = (await uploads()).length;
  await ship(order.id, [{ courierCode: 'SF', trackingNo: 'SF3000000000001' }]).expect(200);
  await h.boot.services.background.drain();
  expect((await orderDoc(h, order.id)).shippingUpload).toBeNull();
  expect((await uploads()).length).toBe(count);
});
