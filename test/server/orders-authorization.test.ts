// Who may call what, over every order, address and subscription endpoint: anonymous, the order's
// buyer, another buyer, the shop's owner, the seller of another shop, an operator. Refusals follow
// the one rule: reading another's private things is 404, acting on something one may see but not
// change is 403; a refused request changes nothing (orders, stock, buyers, addresses, credits).
import type { Harness } from './harness';
import { operator, person, startCatalogHarness, seller, type Person, type Seller } from './catalog-fixtures';
import { address, orderPath, placedOrder, placeRequest, shopWithProduct, type Shop } from './order-fixtures';
import { describeMatrix, expectEveryEndpointCovered, type MatrixRow } from './authorization-matrix';

const operatorOf = (row: number) => `op_orders_matrix_${row}`;

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness(Array.from({ length: 30 }, (_, i) => operatorOf(i)));
});
afterAll(() => h.close());

type Role = 'anonymous' | 'buyer' | 'otherBuyer' | 'owner' | 'otherSeller' | 'operator';
const ROLES: Role[] = ['anonymous', 'buyer', 'otherBuyer', 'owner', 'otherSeller', 'operator'];

interface World {
  shop: Shop;
  buyer: Person;
  /** The buyer's orders: unpaid, paid, shipped. */
  unpaid: string;
  paid: string;
  shipped: string;
  /** One of the buyer's saved addresses. */
  addressId: string;
}

type Row = MatrixRow<World, Role>;

const ANY_LOGGED_IN = (ok: number) => ({ anonymous: 401, buyer: ok, otherBuyer: ok, owner: ok, otherSeller: ok, operator: ok });
/** The buyer's own things (an address): nobody else even learns it exists. */
const BUYERS_OWN = (ok: number) => ({ anonymous: 401, buyer: ok, otherBuyer: 404, owner: 404, otherSeller: 404, operator: 404 });
/** The seller acts; the buyer and operators see the order but may not; strangers see nothing. */
const SELLER_ACTS = (ok: number) => ({ anonymous: 401, buyer: 403, otherBuyer: 404, owner: ok, otherSeller: 404, operator: 403 });
const parcels = { parcels: [{ courierCode: 'SF', trackingNo: 'SF1234567890123' }] };

const rows: Row[] = [
  { name: 'POST /orders/quote', method: 'post', path: () => '/orders/quote', body: (w) => ({ shopId: w.shop.shop.id, lines: placeRequest(w.shop).lines }), expect: ANY_LOGGED_IN(200) },
  { name: 'POST /orders', method: 'post', path: () => '/orders', body: (w) => placeRequest(w.shop), expect: ANY_LOGGED_IN(201) },
  { name: 'GET /me/orders', method: 'get', path: () => '/me/orders', expect: ANY_LOGGED_IN(200) },
  {
    name: 'GET /orders/:id',
    method: 'get',
    path: (w) => `/orders/${w.unpaid}`,
    expect: { anonymous: 401, buyer: 200, otherBuyer: 404, owner: 200, otherSeller: 404, operator: 200 },
  },
  {
    name: 'POST /orders/:id/cancel',
    method: 'post',
    path: (w) => `/orders/${w.unpaid}/cancel`,
    body: () => ({ reason: '不要了' }),
    expect: { anonymous: 401, buyer: 200, otherBuyer: 404, owner: 200, otherSeller: 404, operator: 403 },
  },
  { name: 'POST /orders/:id/confirm-payment', method: 'post', path: (w) => `/orders/${w.unpaid}/confirm-payment`, expect: SELLER_ACTS(200) },
  { name: 'POST /orders/:id/ship', method: 'post', path: (w) => `/orders/${w.paid}/ship`, body: () => parcels, expect: SELLER_ACTS(200) },
  { name: 'POST /orders/:id/parcels', method: 'post', path: (w) => `/orders/${w.shipped}/parcels`, body: () => ({ parcels: [{ courierCode: 'ZTO', trackingNo: '73001234567890' }] }), expect: SELLER_ACTS(200) },
  { name: 'PUT /orders/:id/seller-note', method: 'put', path: (w) => `/orders/${w.paid}/seller-note`, body: () => ({ sellerNote: '先发这个' }), expect: SELLER_ACTS(200) },
  {
    name: 'POST /orders/:id/confirm-receipt',
    method: 'post',
    path: (w) => `/orders/${w.shipped}/confirm-receipt`,
    expect: { anonymous: 401, buyer: 200, otherBuyer: 404, owner: 403, otherSeller: 404, operator: 403 },
  },
  { name: 'GET /me/addresses', method: 'get', path: () => '/me/addresses', expect: ANY_LOGGED_IN(200) },
  { name: 'POST /me/addresses', method: 'post', path: () => '/me/addresses', body: () => address({ name: '新地址' }), expect: ANY_LOGGED_IN(201) },
  { name: 'PATCH /me/addresses/:id', method: 'patch', path: (w) => `/me/addresses/${w.addressId}`, body: () => ({ detail: '改过的门牌 9 号' }), expect: BUYERS_OWN(200) },
  { name: 'DELETE /me/addresses/:id', method: 'delete', path: (w) => `/me/addresses/${w.addressId}`, expect: BUYERS_OWN(204) },
  { name: 'GET /me/subscriptions', method: 'get', path: () => '/me/subscriptions', expect: ANY_LOGGED_IN(200) },
  { name: 'POST /me/subscriptions', method: 'post', path: () => '/me/subscriptions', body: () => ({ results: { 'sim-order-paid': 'accept' } }), expect: ANY_LOGGED_IN(200) },
];

/** Everything a refused request could have touched. */
async function snapshot() {
  const { Order, Product, Customer, Address, SubscribeCredit } = h.boot.services.models;
  return JSON.stringify(
    await Promise.all([
      Order.find().sort({ _id: 1 }).lean(),
      Product.find().sort({ _id: 1 }).lean(),
      Customer.find().sort({ _id: 1 }).lean(),
      Address.find().sort({ _id: 1 }).lean(),
      SubscribeCredit.find().sort({ _id: 1 }).lean(),
    ]),
  );
}

describeMatrix<World, Role>({
  h: () => h,
  roles: ROLES,
  rows,
  snapshot,
  // Cancel is open to the buyer and the seller: whoever comes second finds the order moved on.
  alsoAllowed: (res) => res.status === 409 && /^ORDER_NOT_/.test(res.body?.error?.code ?? ''),
  async setup(index) {
    const shop = await shopWithProduct(h);
    const buyer = await person(h);
    const [unpaid, paid, shipped] = await Promise.all([0, 1, 2].map(async () => (await placedOrder(h, shop, [{ quantity: 1 }], buyer)).order.id));
    expect((await h.api.post(orderPath(paid, 'confirm-payment')).set(shop.auth)).status).toBe(200);
    expect((await h.api.post(orderPath(shipped, 'confirm-payment')).set(shop.auth)).status).toBe(200);
    expect((await h.api.post(orderPath(shipped, 'ship')).set(shop.auth).send(parcels)).status).toBe(200);
    const saved = await h.api.post('/api/v1/me/addresses').set(buyer.auth).send(address());
    expect(saved.status).toBe(201);
    const otherSeller: Seller = await seller(h);
    return {
      world: { shop, buyer, unpaid, paid, shipped, addressId: saved.body.id },
      people: { anonymous: null, buyer, otherBuyer: await person(h), owner: shop, otherSeller, operator: await operator(h, operatorOf(index)) },
    };
  },
});

it('covers every order, address and subscription endpoint the API documents', () =>
  // Paying and refunding have their own matrix (payments-authorization.test.ts).
  expectEveryEndpointCovered(h, rows, (e) => / \/(orders|me\/orders|me\/addresses|me\/subscriptions)\b/.test(e) && !/\/orders\/:\w+\/(pay|refund)/.test(e)));
