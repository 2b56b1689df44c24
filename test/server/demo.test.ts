// The demo shop: created on an empty database only, valid against the schemas and the API's own
// request rules, with photos drawn locally in three sizes. Nothing else depends on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startHarness, type Harness } from './harness';
import { seedDemo, DEMO_SELLER_OPENID, DEMO_SHOP_NAME } from '../../server/src/demo/seed';
import { DEMO_BUYER_OPENID } from '../../server/src/demo/orders';
import { loadConfig } from '../../server/src/config';
import { CreateProductRequest } from '../../contract/products';
import { CreateShopRequest } from '../../contract/shops';
import { unitPriceFen } from '../../contract/pricing';
import { makeShop, person } from './media-fixtures';
import { startServerProcess, killLeftoverServers, loginOverHttp } from '../support/server-process';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('creates a cooperative shop with six products once, and then never again', async () => {
  const { Shop, Product, Photo, User } = h.boot.services.models;
  const result = await seedDemo(h.boot.services);
  expect(result).toMatchObject({ shopName: DEMO_SHOP_NAME, products: 6, orders: 3 });

  const seller = await User.findOne({ openid: DEMO_SELLER_OPENID }).lean();
  expect(seller?.roles).toEqual(expect.arrayContaining(['buyer', 'seller']));
  const shops = await Shop.find().lean();
  expect(shops).toHaveLength(1);
  const shop = shops[0];
  expect(String(shop.ownerId)).toBe(String(seller?._id));
  expect(shop.region).toEqual({ province: { code: '140000', name: '山西省' }, city: { code: '140400', name: '长治市' }, county: { code: '140430', name: '沁县' } });
  expect(CreateShopRequest.safeParse({ name: shop.name, intro: shop.intro, phone: shop.phone, regionCode: shop.region.county.code }).success).toBe(true);

  const products = await Product.find({ shopId: shop._id }).lean();
  expect(products).toHaveLength(6);
  for (const p of products) {
    await Product.hydrate(p).validate();
    expect({ status: p.status, review: p.review.state, published: p.publishedAt instanceof Date }).toEqual({ status: 'on_sale', review: 'none', published: true });
    // What the seller's editor would send for this product passes the API's own rules.
    const asRequest = {
      title: p.title,
      description: p.description.map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'image', photoId: b.photoId })),
      photoIds: p.photoIds,
      category: p.category,
      origin: p.origin,
      harvestDate: p.harvestDate,
      shelfLifeDays: p.shelfLifeDays,
      storageNote: p.storageNote,
      stockMode: p.stockMode,
      ...(p.stockMode === 'bulk' ? { bulkStockGrams: p.bulkStockGrams } : {}),
      variants: p.variants.map((v) => ({ name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams, ...(p.stockMode === 'per_variant' ? { stock: v.stock } : {}) })),
    };
    const parsed = CreateProductRequest.safeParse(asRequest);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(p.bulkStockGrams === null).toBe(p.stockMode === 'per_variant');
    const photos = await Photo.find({ _id: { $in: p.photoIds } }).lean();
    expect(photos).toHaveLength(2);
  }

  // The millet of the issue: 1,000 kg in bulk (less the 10 kg the demo orders took), a 2.5 kg bag
  // at ¥38.00 (¥7.60 a jin) and a 5 kg box at ¥72.00.
  const millet = products.find((p) => p.title.includes('小米'))!;
  expect(millet.bulkStockGrams).toBe(1_000_000 - 10_000);
  expect(millet.variants.map((v) => [v.priceFen, v.netWeightGrams])).toEqual([[3800, 2500], [7200, 5000]]);
  expect(unitPriceFen(3800, 2500, 500)).toBe(760);

  // Its photos were drawn here and stored in the three sizes.
  const cover = await h.api.get(`/api/v1/files/${millet.photoIds[0]}`).buffer(true);
  expect(cover.headers['content-type']).toBe('image/jpeg');
  expect((await sharp(cover.body as Buffer).metadata()).width).toBe(750);

  // Its first orders, placed by the simulator's buyer through the real operations: one on its way,
  // one to ship, one waiting for the transfer; the buyer is the shop's customer.
  const { Order, Customer } = h.boot.services.models;
  const orders = await Order.find({ shopId: shop._id }).sort({ createdAt: 1 }).lean();
  expect(orders.map((o) => [o.status, o.stock])).toEqual([['shipped', 'settled'], ['paid', 'held'], ['awaiting_payment', 'held']]);
  // Priced as any order: goods plus shipping by the shop's template for the province.
  const beijing = orders[1];
  expect(beijing.address.region.province.name).toBe('北京市');
  expect(beijing.totalFen).toBe(beijing.subtotalFen + beijing.shippingFen);
  const buyer = await User.findOne({ openid: DEMO_BUYER_OPENID }).lean();
  expect(orders.every((o) => String(o.buyerId) === String(buyer?._id))).toBe(true);
  const customer = await Customer.findOne({ shopId: shop._id }).lean();
  expect(customer).toMatchObject({ orderCount: 3, paidFen: orders[0].totalFen + orders[1].totalFen });

  const counts = { shops: await Shop.countDocuments(), products: await Product.countDocuments(), photos: await Photo.countDocuments() };
  expect(await seedDemo(h.boot.services)).toBeNull();
  expect({ shops: await Shop.countDocuments(), products: await Product.countDocuments(), photos: await Photo.countDocuments() }).toEqual(counts);
});

it('leaves a database that already has a shop alone', async () => {
  const other = await startHarness();
  try {
    const someone = await person(other, ['seller']);
    await makeShop(other, someone.id);
    expect(await seedDemo(other.boot.services)).toBeNull();
    expect(await other.boot.services.models.Product.countDocuments()).toBe(0);
    expect(await other.boot.services.models.User.exists({ openid: DEMO_SELLER_OPENID })).toBeNull();
  } finally {
    await other.close();
  }
});

it('DEMO_DATA: auto seeds in development or with the simulator, never in production unless on', () => {
  const creds = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef' };
  expect(loadConfig({}).demoData).toBe(true);
  expect(loadConfig({ NODE_ENV: 'development', ...creds }).demoData).toBe(true);
  expect(loadConfig({ NODE_ENV: 'test', ...creds }).demoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'test' }).demoData).toBe(true);
  expect(loadConfig({ NODE_ENV: 'production', ...creds }).demoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', WECHAT_SIMULATOR: 'on' }).demoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', WECHAT_SIMULATOR: 'on', DEMO_DATA: 'on' }).demoData).toBe(true);
  expect(loadConfig({ DEMO_DATA: 'off' }).demoData).toBe(false);
  expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA/);
});

it('npm start on an empty database creates it before listening, once, for the simulator seller', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunshop-demo-'));
  try {
    const env = { DATA_DIR: dataDir, H5_DIST_DIR: path.join(dataDir, 'no-h5'), DEMO_DATA: 'auto' };
    const first = startServerProcess(env);
    const url = await first.url;
    expect(first.output()).toMatch(/demo shop created/);
    const { user } = await loginOverHttp(url, 'seller');
    expect(user.roles).toContain('seller');
    expect(await first.stop()).toBe(0);

    const second = startServerProcess(env);
    await second.url;
    expect(second.output()).not.toMatch(/demo shop/);
    expect(await second.stop()).toBe(0);
  } finally {
    killLeftoverServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
