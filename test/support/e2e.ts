// What every E2E file needs: the H5 build, the real server on a fresh data folder, and Chromium.
// E2E suites skip, saying why, only when no Chromium is installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, launchChromium, phoneContext } from './browser';
import { startServerProcess, killLeftoverServers, type ServerProcess } from './server-process';
import { ensureBuilt, outputDir } from '../../scripts/ensure-built';

const chromium = chromiumPath();
if (!chromium) console.warn('E2E SKIPPED: no Chromium at /usr/bin/chromium (apt-get install -y chromium)');
export const describeE2E = chromium ? describe : describe.skip;

export interface E2EWorld {
  server: ServerProcess;
  browser: Browser;
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  base: string;
  /** Opens an app route (e.g. `/pages/me/index`) on the page. */
  open(page: Page, route: string): Promise<unknown>;
  /**
   * A phone of its own (a browser context), logged in through the Me page as the simulator's
   * seller or buyer; `problems` collects the page's uncaught errors. Closed after each test.
   */
  phoneAs(who: 'seller' | 'buyer'): Promise<Phone>;
}

export interface Phone {
  page: Page;
  problems: string[];
}

/**
 * Registers beforeAll/afterAll that build the H5 app if stale, start the server (no demo shop)
 * and Chromium, and clean up; the returned object is filled in once beforeAll has run.
 */
export function useE2EWorld(env: Record<string, string> = {}): E2EWorld {
  const world = {} as E2EWorld;
  let dataDir = '';
  const phones: BrowserContext[] = [];
  beforeAll(async () => {
    ensureBuilt('h5', () => undefined, { quiet: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunshop-e2e-'));
    world.server = startServerProcess({ DATA_DIR: dataDir, H5_DIST_DIR: outputDir('h5'), LOG_LEVEL: 'warn', ...env });
    world.base = await world.server.url;
    world.browser = await launchChromium();
    world.open = (page, route) => page.goto(new URL(route, world.base).toString());
    world.phoneAs = async (who) => {
      const context = await phoneContext(world.browser);
      phones.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await world.open(page, '/pages/me/index');
      await page.getByText(who === 'seller' ? '以卖家身份登录' : '以买家身份登录').tap();
      await page.getByText('退出登录').waitFor();
      return { page, problems };
    };
  });
  afterEach(async () => {
    for (const context of phones.splice(0)) await context.close();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.stop();
    killLeftoverServers();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return world;
}
