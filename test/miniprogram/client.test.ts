// The API client on a bad network and with expiring sessions, against a scripted Taro.request.
import { createClient } from '../../miniprogram/src/services/client';
import { ApiError } from '../../miniprogram/src/services/http';
import { loadSession, loadSimIdentity, saveSession } from '../../miniprogram/src/services/session';
import { setLocale } from '../../miniprogram/src/i18n';
import { resetTaro, taro } from './stubs/taro';
import { loadDraft, saveDraft } from '../../miniprogram/src/services/form-drafts';

interface Call {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
  timeout: number;
}

const BASE = 'https://api.test';
const user = { id: 'u1', nickname: '老王', avatarUrl: null, roles: ['buyer'], createdAt: '2026-11-28T00:00:00.000Z' };
const later = '2099-01-01T00:00:00.000Z';

const ok = (data: unknown, statusCode = 200) => Promise.resolve({ statusCode, data, header: {} });
const fail = (code: string, statusCode: number, message = 'server words') =>
  ok({ error: { code, message, requestId: 'req-1' } }, statusCode);
const networkDown = () => Promise.reject({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
const timedOut = () => Promise.reject({ errMsg: 'request:fail timeout' });

function calls(): Call[] {
  return taro.request.mock.calls.map(([options]) => options as Call);
}

/** A client as inside WeChat: wx.login hands out codes code-1, code-2…. */
function weappClient() {
  let issued = 0;
  taro.login.mockImplementation(() => Promise.resolve({ code: `code-${++issued}` }));
  return createClient({ baseUrl: BASE, weChatLoginCode: async () => (await taro.login()).code });
}

beforeEach(() => {
  resetTaro();
  setLocale('zh-CN');
});

describe('retries', () => {
  test('a GET that hits a network failure is tried once more', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementationOnce(networkDown).mockImplementationOnce(() => ok(user));
    await expect(weappClient().me()).resolves.toEqual(user);
    expect(calls()).toHaveLength(2);
  });

  test('a GET is retried only once, then a human message', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(networkDown);
    const error = await weappClient().me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NETWORK', message: '网络不好，请稍后再试', status: 0 });
    expect(calls()).toHaveLength(2);
  });

  test('a GET answered 503 by a gateway is retried once', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementationOnce(() => ok('<html>busy</html>', 503)).mockImplementationOnce(() => ok(user));
    await expect(weappClient().me()).resolves.toEqual(user);
    expect(calls()).toHaveLength(2);
  });

  test('a PATCH is never repeated: it may have happened on the server', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(timedOut);
    await expect(weappClient().updateMe({ nickname: '新名字' })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: '网络太慢了，请稍后再试',
    });
    expect(calls()).toHaveLength(1);
  });

  test('a POST with an Idempotency-Key (new product) is retried once with the same key; calls get different keys', async () => {
    saveSession({ token: 't1', expiresAt: later });
    const product = { id: 'p1' };
    taro.request.mockImplementationOnce(timedOut).mockImplementationOnce(() => ok(product, 201)).mockImplementationOnce(() => ok(product, 201));
    const client = weappClient();
    const request = { title: '小米', category: 'grain' as const, stockMode: 'bulk' as const, bulkStockGrams: 1000, variants: [{ name: '1kg', priceFen: 1000, netWeightGrams: 1000 }] };
    await expect(client.createListing('s1', request)).resolves.toEqual(product);
    await client.createListing('s1', request);
    const [first, retry, next] = calls().map((c) => c.header['Idempotency-Key']);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  test('a timeout of about ten seconds is asked for', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(() => ok(user));
    await weappClient().me();
    expect(calls()[0].timeout).toBe(10_000);
  });

  test('messages follow the language', async () => {
    setLocale('en');
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(networkDown);
    await expect(weappClient().me()).rejects.toMatchObject({ message: 'The network is weak; please try again later' });
  });
});

describe('error bodies', () => {
  test('an ErrorBody code becomes our message, keeping status and request id', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(() => fail('FORBIDDEN', 403));
    await expect(weappClient().me()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
      requestId: 'req-1',
      message: '你没有权限做这件事',
    });
    expect(calls()).toHaveLength(1);
  });

  test('a code this build does not know reads as "something went wrong"', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(() => fail('BRAND_NEW_CODE', 409));
    await expect(weappClient().me()).rejects.toMatchObject({ code: 'UNKNOWN', message: '出了点问题，请稍后再试' });
  });

  test('validation details reach the caller', async () => {
    saveSession({ token: 't1', expiresAt: later });
    const details = [{ path: 'nickname', message: 'too long', code: 'too_big' }];
    taro.request.mockImplementation(() => ok({ error: { code: 'VALIDATION_FAILED', message: 'bad', details } }, 400));
    await expect(weappClient().updateMe({ nickname: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details });
  });
});

describe('sessions', () => {
  test('requests carry the bearer token', async () => {
    saveSession({ token: 'tok-abc', expiresAt: later });
    taro.request.mockImplementation(() => ok(user));
    await weappClient().me();
    expect(calls()[0]).toMatchObject({ url: `${BASE}/api/v1/me`, method: 'GET' });
    expect(calls()[0].header.Authorization).toBe('Bearer tok-abc');
  });

  test('with no session, WeChat login happens first (login on demand)', async () => {
    taro.request.mockImplementation((options: Call) =>
      options.url.endsWith('/auth/login') ? ok({ token: 'fresh', expiresAt: later, user }) : ok(user),
    );
    await expect(weappClient().me()).resolves.toEqual(user);
    expect(calls().map((c) => c.url)).toEqual([`${BASE}/api/v1/auth/login`, `${BASE}/api/v1/me`]);
    expect(calls()[0].data).toEqual({ code: 'code-1' });
    expect(calls()[1].header.Authorization).toBe('Bearer fresh');
    expect(loadSession()?.token).toBe('fresh');
  });

  test('a login that fails on the network says so, instead of asking to log in', async () => {
    taro.request.mockImplementation(networkDown);
    await expect(weappClient().me()).rejects.toMatchObject({ code: 'NETWORK', message: '网络不好，请稍后再试' });
    expect(calls().map((c) => c.url)).toEqual([`${BASE}/api/v1/auth/login`]);
  });

  test('when wx.login itself fails, WeChat is named as the cause', async () => {
    const client = createClient({ baseUrl: BASE, weChatLoginCode: () => Promise.reject(new Error('login:fail')) });
    await expect(client.me()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
  });

  test('an expired stored session counts as none', () => {
    saveSession({ token: 'old', expiresAt: '2000-01-01T00:00:00.000Z' });
    expect(loadSession()).toBeNull();
  });

  test('a 401 SESSION_EXPIRED logs in again once and repeats the request', async () => {
    saveSession({ token: 'stale', expiresAt: later });
    taro.request.mockImplementation((options: Call) => {
      if (options.url.endsWith('/auth/login')) return ok({ token: 'renewed', expiresAt: later, user });
      return options.header.Authorization === 'Bearer renewed' ? ok(user) : fail('SESSION_EXPIRED', 401);
    });
    await expect(weappClient().me()).resolves.toEqual(user);
    expect(taro.login).toHaveBeenCalledTimes(1);
    expect(calls().map((c) => c.url.replace(BASE, ''))).toEqual(['/api/v1/me', '/api/v1/auth/login', '/api/v1/me']);
  });

  test('a second 401 after logging in again is not chased further', async () => {
    saveSession({ token: 'stale', expiresAt: later });
    taro.request.mockImplementation((options: Call) =>
      options.url.endsWith('/auth/login') ? ok({ token: 'renewed', expiresAt: later, user }) : fail('UNAUTHENTICATED', 401),
    );
    await expect(weappClient().me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: '请先登录' });
    expect(taro.login).toHaveBeenCalledTimes(1);
    expect(calls()).toHaveLength(3);
  });

  test('a 403 does not trigger a login', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.request.mockImplementation(() => fail('FORBIDDEN', 403));
    await expect(weappClient().me()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(taro.login).not.toHaveBeenCalled();
  });

  test('logout forgets the token and unsaved forms even when the network is down', async () => {
    saveSession({ token: 't1', expiresAt: later });
    saveDraft('shop:new:u1', { phone: '13800138000' }, null);
    taro.request.mockImplementation(networkDown);
    await weappClient().logout();
    expect(loadSession()).toBeNull();
    expect(loadDraft('shop:new:u1', (_d): _d is unknown => true)).toBeNull();
    expect(calls()).toHaveLength(1);
    expect(calls()[0]).toMatchObject({ method: 'POST', url: `${BASE}/api/v1/auth/logout` });
  });
});

describe('in the browser, through the WeChat simulator', () => {
  const simPath = '/wechat-sim/dev/login-code';

  function browserServer(options: Call) {
    const path = options.url.replace(BASE, '');
    if (path === '/api/v1/client-config') return ok({ simulatorLoginCodePath: simPath, apiVersion: 'v1' });
    if (path === simPath) return ok({ code: `sim-${(options.data as { identity: string }).identity}`, openid: 'o1' });
    if (path === '/api/v1/auth/login') return ok({ token: `tok-${(options.data as { code: string }).code}`, expiresAt: later, user });
    return options.header.Authorization ? ok(user) : fail('UNAUTHENTICATED', 401);
  }

  test('nobody is logged in until the person chooses an identity', async () => {
    taro.request.mockImplementation(browserServer);
    const client = createClient({ baseUrl: BASE });
    await expect(client.currentUser()).resolves.toBeNull();
    expect(calls()).toHaveLength(0);
  });

  test('loginAs asks the simulator for a code and logs in with it', async () => {
    taro.request.mockImplementation(browserServer);
    const client = createClient({ baseUrl: BASE });
    await expect(client.loginAs('seller')).resolves.toEqual(user);
    expect(calls().map((c) => [c.method, c.url.replace(BASE, ''), c.data])).toEqual([
      ['GET', '/api/v1/client-config', undefined],
      ['POST', simPath, { identity: 'seller' }],
      ['POST', '/api/v1/auth/login', { code: 'sim-seller' }],
    ]);
    expect(loadSession()?.token).toBe('tok-sim-seller');
    expect(loadSimIdentity()).toBe('seller');
  });

  test('an expired browser session is renewed as the same identity', async () => {
    saveSession({ token: 'stale', expiresAt: later });
    taro.request.mockImplementation(browserServer);
    const client = createClient({ baseUrl: BASE });
    await client.loginAs('buyer');
    saveSession({ token: 'stale', expiresAt: later });
    taro.request.mockImplementation((options: Call) =>
      options.header.Authorization === 'Bearer stale' ? fail('SESSION_EXPIRED', 401) : browserServer(options),
    );
    await expect(client.me()).resolves.toEqual(user);
    expect(calls().some((c) => (c.data as { identity?: string } | undefined)?.identity === 'buyer')).toBe(true);
  });

  test('without the simulator, login explains itself', async () => {
    taro.request.mockImplementation(() => ok({ simulatorLoginCodePath: null, apiVersion: 'v1' }));
    await expect(createClient({ baseUrl: BASE }).loginAs('buyer')).rejects.toMatchObject({ code: 'SIMULATOR_OFF' });
  });
});

describe('avatar upload', () => {
  test('sends the file as multipart field `file` with the token and reads the JSON answer', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.uploadFile.mockResolvedValue({ statusCode: 200, data: JSON.stringify({ ...user, avatarUrl: '/media/a.jpg' }) });
    const updated = await weappClient().uploadAvatar('wxfile://tmp/a.jpg');
    expect(updated.avatarUrl).toBe('/media/a.jpg');
    expect(taro.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${BASE}/api/v1/me/avatar`,
        filePath: 'wxfile://tmp/a.jpg',
        name: 'file',
        header: { Authorization: 'Bearer t1' },
      }),
    );
  });

  test('a too-large photo gets a message that says so', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.uploadFile.mockResolvedValue({ statusCode: 413, data: '' });
    await expect(weappClient().uploadAvatar('x')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });
});

describe('calls that never settle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('an upload stuck before sending (a blocked blob read in H5) still ends with a message', async () => {
    saveSession({ token: 't1', expiresAt: later });
    taro.uploadFile.mockReturnValue(new Promise(() => undefined));
    const outcome = createClient({ baseUrl: BASE }).uploadAvatar('blob:http://x/1').catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(62_000);
    await expect(outcome).resolves.toMatchObject({ code: 'TIMEOUT', message: '网络太慢了，请稍后再试' });
  });
});
