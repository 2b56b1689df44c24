// The stable access token against the simulator: cached, one refresh at a time, retried once when rejected.
import { startHarness, type Harness } from './harness';
import { WeChatApiError } from '../../server/src/wechat/http';
import { checkAccessToken } from '../../server/src/wechat/simulator';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('fetches once and reuses the token, even for concurrent callers', async () => {
  const cache = h.boot.services.wechat.accessToken;
  const before = h.simulator.state.tokens.size;
  const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
  expect(new Set(tokens).size).toBe(1);
  expect(await cache.get()).toBe(tokens[0]);
  expect(h.simulator.state.tokens.size).toBe(before + 1);
  expect(checkAccessToken(h.simulator.state, tokens[0])).toBeNull();
});

it('force-refreshes once and retries when WeChat says the token is invalid (40001) or expired (42001)', async () => {
  const cache = h.boot.services.wechat.accessToken;
  const first = await cache.get();
  // Simulate WeChat rejecting the token: another server force-refreshed it away.
  await fetch(`${h.simulatorUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: h.config.wechat.appid, secret: h.config.wechat.secret, force_refresh: true }),
  });
  expect(checkAccessToken(h.simulator.state, first)?.errcode).toBe(40001);
  const seen: string[] = [];
  const result = await cache.withToken(async (token) => {
    seen.push(token);
    const problem = checkAccessToken(h.simulator.state, token);
    if (problem) throw new WeChatApiError('test', problem.errcode, problem.errmsg);
    return 'ok';
  });
  expect(result).toBe('ok');
  expect(seen).toHaveLength(2);
  expect(seen[1]).not.toBe(first);
});

it('does not retry forever: a second rejection is thrown', async () => {
  const cache = h.boot.services.wechat.accessToken;
  let calls = 0;
  await expect(
    cache.withToken(async () => {
      calls += 1;
      throw new WeChatApiError('test', 42001, 'access_token expired');
    }),
  ).rejects.toBeInstanceOf(WeChatApiError);
  expect(calls).toBe(2);
});
