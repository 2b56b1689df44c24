// The server hosts the H5 build: history-mode fallback, long-cached hashed assets, a CSP that
// allows exactly the page's own inline scripts, and API paths never swallowed by the fallback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startHarness, expectError, type Harness } from './harness';

let h: Harness;
let dist: string;
const inline = 'window.__boot = 1;';

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
  fs.mkdirSync(path.join(dist, 'js'));
  fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html><head><script>${inline}</script></head><body><div id="app"></div><script src="/js/app.0123abcd.js"></script></body></html>`);
  fs.writeFileSync(path.join(dist, 'js', 'app.0123abcd.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'favicon.ico'), 'x');
  h = await startHarness({ H5_DIST_DIR: dist }, { serveH5: true });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

it('serves index.html at / and at any app path (history router)', async () => {
  for (const p of ['/', '/pages/me/index', '/subpackages/seller/pages/home/index?x=1']) {
    const res = await h.api.get(p);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
    expect(res.headers['cache-control']).toBe('no-cache');
  }
});

it('allows exactly the inline scripts of index.html in the CSP', async () => {
  const res = await h.api.get('/');
  const hash = createHash('sha256').update(inline).digest('base64');
  expect(res.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
  expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
});

it('caches hashed assets for a year and plain files not at all', async () => {
  const js = await h.api.get('/js/app.0123abcd.js');
  expect(js.status).toBe(200);
  expect(js.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  const ico = await h.api.get('/favicon.ico');
  expect(ico.headers['cache-control']).toBe('no-cache');
});

it('answers a missing asset 404, and never serves files outside the build', async () => {
  expect((await h.api.get('/js/missing.abcdef12.js')).status).toBe(404);
  const escape = await h.api.get('/..%2f..%2fpackage.json');
  expect(escape.text ?? '').not.toContain('"dependencies"');
});

it('answers malformed or escaping paths with a 4xx, never a 5xx', async () => {
  for (const p of ['/%E0%A4%A', '/js/%ZZ.js', '/..%2f' + path.basename(dist) + '-x/secret.txt']) {
    const res = await h.api.get(p);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  }
  // A sibling folder whose name starts like the build folder's is still outside it.
  fs.mkdirSync(`${dist}-x`, { recursive: true });
  fs.writeFileSync(`${dist}-x/secret.txt`, 'FARM-GPS-31.2N');
  const sibling = await h.api.get(`/..%2f${path.basename(dist)}-x%2fsecret.txt`);
  expect(sibling.status).toBe(404);
  expect(sibling.text ?? '').not.toContain('FARM-GPS');
  fs.rmSync(`${dist}-x`, { recursive: true, force: true });
});

it('keeps API paths out of the fallback', async () => {
  expectError(await h.api.get('/api/v1/does-not-exist'), 404, 'NOT_FOUND');
});
