// Who may call what, over every payment endpoint: anonymous, the order's buyer, another buyer, the
// shop's owner, the seller of another shop, an operator. The buyer pays and asks for money back;
// the owner answers and refunds; operators read and set a shop's sub-merchant but never move an
// order's money. Reading another's order is 404, acting on one you may see but not change is 403,
// and a refused request changes nothing: not our database, not WeChat Pay's orders and refunds.
import type { Harness } from './harness';
import { operator, person, seller, type Person } from './catalog-fixtures';
import { orderPath, shopWithProduct, type Shop } from './order-fixtures';
import { describeMatrix, expectEveryEndpointCovered, type MatrixRow } from './authorization-matrix';
import { paidWeChatOrder, postNotification, simOrders, startPayHarness, wechatOrder, pay } from './payment-fixtures';

const operatorOf = (row: number) => `op_pay_matrix_${row}`;

let h: Harness;
beforeAll(async () => {
  h = await startPayHarness({ operators: Array.from({ length: 12 }, (_, i) => operatorOf(i)) });
});
afterAll(() => h.close());

type Role = 'anonymous' | 'buyer' | 'otherBuyer' | 'owner' | 'otherSeller' | 'operator';
const ROLES: Role[] = ['anonymous', 'buyer', 'otherBuyer', 'owner', 'otherSeller', 'operator'];

interface World {
  shop: Shop;
  /** The buyer's WeChat Pay orders: unpaid, paid, paid with a refund request open. */
  unpaid: string;
  paid: string;
  requested: string;
}
type Row = MatrixRow<World, Role>;

/** The buyer acts; the seller and operators see the order but may not; strangers see nothing. */
const BUYER_ACTS = (ok: number) => ({ anonymous: 401, buyer: ok, otherBuyer: 404, owner: 403, otherSeller: 404, operator: 403 });
const SELLER_ACTS = (ok: number) => ({ anonymous: 401, buyer: 403, otherBuyer: 404, owner: ok, otherSeller: 404, operator: 403 });
/** The shop's private settings: its owner and operators; nobody else learns the shop has any. */
const OWNER_OR_OPERATOR = (ok: number) => ({ anonymous: 401, buyer: 404, otherBuyer: 404, owner: ok, otherSeller: 404, operator: ok });
/** The platform's own: operators only. */
const OPERATORS_ONLY = (ok: number) => ({ anonymous: 401, buyer: 403, otherBuyer: 403, owner: 403, otherSeller: 403, operator: ok });

const rows: Row[] = [
  { name: 'POST /orders/:id/pay', method: 'post', path: (w) => `/orders/${w.unpaid}/pay`, expect: BUYER_ACTS(200) },
  { name: 'POST /orders/:id/pay/check', method: 'post', path: (w) => `/orders/${w.unpaid}/pay/check`, expect: BUYER_ACTS(200) },
  {
    name: 'POST /orders/:id/refund-request',
    method: 'post',
    path: (w) => `/orders/${w.paid}/refund-request`,
    body: () => ({ amountFen: 100, reason: '有一袋破了' }),
    expect: BUYER_ACTS(200),
  },
  {
    name: 'POST /orders/:id/refund-request/answer',
    method: 'post',
    path: (w) => `/orders/${w.requested}/refund-request/answer`,
    body: () => ({ decision: 'decline', reason: '已经发出了' }),
    expect: SELLER_ACTS(200),
  },
  {
    name: 'POST /orders/:id/refunds',
    method: 'post',
    path: (w) => `/orders/${w.paid}/refunds`,
    body: () => ({ amountFen: 100, reason: '少称了' }),
    expect: SELLER_ACTS(200),
  },
  { name: 'GET /shops/:id/payment-settings', method: 'get', path: (w) => `/shops/${w.shop.shop.id}/payment-settings`, expect: OWNER_OR_OPERATOR(200) },
  {
    name: 'PUT /shops/:id/payment-settings',
    method: 'put',
    path: (w) => `/shops/${w.shop.shop.id}/payment-settings`,
    body: () => ({ subMchid: '1900000109', version: 0 }),
    expect: OWNER_OR_OPERATOR(200),
  },
  { name: 'GET /admin/payment-incidents', method: 'get', path: () => '/admin/payment-incidents', expect: OPERATORS_ONLY(200) },
];

/** Everything a refused request could have touched, here and at WeChat Pay. */
async function snapshot() {
  const { Order, Product, Customer, Shop, PaymentIncident } = h.boot.services.models;
  return JSON.stringify(
    await Promise.all([
      Order.find().sort({ _id: 1 }).lean(),
      Product.find().sort({ _id: 1 }).lean(),
      Customer.find().sort({ _id: 1 }).lean(),
      Shop.find().sort({ _id: 1 }).lean(),
      PaymentIncident.find().sort({ _id: 1 }).lean(),
      simOrders(h),
    ]),
  );
}

describeMatrix<World, Role>({
  h: () => h,
  roles: ROLES,
  rows,
  snapshot,
  // The settings are open to the owner and operators: whoever comes second holds a stale version.
  alsoAllowed: (res) => res.status === 409 && res.body?.error?.code === 'VERSION_CONFLICT',
  async setup(index) {
    const shop = await shopWithProduct(h);
    const buyer = await person(h);
    // Unpaid and never prepaid: a refused pay that slipped through would show at WeChat Pay.
    const unpaid = (await wechatOrder(h, shop, [{ quantity: 1 }], buyer)).order.id;
    const paid = (await paidWeChatOrder(h, shop, [{ quantity: 1 }], buyer)).order.id;
    const requested = (await paidWeChatOrder(h, shop, [{ quantity: 1 }], buyer)).order.id;
    expect((await h.api.post(orderPath(requested, 'refund-request')).set(buyer.auth).send({ amountFen: 100, reason: '坏了一袋' })).status).toBe(200);
    // Refunds asked for by the set-up settle before the snapshots are taken.
    await h.boot.services.background.drain();
    return {
      world: { shop, unpaid, paid, requested },
      people: { anonymous: null, buyer, otherBuyer: await person(h), owner: shop, otherSeller: await seller(h), operator: await operator(h, operatorOf(index)) },
    };
  },
});

describe('POST /payments/wechat/notify', () => {
  it('is public but believes only WeChat Pay’s signature: a session changes nothing', async () => {
    const shop = await shopWithProduct(h);
    const { buyer, order } = await wechatOrder(h, shop);
    await pay(h, buyer, order.id);
    const people: (Person | null)[] = [null, buyer, shop, await operator(h, operatorOf(11))];
    const before = await snapshot();
    for (const who of people) {
      const headers: Record<string, string> = who ? { ...who.auth } : {};
      expect(await postNotification(h, { body: JSON.stringify({ id: 'x', event_type: 'TRANSACTION.SUCCESS', resource: {} }), headers })).toBe(401);
    }
    expect(await snapshot()).toBe(before);
  });
});

it('covers every payment endpoint the API documents', () =>
  expectEveryEndpointCovered(h, [...rows, { name: 'POST /payments/wechat/notify (above)' }], (e) => /\/orders\/:id\/(pay|refund)|\/payment-settings$|\/payments\/|\/payment-incidents/.test(e)));
