// Scene ids: short, one per (shop, product, sharer) even under concurrency, and resolvable.
import { Types } from 'mongoose';
import { startHarness, expectError, fieldPaths, type Harness } from './harness';
import { makeProduct, makeShop, person } from './media-fixtures';
import { newSceneId, sceneFor } from '../../server/src/domain/share';
import { SCENE_MAX } from '../../contract/limits';
import { SCENE_PATTERN } from '../../server/src/wechat/wxacode';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('draws 10-character base62 ids that fit WeChat scenes', () => {
  const ids = new Set(Array.from({ length: 2000 }, newSceneId));
  expect(ids.size).toBe(2000);
  for (const id of ids) {
    expect(id).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(id.length).toBeLessThanOrEqual(SCENE_MAX);
    expect(SCENE_PATTERN.test(id)).toBe(true);
  }
});

it('gives one scene per (shop, product, sharer), also when asked concurrently', async () => {
  const seller = await person(h, ['seller']);
  const shop = await makeShop(h, seller.id);
  const product = await makeProduct(h, shop);
  const sharer = new Types.ObjectId(seller.id);
  const target = { shopId: shop._id, productId: product._id, sharerId: sharer };
  const scenes = await Promise.all(Array.from({ length: 8 }, () => sceneFor(h.boot.services, target)));
  expect(new Set(scenes).size).toBe(1);
  expect(await sceneFor(h.boot.services, target)).toBe(scenes[0]);
  expect(await h.boot.services.models.ShareScene.countDocuments({ productId: product._id })).toBe(1);

  const otherSharer = await sceneFor(h.boot.services, { ...target, sharerId: new Types.ObjectId() });
  const anonymous = await sceneFor(h.boot.services, { ...target, sharerId: null });
  const shopOnly = await sceneFor(h.boot.services, { shopId: shop._id, productId: null, sharerId: null });
  expect(new Set([scenes[0], otherSharer, anonymous, shopOnly]).size).toBe(4);
  expect(await sceneFor(h.boot.services, { shopId: shop._id, productId: null, sharerId: null })).toBe(shopOnly);

  const res = await h.api.get(`/api/v1/scenes/${scenes[0]}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ scene: scenes[0], shopId: String(shop._id), productId: String(product._id), sharerId: seller.id });
  expect((await h.api.get(`/api/v1/scenes/${shopOnly}`)).body).toEqual({ scene: shopOnly, shopId: String(shop._id), productId: null, sharerId: null });
});

it('answers 404 for unknown scenes and 400 for malformed ones', async () => {
  expectError(await h.api.get('/api/v1/scenes/AAAAAAAAAA'), 404, 'NOT_FOUND');
  expectError(await h.api.get('/api/v1/scenes/short'), 404, 'NOT_FOUND');
  for (const bad of ['x'.repeat(33), 'a%24b', '%7B%22%24gt%22%3A%22%22%7D', '%E5%95%86']) {
    expect(fieldPaths(expectError(await h.api.get(`/api/v1/scenes/${bad}`), 400, 'VALIDATION_FAILED'))).toEqual(['params.scene']);
  }
});
