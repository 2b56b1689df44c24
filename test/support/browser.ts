// Debian's Chromium driven by playwright-core, as a phone: 390×844, touch, zh-CN. Never downloads
// a browser. Tests call chromiumPath() first and skip, saying why, when none is installed.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './server-process';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    // Without the background-networking flags Chromium tries Google's hosts, which this network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function phoneContext(browser: Browser, locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true, // Taro's H5 buttons fire on touch
    locale,
  });
}

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Taro's H5 router slides a new page in; a shot taken mid-slide shows it half off screen.
  await page
    .waitForFunction(() => [...document.querySelectorAll('.taro_page')].every((el) => Math.abs(el.getBoundingClientRect().left) < 1 || getComputedStyle(el).display === 'none'), undefined, { timeout: 3_000 })
    .catch(() => undefined);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
