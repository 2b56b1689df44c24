// Mini-program codes: our client for POST /wxa/getwxacodeunlimit, and the simulator's stand-in,
// which answers a real QR code PNG and refuses bad requests with WeChat's errcodes.
import sharp from 'sharp';
import { startHarness, type Harness } from './harness';
import { readQr } from './images';
import { getUnlimitedWxaCode } from '../../server/src/wechat/wxacode';
import { parseSimulatedWxaCode } from '../../server/src/wechat/simulator/wxacode';
import { AppError } from '../../server/src/errors';
import { pages } from '../../contract/paths';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const client = () => h.boot.services.wechat;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Calls the simulator directly, as WeChat would be called. */
async function rawCall(body: unknown, token?: string) {
  const t = token ?? (await client().accessToken.get());
  const res = await fetch(`${h.simulatorUrl}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(t)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, json: type.startsWith('application/json') ? ((await res.json()) as { errcode: number; errmsg: string }) : null, bytes: type.startsWith('image/') ? Buffer.from(await res.arrayBuffer()) : null };
}

it('gets a PNG code that scans to the page and scene', async () => {
  const before = h.simulator.state.wxacodes.issued;
  const code = await getUnlimitedWxaCode(client(), { scene: 'a1B2c3D4e5', page: pages.product });
  expect(code.contentType).toBe('image/png');
  const meta = await sharp(code.bytes).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 430, 430]);
  const text = await readQr(code.bytes);
  expect(parseSimulatedWxaCode(text!)).toEqual({ page: pages.product, scene: 'a1B2c3D4e5', envVersion: 'release' });
  expect(h.simulator.state.wxacodes.issued).toBe(before + 1);
});

it("accepts every character of WeChat's scene set, a width, an env version and a transparent background", async () => {
  const scene = "!#$&'()*+,/:;=?@-._~Az09";
  const code = await getUnlimitedWxaCode(client(), { scene, page: pages.shop, width: 280, envVersion: 'trial', isHyaline: true });
  const meta = await sharp(code.bytes).metadata();
  expect([meta.width, meta.hasAlpha]).toEqual([280, true]);
  expect(parseSimulatedWxaCode((await readQr(code.bytes))!)).toEqual({ page: pages.shop, scene, envVersion: 'trial' });
});

it('checks scene, page and width before calling WeChat, naming the field', async () => {
  const before = h.simulator.state.wxacodes.issued;
  const cases: [Parameters<typeof getUnlimitedWxaCode>[1], string][] = [
    [{ scene: 'x'.repeat(33), page: pages.product }, 'scene'],
    [{ scene: '', page: pages.product }, 'scene'],
    [{ scene: '商品42', page: pages.product }, 'scene'],
    [{ scene: 'id%3D42', page: pages.product }, 'scene'],
    [{ scene: 'ok', page: `/${pages.product}` }, 'page'],
    [{ scene: 'ok', page: `${pages.product}?id=1` }, 'page'],
    [{ scene: 'ok', page: pages.product, width: 100 }, 'width'],
  ];
  for (const [req, field] of cases) {
    const err = await rejection(getUnlimitedWxaCode(client(), req));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect((err.details as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([field]);
  }
  expect(h.simulator.state.wxacodes.issued).toBe(before);
});

describe('the simulator refuses like WeChat, with JSON errcodes', () => {
  it.each([
    ['a scene over 32 characters', { scene: 'x'.repeat(33), page: pages.product }, 40169],
    ['no scene', { page: pages.product }, 40169],
    ['a scene with characters outside the set', { scene: 'a%20b', page: pages.product }, 40129],
    ['a page with a leading slash', { scene: 'ok', page: `/${pages.product}` }, 41030],
    ['a page the app does not have', { scene: 'ok', page: 'pages/nope/index' }, 41030],
    ['a width under 280', { scene: 'ok', page: pages.product, width: 100 }, 40097],
    ['an unknown env_version', { scene: 'ok', page: pages.product, env_version: 'beta' }, 40097],
    ['a body that is not JSON', 'scene=ok', 47001],
  ])('%s', async (_, body, errcode) => {
    const r = await rawCall(body);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.json?.errcode).toBe(errcode);
  });

  it('checks the access token (40001) and answers an unknown page when check_path is false', async () => {
    const bad = await rawCall({ scene: 'ok', page: pages.product }, 'not-a-token');
    expect(bad.json?.errcode).toBe(40001);
    const unchecked = await rawCall({ scene: 'ok', page: 'pages/draft/index', check_path: false, env_version: 'develop' });
    expect(unchecked.type).toBe('image/png');
    expect(parseSimulatedWxaCode((await readQr(unchecked.bytes!))!)).toMatchObject({ page: 'pages/draft/index', envVersion: 'develop' });
  });
});

describe('WeChat failures become clear errors', () => {
  const failNext = (errcode: number) =>
    fetch(`${h.simulatorUrl}/dev/fail-next-wxacode`, { method: 'POST', body: JSON.stringify({ errcode }) }).then((r) => expect(r.status).toBe(204));

  it('an unpublished page is WECHAT_UNAVAILABLE naming 41030', async () => {
    const err = await rejection(getUnlimitedWxaCode(client(), { scene: 'ok', page: 'pages/unpublished/index' }));
    expect(err.code).toBe('WECHAT_UNAVAILABLE');
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/published/);
    expect(err.details).toMatchObject({ errcode: 41030 });
  });

  it('the minute quota (45009) is WECHAT_RATE_LIMITED and "busy" (-1) is WECHAT_BUSY', async () => {
    await failNext(45009);
    expect((await rejection(getUnlimitedWxaCode(client(), { scene: 'ok', page: pages.product }))).code).toBe('WECHAT_RATE_LIMITED');
    await failNext(-1);
    expect((await rejection(getUnlimitedWxaCode(client(), { scene: 'ok', page: pages.product }))).code).toBe('WECHAT_BUSY');
  });

  it('an expired (42001) or revoked (40001) access token is refreshed once and the call retried', async () => {
    await client().accessToken.get();
    await fetch(`${h.simulatorUrl}/dev/expire-access-token`, { method: 'POST' });
    expect((await getUnlimitedWxaCode(client(), { scene: 'after42001', page: pages.product })).contentType).toBe('image/png');
    h.simulator.state.tokens.clear();
    expect((await getUnlimitedWxaCode(client(), { scene: 'after40001', page: pages.product })).contentType).toBe('image/png');
  });

  it('JSON without an errcode, or an error page, is never mistaken for an image', async () => {
    const { WeChatHttp } = await import('../../server/src/wechat/http');
    const fake = (body: string, type: string, status = 200) =>
      new WeChatHttp({ baseUrl: () => 'http://wechat.invalid/', fetchImpl: (async () => new Response(body, { status, headers: { 'content-type': type } })) as typeof fetch });
    const call = (http: InstanceType<typeof WeChatHttp>) => rejection(http.callBinary('/wxa/getwxacodeunlimit', { method: 'POST', body: {} }));
    expect((await call(fake('{}', 'application/json; charset=utf-8'))).code).toBe('WECHAT_UNAVAILABLE');
    expect((await call(fake('<html>bad gateway</html>', 'text/html', 502))).code).toBe('WECHAT_UNAVAILABLE');
  });
});
