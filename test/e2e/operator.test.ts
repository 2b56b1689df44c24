// In Chromium, on the H5 build served by the real server with the demo shop: a platform operator
// (the simulator's buyer identity, listed in OPERATOR_OPENIDS) logs in, finds the Me page's way to
// the platform admin, searches for the demo shop and suspends it with a reason, and buyers' shop
// directory no longer lists it; then works the review queue: one flagged product cleared, one
// taken down with a reason. Screenshots: operator-shops, operator-review (and a few more).
import type { Page } from 'playwright-core';
import { API_PREFIX, SIMULATOR_LOGIN_CODE_PATH } from '../../contract/paths';
import type { ListingPage, ProductView } from '../../contract/products';
import type { ShopPage, ShopView } from '../../contract/shops';
import { phoneContext, screenshot } from '../support/browser';
import { describeE2E, useE2EWorld } from '../support/e2e';
import { field, answerYes } from '../support/h5-page';

jest.setTimeout(600_000);

const DEMO_SHOP = '沁县檀山杂粮专业合作社';

describeE2E('the platform admin in the H5 build', () => {
  const world = useE2EWorld({ OPERATOR_OPENIDS: 'sim_buyer_0001', DEMO_DATA: 'on' });
  const open = (page: Page, route: string) => world.open(page, route);

  async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(API_PREFIX + path, world.base), {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  }

  /** The demo seller edits two titles on sale with words WeChat's check flags for review (最好, 第一). */
  async function flagTwoDemoProducts(): Promise<string[]> {
    const issued = await fetch(new URL(SIMULATOR_LOGIN_CODE_PATH, world.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity: 'seller' }),
    });
    const { code } = (await issued.json()) as { code: string };
    const { token } = await api<{ token: string }>('POST', '/auth/login', undefined, { code });
    const shop = await api<ShopView>('GET', '/me/shop', token);
    const onSale = await api<ListingPage>('GET', `/shops/${shop.id}/listings?status=on_sale`, token);
    const titles: string[] = [];
    for (const [card, word] of [[onSale.items[0], '最好'], [onSale.items[1], '第一']] as const) {
      const edited = await api<ProductView>('PATCH', `/listings/${card.id}`, token, { title: `${word}的${card.title}`.slice(0, 60), version: card.version });
      expect(edited.review.state).toBe('flagged');
      titles.push(edited.title);
    }
    return titles;
  }

  it('suspends the demo shop with a reason, and clears and takes down flagged products', async () => {
    const [clearTitle, takeDownTitle] = await flagTwoDemoProducts();
    const directory = async () => (await api<ShopPage>('GET', '/shops')).items.map((shop) => shop.name);
    await expect(directory()).resolves.toContain(DEMO_SHOP);

    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));

    await open(page, '/pages/me/index');
    await page.getByText('以买家身份登录').tap();
    await page.getByText('退出登录').waitFor();
    await page.getByText('平台管理员', { exact: true }).waitFor();
    await page.getByText('运营后台', { exact: true }).tap();

    // ——— Shops ———
    await page.locator('.admin-shop', { hasText: DEMO_SHOP }).waitFor();
    await field(page, '搜索店名').fill('檀山');
    await page.getByText('搜索', { exact: true }).tap();
    await page.getByText('共 1 家小店').waitFor();
    await page.locator('.admin-shop', { hasText: DEMO_SHOP }).tap();

    // An empty reason is refused on the phone.
    await page.getByText('暂停这家店').tap();
    await page.getByText('请写明原因').waitFor();
    await field(page, '原因（店主会看到）').fill('产品标签写的产地和实际不符，请到县电商中心说明');
    await screenshot(page, 'operator-shop-suspend');
    await page.getByText('暂停这家店').tap();
    await answerYes(page);
    await page.getByText(`已暂停“${DEMO_SHOP}”`).waitFor();
    await page.locator('.admin-shop', { hasText: '被暂停：产品标签写的产地和实际不符' }).waitFor();
    await screenshot(page, 'operator-shops');

    // Buyers' directory no longer lists it; the 已暂停 tab does.
    await expect(directory()).resolves.not.toContain(DEMO_SHOP);
    await page.getByRole('tab', { name: '已暂停' }).tap();
    await page.locator('.admin-shop', { hasText: DEMO_SHOP }).waitFor();

    // ——— Review queue ———
    await page.getByText('商品审核', { exact: true }).tap();
    await page.locator('.review-row', { hasText: clearTitle }).waitFor();
    await page.locator('.review-row', { hasText: takeDownTitle }).waitFor();
    await screenshot(page, 'operator-review');

    await page.locator('.review-row', { hasText: clearTitle }).tap();
    await page.getByText(/微信内容检查认为可能涉及广告/).waitFor();
    await page.locator('img.review-detail__photo, .review-detail__photo img').first().waitFor();
    await screenshot(page, 'operator-review-product');
    await page.getByText('通过', { exact: true }).tap();
    await page.getByText(`已通过：“${clearTitle}”照常在售`).waitFor();
    await expect(page.locator('.review-row', { hasText: clearTitle }).count()).resolves.toBe(0);

    await page.locator('.review-row', { hasText: takeDownTitle }).tap();
    await page.getByText('下架', { exact: true }).tap();
    await field(page, '原因（店主会看到）').fill('标题用了“第一”，广告法不允许');
    await page.getByText('确认下架').tap();
    await answerYes(page);
    await page.getByText(`已下架“${takeDownTitle}”`).waitFor();
    await page.getByText('没有待审核的商品').waitFor();
    await page.getByRole('tab', { name: '已下架' }).tap();
    await page.locator('.review-row', { hasText: takeDownTitle }).filter({ hasText: '原因：标题用了“第一”' }).waitFor();
    await screenshot(page, 'operator-review-taken-down');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('a buyer who is not an operator is told so plainly', async () => {
    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    await open(page, '/pages/me/index');
    await page.getByText('以卖家身份登录').tap();
    await page.getByText('退出登录').waitFor();
    await expect(page.getByText('运营后台', { exact: true }).count()).resolves.toBe(0);
    await open(page, '/subpackages/operator/pages/shops/index');
    await page.getByText('只有平台管理员能用这里').waitFor();
    await context.close();
  });
});
