// Who may call what, over every shop, listing, product and admin endpoint: anonymous, a buyer,
// the seller of another shop, the owner, an operator. Refusals follow one rule: reading another's
// private things is 404, acting on them is 403; a refused request changes nothing.
import type { Harness } from './harness';
import { createProduct, operator, person, productRequest, seller, startCatalogHarness, type Seller } from './catalog-fixtures';
import type { ProductView } from '../../contract/products';
import { orderSettings } from './order-fixtures';
import { describeMatrix, expectEveryEndpointCovered, type MatrixRow } from './authorization-matrix';

// Each row gets its own operator: one row has the operator open a shop of their own.
const operatorOf = (row: number) => `op_matrix_${row}`;

let h: Harness;
beforeAll(async () => {
  h = await startCatalogHarness(Array.from({ length: 40 }, (_, i) => operatorOf(i)));
});
afterAll(() => h.close());

type Role = 'anonymous' | 'buyer' | 'otherSeller' | 'owner' | 'operator';
const ROLES: Role[] = ['anonymous', 'buyer', 'otherSeller', 'owner', 'operator'];

interface World {
  owner: Seller;
  draft: ProductView;
  onSale: ProductView;
  /** On sale and flagged by the content check. */
  flagged: ProductView;
  /** A buyer record of the owner's shop. */
  customerId: string;
}

type Row = MatrixRow<World, Role>;

const OPEN_TO_ALL = { anonymous: 200, buyer: 200, otherSeller: 200, owner: 200, operator: 200 };
const OWNER_ACTS = (ok: number) => ({ anonymous: 401, buyer: 403, otherSeller: 403, owner: ok, operator: 403 });
const PRIVATE_READ = { anonymous: 401, buyer: 404, otherSeller: 404, owner: 200, operator: 200 };
const OPERATOR_ONLY = { anonymous: 401, buyer: 403, otherSeller: 403, owner: 403, operator: 200 };

const rows: Row[] = [
  { name: 'GET /regions', method: 'get', path: () => '/regions', expect: OPEN_TO_ALL },
  { name: 'GET /shops', method: 'get', path: () => '/shops', expect: OPEN_TO_ALL },
  {
    name: 'POST /shops',
    method: 'post',
    path: () => '/shops',
    body: () => ({ name: '新店', phone: '13900139000', regionCode: '140430' }),
    expect: { anonymous: 401, buyer: 201, otherSeller: 409, owner: 409, operator: 201 },
  },
  { name: 'GET /me/shop', method: 'get', path: () => '/me/shop', expect: { anonymous: 401, buyer: 404, otherSeller: 200, owner: 200, operator: 404 } },
  { name: 'GET /shops/:id', method: 'get', path: (w) => `/shops/${w.owner.shop.id}`, expect: OPEN_TO_ALL },
  { name: 'PATCH /shops/:id', method: 'patch', path: (w) => `/shops/${w.owner.shop.id}`, body: () => ({ version: 0, name: '改名' }), expect: OWNER_ACTS(200) },
  { name: 'POST /shops/:id/pause', method: 'post', path: (w) => `/shops/${w.owner.shop.id}/pause`, expect: OWNER_ACTS(200) },
  { name: 'POST /shops/:id/reopen', method: 'post', path: (w) => `/shops/${w.owner.shop.id}/reopen`, expect: OWNER_ACTS(200) },
  { name: 'GET /shops/:id/products', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/products`, expect: OPEN_TO_ALL },
  { name: 'GET /shops/:id/listings', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/listings`, expect: PRIVATE_READ },
  { name: 'POST /shops/:id/listings', method: 'post', path: (w) => `/shops/${w.owner.shop.id}/listings`, body: (w) => productRequest(w.owner.photoId), expect: OWNER_ACTS(201) },
  { name: 'GET /listings/:id (draft)', method: 'get', path: (w) => `/listings/${w.draft.id}`, expect: PRIVATE_READ },
  { name: 'PATCH /listings/:id', method: 'patch', path: (w) => `/listings/${w.draft.id}`, body: () => ({ version: 0, title: '改' }), expect: OWNER_ACTS(200) },
  { name: 'DELETE /listings/:id', method: 'delete', path: (w) => `/listings/${w.draft.id}`, expect: OWNER_ACTS(204) },
  { name: 'POST /listings/:id/publish', method: 'post', path: (w) => `/listings/${w.draft.id}/publish`, body: () => ({ version: 0 }), expect: OWNER_ACTS(200) },
  { name: 'POST /listings/:id/unpublish', method: 'post', path: (w) => `/listings/${w.onSale.id}/unpublish`, body: (w) => ({ version: w.onSale.version }), expect: OWNER_ACTS(200) },
  {
    name: 'POST /listings/:id/stock',
    method: 'post',
    path: (w) => `/listings/${w.onSale.id}/stock`,
    body: (w) => ({ variants: [{ variantId: w.onSale.variants[0].id, delta: -1 }] }),
    expect: OWNER_ACTS(200),
  },
  { name: 'GET /products/:id (on sale)', method: 'get', path: (w) => `/products/${w.onSale.id}`, expect: OPEN_TO_ALL },
  { name: 'GET /products/:id (draft)', method: 'get', path: (w) => `/products/${w.draft.id}`, expect: { anonymous: 404, buyer: 404, otherSeller: 404, owner: 404, operator: 404 } },
  { name: 'GET /shops/:id/customers', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/customers`, expect: PRIVATE_READ },
  { name: 'GET /shops/:id/customers/:id', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/customers/${w.customerId}`, expect: PRIVATE_READ },
  {
    name: 'PATCH /shops/:id/customers/:id',
    method: 'patch',
    path: (w) => `/shops/${w.owner.shop.id}/customers/${w.customerId}`,
    body: () => ({ note: '老客户', version: 0 }),
    // Those who may not even read the shop's buyers learn nothing (404); operators read but may not write.
    expect: { anonymous: 401, buyer: 404, otherSeller: 404, owner: 200, operator: 403 },
  },
  { name: 'GET /shops/:id/dashboard', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/dashboard`, expect: PRIVATE_READ },
  { name: 'GET /shops/:id/orders/pick-list.csv', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/orders/pick-list.csv`, expect: PRIVATE_READ },
  { name: 'GET /shops/:id/orders', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/orders`, expect: PRIVATE_READ },
  { name: 'GET /shops/:id/order-settings', method: 'get', path: (w) => `/shops/${w.owner.shop.id}/order-settings`, expect: PRIVATE_READ },
  { name: 'PUT /shops/:id/order-settings', method: 'put', path: (w) => `/shops/${w.owner.shop.id}/order-settings`, body: (w) => orderSettings(w.owner.shop.version), expect: OWNER_ACTS(200) },
  { name: 'GET /admin/shops', method: 'get', path: () => '/admin/shops', expect: OPERATOR_ONLY },
  { name: 'POST /admin/shops/:id/suspend', method: 'post', path: (w) => `/admin/shops/${w.owner.shop.id}/suspend`, body: () => ({ reason: '核查' }), expect: OPERATOR_ONLY },
  { name: 'POST /admin/shops/:id/unsuspend', method: 'post', path: (w) => `/admin/shops/${w.owner.shop.id}/unsuspend`, expect: OPERATOR_ONLY },
  { name: 'GET /admin/products', method: 'get', path: () => '/admin/products', expect: OPERATOR_ONLY },
  { name: 'POST /admin/products/:id/clear', method: 'post', path: (w) => `/admin/products/${w.flagged.id}/clear`, expect: OPERATOR_ONLY },
  { name: 'POST /admin/products/:id/take-down', method: 'post', path: (w) => `/admin/products/${w.onSale.id}/take-down`, body: () => ({ reason: '下架' }), expect: OPERATOR_ONLY },
];

/** Everything a refused request could have touched. */
const snapshot = async () => {
  const { Shop, Product, User } = h.boot.services.models;
  return JSON.stringify(await Promise.all([Shop.find().sort({ _id: 1 }).lean(), Product.find().sort({ _id: 1 }).lean(), User.find({}, { lastLoginAt: 0, updatedAt: 0 }).sort({ _id: 1 }).lean()]));
};

describeMatrix<World, Role>({
  h: () => h,
  roles: ROLES,
  rows,
  snapshot,
  codes: { 409: 'SHOP_ALREADY_OPEN' },
  async setup(index) {
    const owner = await seller(h);
    const draft = await createProduct(h, owner);
    const onSale = await createProduct(h, owner, productRequest(owner.photoId, { publish: true }));
    const flagged = await createProduct(h, owner, productRequest(owner.photoId, { title: '第一好米', publish: true }));
    const now = new Date();
    const customer = await h.boot.services.models.Customer.create({
      shopId: owner.shop.id, userId: owner.userId, name: '李梅', phone: '13912345678', phoneLast4: '5678',
      province: { code: '110000', name: '北京市' }, firstOrderAt: now, lastOrderAt: now,
    });
    return {
      world: { owner, draft, onSale, flagged, customerId: String(customer._id) },
      people: { anonymous: null, buyer: await person(h), otherSeller: await seller(h), owner, operator: await operator(h, operatorOf(index)) },
    };
  },
});

it('covers every shop, listing, product, region and admin endpoint the API documents', () =>
  // The poster (media) has its own tests; payment settings and incidents are in payments-authorization.test.ts.
  expectEveryEndpointCovered(h, rows, (e) => /\/(shops|listings|products|regions|admin|me\/shop)\b/.test(e) && !e.endsWith('/poster') && !e.endsWith('/payment-settings') && !e.endsWith('/payment-incidents')));
