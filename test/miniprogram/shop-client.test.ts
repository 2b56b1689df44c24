// The client's shop and product methods against a scripted Taro: paths from the contract,
// public calls without a token, seller calls with one, uploads with progress, posters, retries.
import { createClient } from '../../miniprogram/src/services/client';
import { ApiError, apiError } from '../../miniprogram/src/services/http';
import { saveSession } from '../../miniprogram/src/services/session';
import { createPhotoUpload } from '../../miniprogram/src/services/upload';
import { setLocale } from '../../miniprogram/src/i18n';
import { resetTaro, taro } from './stubs/taro';
import { myShop, photo } from './fixtures';

const BASE = 'https://api.test';
const later = '2099-01-01T00:00:00.000Z';
const ok = (data: unknown, statusCode = 200) => Promise.resolve({ statusCode, data, header: {} });

interface Call {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
}
const calls = (): Call[] => taro.request.mock.calls.map(([options]) => options as Call);

function client() {
  return createClient({ baseUrl: BASE, weChatLoginCode: async () => 'code-1' });
}

beforeEach(() => {
  resetTaro();
  setLocale('zh-CN');
  saveSession({ token: 'tok', expiresAt: later, userId: 'u1' });
});

test('public catalogue calls go without a token, with their query', async () => {
  taro.request.mockImplementation(() => ok({ items: [], page: 2, pageSize: 20, total: 0 }));
  const c = client();
  await c.shopProducts('shop1', { category: 'grain', page: 2, pageSize: 20 });
  await c.shops({ page: 3 });
  await c.product('p 1');
  await c.scene('k3xQ');
  expect(calls().map((call) => `${call.method} ${call.url}`)).toEqual([
    `GET ${BASE}/api/v1/shops/shop1/products?category=grain&page=2&pageSize=20`,
    `GET ${BASE}/api/v1/shops?page=3`,
    `GET ${BASE}/api/v1/products/p%201`,
    `GET ${BASE}/api/v1/scenes/k3xQ`,
  ]);
  for (const call of calls()) expect(call.header.Authorization).toBeUndefined();
});

test('regions: provinces, then children of a code; each list asked for once', async () => {
  taro.request.mockImplementation((options: Call) =>
    ok({ items: options.url.endsWith('parent=230000') ? [{ code: '230200', name: '齐齐哈尔市' }] : [{ code: '230000', name: '黑龙江省' }] }),
  );
  const c = client();
  await expect(c.regions()).resolves.toEqual([{ code: '230000', name: '黑龙江省' }]);
  await expect(c.regions('230000')).resolves.toEqual([{ code: '230200', name: '齐齐哈尔市' }]);
  await c.regions('230000');
  expect(calls().map((call) => call.url)).toEqual([`${BASE}/api/v1/regions`, `${BASE}/api/v1/regions?parent=230000`]);
});

test('a failed region list is asked for again next time', async () => {
  taro.request
    .mockImplementationOnce(() => Promise.reject({ errMsg: 'request:fail' }))
    .mockImplementationOnce(() => Promise.reject({ errMsg: 'request:fail' }))
    .mockImplementation(() => ok({ items: [] }));
  const c = client();
  await expect(c.regions()).rejects.toMatchObject({ code: 'NETWORK' });
  await expect(c.regions()).resolves.toEqual([]);
});

test('my shop: null when the server has none (404)', async () => {
  taro.request.mockImplementationOnce(() => ok({ error: { code: 'NOT_FOUND', message: 'no shop' } }, 404));
  await expect(client().myShop()).resolves.toBeNull();
  taro.request.mockImplementationOnce(() => ok(myShop));
  await expect(client().myShop()).resolves.toEqual(myShop);
  expect(calls()[0]).toMatchObject({ method: 'GET', url: `${BASE}/api/v1/me/shop`, header: { Authorization: 'Bearer tok' } });
});

test('seller calls: methods, paths and bodies', async () => {
  taro.request.mockImplementation(() => ok({ counts: {} }));
  const c = client();
  await c.openShop({ name: '店', phone: '13800138000', regionCode: '230230' });
  await c.updateShop('s1', { intro: '新', version: 2 });
  await c.pauseShop('s1');
  await c.reopenShop('s1');
  await c.listings('s1', { status: 'draft', page: 2 });
  await c.createListing('s1', { title: 't', category: 'grain', stockMode: 'per_variant', variants: [{ name: 'a', priceFen: 1, netWeightGrams: 1 }] });
  await c.listing('p1');
  await c.updateListing('p1', { title: 'u', version: 3 });
  await c.publishListing('p1', 4);
  await c.unpublishListing('p1', 5);
  taro.request.mockImplementationOnce(() => ok('', 204));
  await c.deleteListing('p1');
  await c.changeStock('p1', { variants: [{ variantId: 'a'.repeat(24), delta: -2 }] });
  expect(calls().map((call) => [call.method, call.url.slice(BASE.length), call.data])).toEqual([
    ['POST', '/api/v1/shops', { name: '店', phone: '13800138000', regionCode: '230230' }],
    ['PATCH', '/api/v1/shops/s1', { intro: '新', version: 2 }],
    ['POST', '/api/v1/shops/s1/pause', undefined],
    ['POST', '/api/v1/shops/s1/reopen', undefined],
    ['GET', '/api/v1/shops/s1/listings?status=draft&page=2', undefined],
    ['POST', '/api/v1/shops/s1/listings', { title: 't', category: 'grain', stockMode: 'per_variant', variants: [{ name: 'a', priceFen: 1, netWeightGrams: 1 }] }],
    ['GET', '/api/v1/listings/p1', undefined],
    ['PATCH', '/api/v1/listings/p1', { title: 'u', version: 3 }],
    ['POST', '/api/v1/listings/p1/publish', { version: 4 }],
    ['POST', '/api/v1/listings/p1/unpublish', { version: 5 }],
    ['DELETE', '/api/v1/listings/p1', undefined],
    ['POST', '/api/v1/listings/p1/stock', { variants: [{ variantId: 'a'.repeat(24), delta: -2 }] }],
  ]);
  for (const call of calls()) expect(call.header.Authorization).toBe('Bearer tok');
});

test('a version conflict reaches the editor as its own code and message', async () => {
  taro.request.mockImplementation(() => ok({ error: { code: 'VERSION_CONFLICT', message: 'stale' } }, 409));
  const error = await client().updateListing('p1', { title: 'x', version: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, message: '刚被别人改过了，请刷新后再改' });
});

test('photo upload: one file per call, field "file", progress reported', async () => {
  const progress: number[] = [];
  // Like Taro's upload promise: the task's progress listener rides on it.
  taro.uploadFile.mockImplementation(() => {
    let listener: (update: { progress: number }) => void = () => undefined;
    const done = new Promise((resolve) =>
      setTimeout(() => {
        listener({ progress: 35 });
        listener({ progress: 100 });
        resolve({ statusCode: 201, data: JSON.stringify(photo(1)) });
      }, 0),
    );
    return Object.assign(done, { progress: (cb: typeof listener) => (listener = cb) });
  });
  await expect(client().uploadPhoto('wxfile://a.jpg', (p) => progress.push(p))).resolves.toEqual(photo(1));
  expect(taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: `${BASE}/api/v1/photos`, filePath: 'wxfile://a.jpg', name: 'file', header: { Authorization: 'Bearer tok' } }));
  expect(progress).toEqual([35, 100]);
});

test('poster: downloaded with the token to a local file; a 404 reads as not found', async () => {
  taro.downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://poster.png' });
  await expect(client().downloadPoster('p1')).resolves.toBe('wxfile://poster.png');
  expect(taro.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: `${BASE}/api/v1/listings/p1/poster`, header: { Authorization: 'Bearer tok' } }));
  taro.downloadFile.mockResolvedValueOnce({ statusCode: 404, tempFilePath: '' });
  await expect(client().downloadPoster('p1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

describe('createPhotoUpload', () => {
  test('compresses first, and retries once when the network drops', async () => {
    const uploadPhoto = jest.fn().mockRejectedValueOnce(apiError('NETWORK')).mockResolvedValue(photo(2));
    const compress = jest.fn(async (path: string) => `${path}.small`);
    const upload = createPhotoUpload({ uploadPhoto, compress });
    await expect(upload('a.jpg')).resolves.toEqual(photo(2));
    expect(compress).toHaveBeenCalledTimes(1);
    expect(uploadPhoto).toHaveBeenCalledTimes(2);
    expect(uploadPhoto).toHaveBeenLastCalledWith('a.jpg.small', undefined);
  });

  test('a refused photo is not retried; a second network failure is left to the person', async () => {
    const refused = jest.fn().mockRejectedValue(apiError('PAYLOAD_TOO_LARGE', 413));
    await expect(createPhotoUpload({ uploadPhoto: refused, compress: async (p) => p })('a.jpg')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(refused).toHaveBeenCalledTimes(1);
    const offline = jest.fn().mockRejectedValue(apiError('TIMEOUT'));
    await expect(createPhotoUpload({ uploadPhoto: offline, compress: async (p) => p })('a.jpg')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(offline).toHaveBeenCalledTimes(2);
  });
});

test('the login remembers who is logged in, for share links', async () => {
  resetTaro();
  taro.request.mockImplementation((options: Call) =>
    options.url.endsWith('/auth/login')
      ? ok({ token: 'new', expiresAt: later, user: { id: 'u77', nickname: 'x', avatarUrl: null, roles: ['buyer'], createdAt: later } })
      : ok({ id: 'u77' }),
  );
  const { sessionUserId } = await import('../../miniprogram/src/services/session');
  await client().me();
  expect(sessionUserId()).toBe('u77');
});
