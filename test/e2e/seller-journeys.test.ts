// In Chromium, on the H5 build served by the real server: the seller's and buyer's paths of
// "shops and listings" that catalog.test.ts does not walk. The shop and its products are set up
// over HTTP as the simulator's seller (the identity the browser's "以卖家身份登录" logs in as);
// each journey then runs through the pages: a draft brought back after a reload, stock adjusted
// from the editor, two phones editing one product (VERSION_CONFLICT, then the stale draft kept),
// the shop page's category filter, a product opened from a mini-program code's scene, and a shop
// paused by its seller as buyers see it. Screenshots land in test-results/screenshots.
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { API_PREFIX } from '../../contract/paths';
import type { CreateProductRequest, ProductView } from '../../contract/products';
import type { ShopView } from '../../contract/shops';
import { parseSimulatedWxaCode } from '../../server/src/wechat/simulator/wxacode';
import { readQr } from '../server/images';
import { screenshot } from '../support/browser';
import { apiAt } from '../support/e2e-shop';
import { describeE2E, useE2EWorld } from '../support/e2e';
import { field, answerYes } from '../support/h5-page';
import { loginOverHttp } from '../support/server-process';

jest.setTimeout(120_000);

describeE2E('seller and buyer journeys in the H5 build', () => {
  const world = useE2EWorld({ DEMO_DATA: 'off' });
  const open = (page: Page, route: string) => world.open(page, route);

  let token = '';
  let shop: ShopView;
  let photoId = '';

  /** The API as the simulator's seller (logged in before the tests). */
  const api = <T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => apiAt(world.base)<T>(token, method, path, body, expected);

  /** An on-sale product of the seller's shop, millet in two packs counted per variant unless told otherwise. */
  function product(title: string, extra: Partial<CreateProductRequest> = {}): Promise<ProductView> {
    return api<ProductView>('POST', `/shops/${shop.id}/listings`, {
      title,
      description: [{ type: 'text', text: '山坡地种植，自然晾晒。' }],
      photoIds: [photoId],
      category: 'grain',
      stockMode: 'per_variant',
      variants: [
        { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: 50 },
        { name: '5kg 礼盒', priceFen: 7200, netWeightGrams: 5000, stock: 20 },
      ],
      publish: true,
      ...extra,
    } satisfies CreateProductRequest, 201);
  }

  beforeAll(async () => {
    ({ token } = await loginOverHttp(world.base, 'seller'));
    shop = await api<ShopView>('POST', '/shops', { name: '克东王家合作社', intro: '黑土地上自家种的小米和黄豆', phone: '13800138000', regionCode: '140430' }, 201);
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d9a441' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'millet.jpg');
    const uploaded = await fetch(new URL(`${API_PREFIX}/photos`, world.base), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(201);
    photoId = ((await uploaded.json()) as { id: string }).id;
  });

  it('brings back what the seller typed but did not save after the page reloads, and discards it on request', async () => {
    const saved = await product('沁州黄小米 草稿恢复');
    const { page, problems } = await world.phoneAs('seller');
    await open(page, `/subpackages/seller/pages/editor/index?id=${saved.id}`);
    await field(page, '商品名').waitFor();
    await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 草稿恢复');

    await field(page, '商品名').fill('沁州黄小米 没保存的新名字');
    await field(page, '第 1 个规格的价格').fill('39.50');
    // The editor writes the draft shortly after the last keystroke.
    await page.waitForFunction((id) => (localStorage.getItem(`cunshop.draft.product:${id}`) ?? '').includes('没保存的新名字'), saved.id);

    await page.reload();
    await page.getByText('已恢复上次没保存的内容').waitFor();
    await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 没保存的新名字');
    await expect(field(page, '第 1 个规格的价格').inputValue()).resolves.toBe('39.50');
    await screenshot(page, 'seller-editor-draft-restored');
    // Nothing reached the server.
    await expect(api<ProductView>('GET', `/listings/${saved.id}`).then((p) => p.title)).resolves.toBe('沁州黄小米 草稿恢复');

    await page.getByText('放弃，用已保存的').tap();
    await answerYes(page);
    await page.getByText('已恢复上次没保存的内容').waitFor({ state: 'detached' });
    await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 草稿恢复');
    await page.reload();
    await field(page, '商品名').waitFor();
    await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 草稿恢复');
    await expect(page.getByText('已恢复上次没保存的内容').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('adjusts stock from the editor by a delta, keeping the unsaved title in the form', async () => {
    const saved = await product('沁州黄小米 补货');
    const { page, problems } = await world.phoneAs('seller');
    await open(page, `/subpackages/seller/pages/editor/index?id=${saved.id}`);
    await page.getByText('现有库存 50 件（用“调整库存”增减）').waitFor();
    await field(page, '商品名').fill('沁州黄小米 补货 还没保存');

    await page.getByText('调整库存', { exact: true }).tap();
    await field(page, '2.5kg 袋装增减几件').fill('20');
    await field(page, '5kg 礼盒增减几件').fill('-3');
    await screenshot(page, 'seller-editor-stock');
    await page.getByText('确认调整').tap();
    await page.getByText('库存已更新').waitFor();
    await page.getByText('现有库存 70 件（用“调整库存”增减）').waitFor();
    await page.getByText('现有库存 17 件（用“调整库存”增减）').waitFor();
    await page.getByText('2.5kg 袋装：现有 70 件').waitFor();
    await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 补货 还没保存');

    const after = await api<ProductView>('GET', `/listings/${saved.id}`);
    expect(after.variants.map((v) => v.stock)).toEqual([70, 17]);
    expect(after.title).toBe('沁州黄小米 补货');

    // A delta that would take stock below zero is refused in plain words, and changes nothing.
    await field(page, '5kg 礼盒增减几件').fill('-100');
    await page.getByText('确认调整').tap();
    await page.getByText('库存不够了').waitFor();
    await expect(api<ProductView>('GET', `/listings/${saved.id}`).then((p) => p.variants.map((v) => v.stock))).resolves.toEqual([70, 17]);
    expect(problems).toEqual([]);
  });

  it('two phones edit one product: the second save is told it changed, and can keep its own edits after reloading', async () => {
    const saved = await product('沁州黄小米 两人同改');
    const first = await world.phoneAs('seller');
    const second = await world.phoneAs('seller');
    for (const { page } of [first, second]) {
      await open(page, `/subpackages/seller/pages/editor/index?id=${saved.id}`);
      await field(page, '商品名').waitFor();
      await expect(field(page, '商品名').inputValue()).resolves.toBe('沁州黄小米 两人同改');
    }

    await field(first.page, '商品名').fill('沁州黄小米 第一台手机改的');
    await first.page.getByText('保存修改').tap();
    await first.page.getByText('已保存', { exact: true }).waitFor();

    await field(second.page, '商品名').fill('沁州黄小米 第二台手机改的');
    await second.page.getByText('保存修改').tap();
    await second.page.getByText('这件商品刚被别人改过，请刷新后再改').waitFor();
    await screenshot(second.page, 'seller-editor-version-conflict');
    await expect(api<ProductView>('GET', `/listings/${saved.id}`).then((p) => p.title)).resolves.toBe('沁州黄小米 第一台手机改的');

    // Reloading keeps the second phone's edits as a draft, marked as based on an older save.
    await second.page.getByText('重新加载').tap();
    await second.page.getByText('已恢复上次没保存的内容').waitFor();
    await second.page.getByText(/已保存的内容在别处被改过了/).waitFor();
    await expect(field(second.page, '商品名').inputValue()).resolves.toBe('沁州黄小米 第二台手机改的');
    await screenshot(second.page, 'seller-editor-stale-draft');
    await second.page.getByText('用我这份', { exact: true }).tap();
    await second.page.getByText('保存修改').tap();
    await second.page.getByText('已保存', { exact: true }).waitFor();
    await expect(api<ProductView>('GET', `/listings/${saved.id}`).then((p) => p.title)).resolves.toBe('沁州黄小米 第二台手机改的');
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it('warns of low stock in the list; takes a product off the shelf and deletes it from the editor', async () => {
    const saved = await product('沁州黄小米 下架删除', {
      variants: [
        { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: 3 },
        { name: '5kg 礼盒', priceFen: 7200, netWeightGrams: 5000, stock: 2 },
      ],
    });
    const { page, problems } = await world.phoneAs('seller');
    await open(page, '/subpackages/seller/pages/products/index');
    const card = page.locator('.listing', { hasText: '沁州黄小米 下架删除' });
    await card.filter({ hasText: /库存不多：还剩 \d+ 件/ }).waitFor();
    await screenshot(page, 'seller-products-low-stock');

    await card.tap();
    await page.waitForURL(/\/subpackages\/seller\/pages\/editor\/index\?id=/);
    await page.getByText('下架', { exact: true }).tap();
    await page.locator('.outcome__message', { hasText: '已下架' }).waitFor();
    await page.getByText('删除商品').waitFor();
    await expect(fetch(new URL(`${API_PREFIX}/products/${saved.id}`, world.base)).then((r) => r.status)).resolves.toBe(404);

    await page.getByText('删除商品').tap();
    await answerYes(page);
    await page.waitForURL(/\/subpackages\/seller\/pages\/products\/index/);
    await page.getByRole('tab', { name: /^已下架 \d+$/ }).tap();
    await page.getByText('没有下架的商品').waitFor();
    await expect(page.locator('.listing', { hasText: '沁州黄小米 下架删除' }).count()).resolves.toBe(0);
    await api('GET', `/listings/${saved.id}`, undefined, 404);
    expect(problems).toEqual([]);
  });

  it("filters the shop page by category", async () => {
    await product('沁州黄小米 分类筛选');
    await product('农家黄豆 分类筛选', { category: 'beans' });
    const { page, problems } = await world.phoneAs('buyer');
    await open(page, `/pages/shop/index?id=${shop.id}`);
    const millet = page.locator('.product-tile', { hasText: '沁州黄小米 分类筛选' });
    const beans = page.locator('.product-tile', { hasText: '农家黄豆 分类筛选' });
    await millet.waitFor();
    await beans.waitFor();

    await page.getByRole('tab', { name: /^豆类 \d+$/ }).tap();
    await millet.waitFor({ state: 'detached' });
    await beans.waitFor();
    await expect(page.locator('.product-tile').count()).resolves.toBe(1);
    await screenshot(page, 'buyer-shop-category');

    await page.getByRole('tab', { name: '全部' }).tap();
    await millet.waitFor();
    await beans.waitFor();
    expect(problems).toEqual([]);
  });

  it("opens a product from the scene in its poster's mini-program code", async () => {
    const saved = await product('沁州黄小米 扫码打开');
    const poster = await fetch(new URL(`${API_PREFIX}/listings/${saved.id}/poster`, world.base), { headers: { authorization: `Bearer ${token}` } });
    expect(poster.status).toBe(200);
    const code = parseSimulatedWxaCode((await readQr(Buffer.from(await poster.arrayBuffer()))) ?? '');
    expect(code).toMatchObject({ page: 'pages/product/index' });

    const { page, problems } = await world.phoneAs('buyer');
    await open(page, `/${code!.page}?scene=${encodeURIComponent(code!.scene)}`);
    await page.getByText('沁州黄小米 扫码打开').first().waitFor();
    await expect(page.getByRole('radio', { name: '2.5kg 袋装' }).innerText()).resolves.toMatch(/¥38\.00[\s\S]*¥7\.60\/斤[\s\S]*¥15\.20\/kg/);
    await screenshot(page, 'buyer-product-from-scene');

    // A scene that maps to nothing says so plainly.
    await open(page, '/pages/product/index?scene=AAAAAAAAAA');
    await page.getByText('没有找到这个内容').waitFor();
    expect(problems).toEqual([]);
  });

  it('a seller pauses the shop; buyers see the notice on the shop and product pages; reopening clears it', async () => {
    const saved = await product('沁州黄小米 暂停营业');
    const seller = await world.phoneAs('seller');
    await open(seller.page, '/subpackages/seller/pages/shop/index');
    await seller.page.getByText('营业中').waitFor();
    await seller.page.getByText('暂停营业', { exact: true }).tap();
    await answerYes(seller.page);
    await seller.page.getByText('已暂停营业').waitFor();
    await seller.page.getByText('恢复营业', { exact: true }).waitFor();
    await screenshot(seller.page, 'seller-shop-paused');
    await expect(api<ShopView>('GET', '/me/shop').then((s) => s.status)).resolves.toBe('paused');

    const buyer = await world.phoneAs('buyer');
    await open(buyer.page, `/pages/shop/index?id=${shop.id}`);
    await buyer.page.getByText('小店暂停营业，现在不能下单，可以先看看').waitFor();
    await buyer.page.locator('.product-tile', { hasText: '沁州黄小米 暂停营业' }).waitFor();
    await screenshot(buyer.page, 'buyer-shop-paused');
    await open(buyer.page, `/pages/product/index?id=${saved.id}`);
    await buyer.page.getByText('沁州黄小米 暂停营业').first().waitFor();
    await buyer.page.getByText('小店暂停营业，现在不能下单', { exact: true }).waitFor();
    await screenshot(buyer.page, 'buyer-product-paused');

    await seller.page.getByText('恢复营业', { exact: true }).tap();
    await answerYes(seller.page);
    await seller.page.getByText('已恢复营业').waitFor();
    await buyer.page.reload();
    await buyer.page.getByText('沁州黄小米 暂停营业').first().waitFor();
    await expect(buyer.page.getByText('小店暂停营业，现在不能下单', { exact: true }).count()).resolves.toBe(0);
    expect([...seller.problems, ...buyer.problems]).toEqual([]);
  });
});
