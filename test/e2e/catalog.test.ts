// In Chromium, on the H5 build served by the real server: a seller logs in, opens a shop (region
// picked through the picker), posts a product with a photo and two variants, and publishes it;
// then a buyer, in a browser of their own, opens the shared product path and sees the title and
// the right unit price. Phone-size screenshots of every page land in test-results/screenshots.
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { phoneContext, screenshot } from '../support/browser';
import { describeE2E, useE2EWorld } from '../support/e2e';
import { field, confirmPicker } from '../support/h5-page';

jest.setTimeout(600_000);

describeE2E('shops and listings in the H5 build', () => {
  // No demo shop: the seller identity must start without one.
  const world = useE2EWorld({ DEMO_DATA: 'off' });
  const open = (page: Page, route: string) => world.open(page, route);

  it('a seller opens a shop and publishes a product; a buyer opens the shared link and sees the unit price', async () => {
    // ——— The seller, on their phone ———
    const sellerContext = await phoneContext(world.browser);
    const seller = await sellerContext.newPage();
    const problems: string[] = [];
    seller.on('pageerror', (e) => problems.push(e.message));

    await open(seller, '/pages/me/index');
    await seller.getByText('以卖家身份登录').tap();
    await seller.getByText('退出登录').waitFor();
    await seller.getByText('进入卖家中心').tap();
    await seller.getByText('开我的小店').waitFor();
    await screenshot(seller, 'seller-home-no-shop');

    await seller.getByText('开我的小店').tap();
    await field(seller, '店名').waitFor();
    await field(seller, '店名').fill('克东王家合作社');
    await field(seller, '简介').fill('黑土地上自家种的小米和黄豆');
    await field(seller, '联系电话').fill('13800138000');
    // Province → city → county, each through the picker sheet (its first row: 北京市 → 市辖区 → 东城区).
    await seller.getByText('选择省份').tap();
    await confirmPicker(seller);
    await seller.getByText('选择城市').tap();
    await confirmPicker(seller);
    await seller.getByText('选择区县').tap();
    await confirmPicker(seller);
    await seller.locator('.region-picker__box', { hasText: '东城区' }).waitFor();
    await screenshot(seller, 'seller-shop-form');
    await seller.getByText('开店', { exact: true }).tap();
    await seller.getByText('开店成功！').waitFor();

    // Back at the hub, which now shows the shop.
    await seller.getByText('营业中').waitFor();
    await screenshot(seller, 'seller-home-with-shop');
    await seller.getByText('发布新商品').tap();

    await field(seller, '商品名').waitFor();
    await field(seller, '商品名').fill('东北小米 新米');
    await seller.getByText('选择分类').tap();
    await confirmPicker(seller);
    await seller.locator('.picker-box', { hasText: '五谷杂粮' }).waitFor();

    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#d9a441' } }).jpeg().toBuffer();
    const chooser = seller.waitForEvent('filechooser');
    await seller.getByText('添加照片').tap();
    await (await chooser).setFiles({ name: 'millet.jpg', mimeType: 'image/jpeg', buffer: photo });
    await seller.locator('.photo-tile--done').waitFor();

    await field(seller, '第 1 个规格的名字').fill('2.5公斤袋装');
    await field(seller, '第 1 个规格的价格').fill('38.00');
    await field(seller, '第 1 个规格的净重').fill('2.5');
    await field(seller, '第 1 个规格的库存').fill('100');
    await seller.getByText('单价：¥7.60/斤 · ¥15.20/kg').waitFor();
    await seller.getByText('＋ 加一个规格').tap();
    await field(seller, '第 2 个规格的名字').fill('5公斤箱装');
    await field(seller, '第 2 个规格的价格').fill('72.00');
    await field(seller, '第 2 个规格的净重').fill('5');
    await field(seller, '第 2 个规格的库存').fill('40');
    await seller.getByText('单价：¥7.20/斤 · ¥14.40/kg').waitFor();
    await screenshot(seller, 'seller-editor');

    await seller.getByText('上架', { exact: true }).tap();
    await seller.getByText(/已上架/).waitFor();
    await seller.getByText('下架', { exact: true }).waitFor();
    await screenshot(seller, 'seller-editor-published');

    // The buyer's view of it gives the product's shared path.
    await seller.getByText('看看买家看到的样子').tap();
    await seller.waitForURL(/\/pages\/product\/index\?id=/);
    const productId = new URL(seller.url()).searchParams.get('id');
    expect(productId).toMatch(/^[a-f0-9]{24}$/);

    await open(seller, '/subpackages/seller/pages/products/index');
    await seller.getByText('在售 1').waitFor();
    await seller.getByText('东北小米 新米').waitFor();
    await screenshot(seller, 'seller-products');

    await open(seller, `/subpackages/seller/pages/poster/index?id=${productId}`);
    const poster = seller.locator('.poster__image img, img.poster__image').first();
    await poster.waitFor();
    await expect(poster.evaluate((img) => (img as HTMLImageElement).decode().then(() => (img as HTMLImageElement).naturalWidth))).resolves.toBeGreaterThan(0);
    await seller.getByText('长按图片保存到手机，再发到朋友圈或群里').waitFor();
    // The whole portrait poster shows, not a fixed-height crop of its top.
    const shown = await seller.locator('.poster__image').first().boundingBox();
    expect(shown && shown.height / shown.width).toBeGreaterThan(1.4);
    await screenshot(seller, 'seller-poster');
    expect(problems).toEqual([]);
    await sellerContext.close();

    // ——— A buyer, on another phone, opening the link shared in a chat ———
    const buyerContext = await phoneContext(world.browser);
    const buyer = await buyerContext.newPage();
    buyer.on('pageerror', (e) => problems.push(e.message));
    await open(buyer, '/pages/me/index');
    await buyer.getByText('以买家身份登录').tap();
    await buyer.getByText('退出登录').waitFor();

    await open(buyer, `/pages/product/index?id=${productId}&from=seller`);
    await buyer.getByText('东北小米 新米').first().waitFor();
    const small = buyer.getByRole('radio', { name: '2.5公斤袋装' });
    await expect(small.innerText()).resolves.toMatch(/¥38\.00[\s\S]*2\.5 kg（5 斤）[\s\S]*¥7\.60\/斤[\s\S]*¥15\.20\/kg/);
    const big = buyer.getByRole('radio', { name: '5公斤箱装' });
    await expect(big.innerText()).resolves.toMatch(/¥72\.00[\s\S]*¥7\.20\/斤[\s\S]*¥14\.40\/kg/);
    await expect(buyer.locator('.product__photo img, img.product__photo').first().getAttribute('src')).resolves.toMatch(/\/api\/v1\/files\/[a-f0-9]{64}/);
    await screenshot(buyer, 'buyer-product');

    await buyer.locator('.product__shop').tap();
    await buyer.waitForURL(/\/pages\/shop\/index\?id=/);
    await buyer.locator('.shop__header', { hasText: '克东王家合作社' }).waitFor();
    await buyer.locator('.product-tile', { hasText: '¥38.00起' }).waitFor();
    await screenshot(buyer, 'buyer-shop');

    await open(buyer, '/');
    await buyer.locator('.shop-card', { hasText: '克东王家合作社' }).waitFor();
    await screenshot(buyer, 'buyer-home');
    expect(problems).toEqual([]);
    await buyerContext.close();
  });
});
