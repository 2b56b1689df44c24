// In Chromium, on the H5 build served by the real server: a person logs in as a test identity
// through the WeChat simulator, sees the Me page, changes the nickname and the avatar, and it sticks.
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { phoneContext, screenshot } from '../support/browser';
import { describeE2E, useE2EWorld } from '../support/e2e';


jest.setTimeout(600_000);

describeE2E('the Me page in the H5 build', () => {
  const world = useE2EWorld();
  const open = (page: Page, route: string) => world.open(page, route);

  it('shows every main page, logs in as a buyer, renames and changes the avatar', async () => {
    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));

    await open(page, '/');
    await page.getByText('小店正在上架').waitFor();
    await screenshot(page, 'home');

    await open(page, '/pages/orders/index');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'orders');

    await open(page, '/pages/me/index');
    await page.getByText('以买家身份登录').waitFor();
    await screenshot(page, 'me-logged-out');
    await page.getByText('以买家身份登录').tap();
    await page.getByText('退出登录').waitFor();
    await expect(page.getByText('买家', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'me-logged-in');

    const input = page.locator('input').first();
    await input.fill('黑木耳大王');
    await page.getByText('保存昵称').tap();
    await page.getByText('昵称已保存').waitFor();
    await page.locator('.me__nickname', { hasText: '黑木耳大王' }).waitFor();

    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('更换头像').tap();
    await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    await page.getByText('头像已更新').waitFor();
    const src = await page.locator('.me__avatar img, img.me__avatar, .me__avatar').first().evaluate((el) => (el.querySelector('img') ?? el).getAttribute('src'));
    expect(src).toMatch(/\/api\/v1\/files\/[a-f0-9]{64}$/);
    await screenshot(page, 'me-edited');

    // A reload keeps the session (token in storage) and shows what the server holds.
    await page.reload();
    await page.locator('.me__nickname', { hasText: '黑木耳大王' }).waitFor();

    await page.getByText('退出登录').tap();
    await page.getByText('以买家身份登录').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells a person plainly when the network is gone, and works again when it is back', async () => {
    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    await open(page, '/pages/me/index');
    await page.getByText('新用户登录').tap();
    await page.getByText('退出登录').waitFor();

    await context.setOffline(true);
    await page.locator('input').first().fill('断网时的名字');
    await page.getByText('保存昵称').tap();
    await page.getByRole('alert').filter({ hasText: '网络不好' }).waitFor();
    await screenshot(page, 'me-offline');

    await context.setOffline(false);
    await page.getByText('保存昵称').tap();
    await page.getByText('昵称已保存').waitFor();
    await page.locator('.me__nickname', { hasText: '断网时的名字' }).waitFor();
    await context.close();
  });

  it('renews a session the server ended, silently, as the same person', async () => {
    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    const storedToken = () =>
      page.evaluate(() => /"token":"([^"]+)"/.exec(window.localStorage.getItem('cunshop.session') ?? '')?.[1] ?? null);
    await open(page, '/pages/me/index');
    await page.getByText('以卖家身份登录').tap();
    await page.getByText('退出登录').waitFor();
    await page.locator('input').first().fill('续期测试合作社');
    await page.getByText('保存昵称').tap();
    await page.getByText('昵称已保存').waitFor();

    // The server ends the session behind the phone's back (as expiry or a revocation would).
    const oldToken = await storedToken();
    expect(oldToken).toBeTruthy();
    const revoked = await fetch(new URL('/api/v1/auth/logout', world.base), { method: 'POST', headers: { authorization: `Bearer ${oldToken}` } });
    expect(revoked.status).toBe(204);

    await page.reload();
    await page.locator('.me__nickname', { hasText: '续期测试合作社' }).waitFor();
    await expect(page.getByText('以卖家身份登录').count()).resolves.toBe(0);
    const newToken = await storedToken();
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    await context.close();
  });

  it('opens the seller subpackage page', async () => {
    const context = await phoneContext(world.browser);
    const page = await context.newPage();
    await open(page, '/subpackages/seller/pages/home/index');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('body').innerText()).resolves.toMatch(/卖家|seller/i);
    await screenshot(page, 'seller-home');
    await context.close();
  });

  it('speaks English to an English browser', async () => {
    const context = await phoneContext(world.browser, 'en-US');
    const page = await context.newPage();
    await open(page, '/pages/me/index');
    await page.getByText(/log in as a buyer/i).waitFor();
    await context.close();
  });
});
