// A shared product's whole life over HTTP, each step through the public endpoints only (no
// fixtures written into the models): a seller opens a shop, uploads a photo, publishes, saves the
// poster; a buyer scans its code (scene → product → shop page); then the seller unpublishes and
// deletes it, and the scan still resolves but the product answers 404 and leaves the shop page.
import { startHarness, bearer, expectError, type Harness } from './harness';
import { readQr, testPhoto } from './images';
import { parseSimulatedWxaCode } from '../../server/src/wechat/simulator/wxacode';
import { pages } from '../../contract/paths';
import type { ProductView } from '../../contract/products';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('a poster scanned by a buyer opens the product until the seller takes it off sale and deletes it', async () => {
  const { token, user } = await h.login();
  const auth = bearer(token);

  const shop = await h.api.post('/api/v1/shops').set(auth).send({ name: '南泉杂粮合作社', phone: '13800138000', regionCode: '140430' });
  expect(shop.status).toBe(201);
  const photo = await h.api.post('/api/v1/photos').set(auth).attach('file', await testPhoto('jpeg', 900, 900), 'millet.jpg');
  expect(photo.status).toBe(201);

  const created = await h.api
    .post(`/api/v1/shops/${shop.body.id}/listings`)
    .set(auth)
    .send({
      title: '沁州黄小米 扫码买',
      photoIds: [photo.body.id],
      category: 'grain',
      stockMode: 'bulk',
      bulkStockGrams: 100_000,
      variants: [{ name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500 }],
      publish: true,
    });
  expect(created.status).toBe(201);
  const product = created.body as ProductView;
  expect(product.status).toBe('on_sale');

  const regions = await h.api.get('/api/v1/regions?parent=140400');
  expect(regions.status).toBe(200);
  expect(regions.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ code: '140430', name: '沁县' })]));

  const poster = await h.api.get(`/api/v1/listings/${product.id}/poster`).set(auth).buffer(true);
  expect(poster.status).toBe(200);
  const code = parseSimulatedWxaCode((await readQr(poster.body as Buffer)) ?? '');
  expect(code).toMatchObject({ page: pages.product });

  // The buyer, anonymous, scans it.
  const scene = await h.api.get(`/api/v1/scenes/${code!.scene}`);
  expect(scene.body).toEqual({ scene: code!.scene, shopId: shop.body.id, productId: product.id, sharerId: user.id });
  const shown = await h.api.get(`/api/v1/products/${scene.body.productId}`);
  expect(shown.status).toBe(200);
  expect(shown.body).toMatchObject({ title: '沁州黄小米 扫码买', shop: { id: shop.body.id, acceptingOrders: true } });
  expect(shown.body.photos[0].url).toMatch(/^\/api\/v1\/files\/[a-f0-9]{64}$/);
  expect((await h.api.get(shown.body.photos[0].url)).status).toBe(200);
  const onShelf = await h.api.get(`/api/v1/shops/${scene.body.shopId}/products`);
  expect(onShelf.body.items.map((p: { id: string }) => p.id)).toEqual([product.id]);

  // Off the shelf: the code still resolves (it is printed), but buyers no longer see the product.
  const off = await h.api.post(`/api/v1/listings/${product.id}/unpublish`).set(auth).send({ version: product.version });
  expect(off.status).toBe(200);
  expect(off.body.status).toBe('off_shelf');
  expect((await h.api.get(`/api/v1/scenes/${code!.scene}`)).body.productId).toBe(product.id);
  expectError(await h.api.get(`/api/v1/products/${product.id}`), 404, 'NOT_FOUND');
  expect((await h.api.get(`/api/v1/shops/${shop.body.id}/products`)).body.items).toEqual([]);
  expectError(await h.api.get(`/api/v1/listings/${product.id}/poster`).set(auth), 404, 'NOT_FOUND');

  // Deleted: gone for its seller too; the scene still resolves and names the shop.
  expect((await h.api.delete(`/api/v1/listings/${product.id}`).set(auth)).status).toBe(204);
  expectError(await h.api.get(`/api/v1/listings/${product.id}`).set(auth), 404, 'NOT_FOUND');
  expectError(await h.api.get(`/api/v1/products/${product.id}`), 404, 'NOT_FOUND');
  expect((await h.api.get(`/api/v1/scenes/${code!.scene}`)).body.shopId).toBe(shop.body.id);
  expect((await h.api.get(`/api/v1/shops/${shop.body.id}`)).status).toBe(200);
  const tabs = await h.api.get(`/api/v1/shops/${shop.body.id}/listings`).set(auth);
  expect(tabs.body.items).toEqual([]);
});
