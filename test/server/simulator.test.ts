// The WeChat simulator answers like WeChat: same parameters, same errcodes.
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const code2Session = (q: Record<string, string>) => fetch(`${h.simulatorUrl}/sns/jscode2session?${new URLSearchParams(q)}`).then((r) => r.json());
const stableToken = (body: object) =>
  fetch(`${h.simulatorUrl}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());

it('checks appid, secret and grant_type on code2Session', async () => {
  const code = await h.loginCode({ identity: 'seller' });
  const base = { appid: h.config.wechat.appid, secret: h.config.wechat.secret, js_code: code, grant_type: 'authorization_code' };
  expect((await code2Session({ ...base, appid: 'wx_wrong' })).errcode).toBe(40013);
  expect((await code2Session({ ...base, secret: 'wrong' })).errcode).toBe(40125);
  expect((await code2Session({ ...base, grant_type: 'password' })).errcode).toBe(40002);
  const ok = await code2Session(base);
  expect(ok).toEqual({ openid: 'sim_seller_0001', session_key: expect.any(String), unionid: expect.any(String) });
  expect((await code2Session(base)).errcode).toBe(40163);
});

it('expires codes after five minutes', async () => {
  const code = await h.loginCode({ identity: 'buyer' });
  h.simulator.state.codes.get(code)!.issuedAt -= 5 * 60_000 + 1;
  const r = await code2Session({ appid: h.config.wechat.appid, secret: h.config.wechat.secret, js_code: code, grant_type: 'authorization_code' });
  expect(r.errcode).toBe(40029);
});

it('gives a new user a new openid every time', async () => {
  const a = await fetch(`${h.simulatorUrl}/dev/login-code`, { method: 'POST', body: JSON.stringify({ identity: 'new' }) }).then((r) => r.json());
  const b = await fetch(`${h.simulatorUrl}/dev/login-code`, { method: 'POST', body: JSON.stringify({ identity: 'new' }) }).then((r) => r.json());
  expect(a.openid).not.toBe(b.openid);
  const bad = await fetch(`${h.simulatorUrl}/dev/login-code`, { method: 'POST', body: JSON.stringify({ identity: 'admin' }) });
  expect(bad.status).toBe(400);
});

it('keeps the stable token in normal mode and replaces it in force-refresh mode', async () => {
  const creds = { grant_type: 'client_credential', appid: h.config.wechat.appid, secret: h.config.wechat.secret };
  const a = await stableToken(creds);
  const b = await stableToken(creds);
  expect(b.access_token).toBe(a.access_token);
  expect(a.expires_in).toBeGreaterThan(7000);
  const c = await stableToken({ ...creds, force_refresh: true });
  expect(c.access_token).not.toBe(a.access_token);
  expect((await stableToken({ ...creds, secret: 'nope' })).errcode).toBe(40125);
  expect((await stableToken({ ...creds, grant_type: 'x' })).errcode).toBe(40002);
});

it('limits force refreshes to 20 a day (45009)', async () => {
  const creds = { grant_type: 'client_credential', appid: h.config.wechat.appid, secret: h.config.wechat.secret, force_refresh: true };
  let last: { errcode?: number } = {};
  for (let i = 0; i < 21; i += 1) last = await stableToken(creds);
  expect(last.errcode).toBe(45009);
});
