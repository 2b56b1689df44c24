/**
 * The WeChat bundle as WeChat would see it: built (when stale), every page complete, the project
 * file present, the WXML and WXSS accepted by WeChat's own compilers, and the main package small.
 * @jest-environment jsdom
 */
// jsdom because the code WeChat's compilers emit expects a browser window (as in their own tests).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';
import { ensureBuilt } from '../../scripts/ensure-built';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist/weapp');
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
const COMPILER_BUFFER = 64 * 1024 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { iconPath?: string; selectedIconPath?: string }[] };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

let app: AppJson;
let allPages: string[];
let subpackageRoots: string[];

beforeAll(() => {
  // The same freshness rule as `npm start` (a hash of the sources, kept beside the output).
  ensureBuilt('weapp', (line) => console.log(line), { quiet: true });
  app = readJson<AppJson>(path.join(DIST, 'app.json'));
  const subPackages = app.subPackages ?? app.subpackages ?? [];
  subpackageRoots = subPackages.map((pkg) => pkg.root.replace(/\/$/, ''));
  allPages = [...app.pages, ...subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`))];
}, 600_000);

test('app.json lists the tab pages, the buyer pages and the seller and operator subpackages', () => {
  expect(app.pages).toEqual(
    expect.arrayContaining(['pages/index/index', 'pages/orders/index', 'pages/me/index', 'pages/shop/index', 'pages/product/index']),
  );
  // Seller pages only in the subpackage: a buyer opening a shared product never downloads them.
  for (const page of ['home', 'shop', 'products', 'editor', 'poster']) {
    expect(allPages).toContain(`subpackages/seller/pages/${page}/index`);
    expect(app.pages).not.toContain(`subpackages/seller/pages/${page}/index`);
  }
  // The platform's admin pages likewise: only operators ever download them.
  for (const page of ['shops', 'review']) {
    expect(allPages).toContain(`subpackages/operator/pages/${page}/index`);
    expect(app.pages).not.toContain(`subpackages/operator/pages/${page}/index`);
  }
});

test('product and shop pages can be shared to chats and to Moments', () => {
  // Taro moves these page-config switches into the page's code, where they add WeChat's share handlers.
  for (const page of ['pages/product/index', 'pages/shop/index']) {
    const code = readFileSync(path.join(DIST, `${page}.js`), 'utf8');
    expect(code).toMatch(/enableShareAppMessage:(!0|true)/);
    expect(code).toMatch(/enableShareTimeline:(!0|true)/);
  }
});

test('every page, subpackages included, has its .js, .json and .wxml', () => {
  const missing = allPages.flatMap((page) =>
    ['.js', '.json', '.wxml'].map((ext) => `${page}${ext}`).filter((file) => !existsSync(path.join(DIST, file))),
  );
  expect(missing).toEqual([]);
});

test('tab bar icons are in the bundle', () => {
  const icons = (app.tabBar?.list ?? []).flatMap((item) => [item.iconPath, item.selectedIconPath]).filter(Boolean);
  expect(icons.length).toBe(6);
  for (const icon of icons) expect(existsSync(path.join(DIST, icon as string))).toBe(true);
});

test('project.config.json is there for WeChat DevTools', () => {
  const project = readJson<{ appid: string; miniprogramRoot: string; compileType: string }>(path.join(DIST, 'project.config.json'));
  expect(project.appid).toMatch(/^(touristappid|wx[0-9a-f]{16})$/);
  expect(project.miniprogramRoot).toBe('./');
  expect(project.compileType).toBe('miniprogram');
});

describe("WeChat's compilers (miniprogram-compiler)", () => {
  test('wcc compiles all WXML, and every page renders a node tree', () => {
    const compiled = wxmlToJs(DIST, { maxBuffer: COMPILER_BUFFER });
    const gwx = new Function('global', compiled)({}) as (file: string) => ((data: unknown, a: unknown, b: unknown) => { tag: string; children: unknown[] }) | undefined;
    for (const page of allPages) {
      const render = gwx(`${page}.wxml`);
      expect(typeof render).toBe('function');
      // One Taro <view> (template alias 0) holding a text node, as the runtime would send it.
      const tree = render!({ root: { cn: [{ nn: '0', sid: 'n1', cl: 'card', cn: [] }] } }, {}, {});
      expect(tree.tag).toBe('wx-page');
      expect(JSON.stringify(tree)).toContain('"class":"card"');
    }
  });

  test('wcsc compiles all WXSS, and the styles it emits carry our rules with rpx turned into px', () => {
    const compiled = wxssToJs(DIST, { maxBuffer: COMPILER_BUFFER });
    const styleFor = new Function('global', compiled)({}) as (file: string) => (() => void) | undefined;
    const pageStyles = allPages.map((page) => `${page}.wxss`).filter((file) => existsSync(path.join(DIST, file)));
    expect(pageStyles).toContain('pages/me/index.wxss');
    for (const file of ['app.wxss', ...pageStyles]) expect(typeof styleFor(file)).toBe('function');

    expect(pageStyles).toEqual(expect.arrayContaining(['pages/product/index.wxss', 'subpackages/seller/pages/editor/index.wxss']));
    styleFor('app.wxss')!();
    styleFor('pages/me/index.wxss')!();
    styleFor('pages/product/index.wxss')!();
    const css = Array.from(document.head.querySelectorAll('style'), (style) => style.textContent).join('\n');
    expect(css).toContain('.big-button');
    expect(css).toContain('.me__avatar');
    expect(css).toContain('.variant__unit');
    // The bottom bar's buttons keep the 48px (96rpx) touch target too.
    expect(css).toMatch(/\.big-button\{[^}]*min-height:48px/);
    // 96rpx on the 375-wide screen WeChat's code assumes without one: a 48px touch target.
    expect(css).toMatch(/\.me__nickname-input\{[^}]*height:48px/);
  });

  test('they do reject broken files (so acceptance above means something)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cunshop-wx-'));
    try {
      writeFileSync(path.join(dir, 'bad.wxml'), '<view><text>unclosed</view>');
      expect(() => wxmlToJs(dir)).toThrow();
      rmSync(path.join(dir, 'bad.wxml'));
      writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red; ');
      expect(() => wxssToJs(dir)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the main package stays under 2 MB and seller and operator code stays in their subpackages', () => {
  const files = filesUnder(DIST).map((file) => path.relative(DIST, file));
  const inSubpackage = (file: string) => subpackageRoots.some((root) => file.startsWith(`${root}/`));
  const size = (list: string[]) => list.reduce((sum, file) => sum + statSync(path.join(DIST, file)).size, 0);
  const mainBytes = size(files.filter((file) => !inSubpackage(file)));
  const subBytes = size(files.filter(inSubpackage));
  console.log(`weapp main package: ${(mainBytes / 1024).toFixed(1)} KiB; subpackages: ${(subBytes / 1024).toFixed(1)} KiB`);
  expect(mainBytes).toBeLessThan(MAIN_PACKAGE_LIMIT);
  expect(files.filter(inSubpackage)).toEqual(
    expect.arrayContaining([
      ...['home', 'shop', 'products', 'editor', 'poster'].map((page) => `subpackages/seller/pages/${page}/index.js`),
      ...['shops', 'review'].map((page) => `subpackages/operator/pages/${page}/index.js`),
    ]),
  );
  // A subpackage may only require its own files and the main package's: shared seller pieces the
  // operator pages use are copied into each subpackage (Taro's sub-common), never required across.
  for (const root of subpackageRoots) {
    const others = subpackageRoots.filter((other) => other !== root);
    for (const file of files.filter((f) => f.startsWith(`${root}/`) && f.endsWith('.js'))) {
      const code = readFileSync(path.join(DIST, file), 'utf8');
      for (const other of others) expect(code).not.toMatch(new RegExp(`require\\([^)]*${other.split('/').pop()}/`));
    }
  }
});
