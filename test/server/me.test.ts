// The logged-in person's profile: nickname and avatar.
import sharp from 'sharp';
import { startHarness, bearer, expectError, fieldPaths, type Harness } from './harness';
import { pngBomb } from './images';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ UPLOAD_LIMIT_MB: '1' });
});
afterAll(() => h.close());

it('shows and renames the logged-in user', async () => {
  const { token, user } = await h.login();
  const me = await h.api.get('/api/v1/me').set(bearer(token));
  expect(me.body).toEqual(user);
  const renamed = await h.api.patch('/api/v1/me').set(bearer(token)).send({ nickname: '  王家小米合作社 ' });
  expect(renamed.status).toBe(200);
  expect(renamed.body.nickname).toBe('王家小米合作社');
  expect((await h.api.get('/api/v1/me').set(bearer(token))).body.nickname).toBe('王家小米合作社');
});

it.each([
  [{ nickname: '' }, 'nickname'],
  [{ nickname: '很'.repeat(21) }, 'nickname'],
  [{ nickname: 7 }, 'nickname'],
  [{ nickname: { $ne: null } }, 'nickname'],
  [{ roles: ['operator'] }, ''],
])('refuses %p, naming the field, and changes nothing', async (body, field) => {
  const { token, user } = await h.login();
  const err = expectError(await h.api.patch('/api/v1/me').set(bearer(token)).send(body), 400, 'VALIDATION_FAILED');
  expect(fieldPaths(err)).toContain(field);
  expect((await h.api.get('/api/v1/me').set(bearer(token))).body).toEqual(user);
});

describe('avatar upload', () => {
  const photo = (format: 'jpeg' | 'png' | 'webp', gps = false) => {
    let img = sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 120, b: 40 } } });
    if (gps) img = img.withExif({ IFD0: { Make: 'FarmPhone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 30/1 0/1' } } as unknown as sharp.Exif);
    return img.toFormat(format).toBuffer();
  };

  it.each(['jpeg', 'png', 'webp'] as const)('accepts a %s photo and serves a cropped, cacheable copy', async (format) => {
    const { token } = await h.login();
    const res = await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', await photo(format), `me.${format}`);
    expect(res.status).toBe(200);
    expect(res.body.avatarUrl).toMatch(/^\/api\/v1\/files\/[a-f0-9]{64}$/);
    const file = await h.api.get(res.body.avatarUrl).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['cache-control']).toContain('immutable');
    const meta = await sharp(file.body as Buffer).metadata();
    expect([meta.width, meta.height]).toEqual([256, 256]);
    const again = await h.api.get(res.body.avatarUrl).set('If-None-Match', file.headers.etag);
    expect(again.status).toBe(304);
  });

  it('strips EXIF and GPS from what it stores', async () => {
    const { token } = await h.login();
    const original = await photo('jpeg', true);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', original, 'farm.jpg');
    const file = await h.api.get(res.body.avatarUrl).buffer(true);
    const meta = await sharp(file.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect((file.body as Buffer).includes(Buffer.from('FarmPhone'))).toBe(false);
  });

  it('judges by content, not by name: a text file called .jpg is refused', async () => {
    const { token, user } = await h.login();
    const err = expectError(
      await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', Buffer.from('just some text, honestly'), 'photo.jpg'),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldPaths(err)).toEqual(['file']);
    expect((await h.api.get('/api/v1/me').set(bearer(token))).body.avatarUrl).toBe(user.avatarUrl);
  });

  it('refuses files over the size limit, and decompression bombs', async () => {
    const { token } = await h.login();
    const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: '#888' } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expectError(await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', big, 'big.png'), 413, 'PAYLOAD_TOO_LARGE');
    const bomb = pngBomb(10_000, 10_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = expectError(await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', bomb, 'bomb.png'), 400, 'VALIDATION_FAILED');
    expect(err.message + JSON.stringify(err.details)).toMatch(/megapixels/);
  });

  it('needs a file, and a login', async () => {
    const { token } = await h.login();
    expectError(await h.api.post('/api/v1/me/avatar').set(bearer(token)).field('note', 'no file'), 400, 'VALIDATION_FAILED');
    expectError(await h.api.post('/api/v1/me/avatar').send({}), 401, 'UNAUTHENTICATED');
  });

  it('answers 404 for unknown files and 400 for malformed ids', async () => {
    expectError(await h.api.get(`/api/v1/files/${'0'.repeat(64)}`), 404, 'NOT_FOUND');
    expectError(await h.api.get('/api/v1/files/..%2F..%2Fetc%2Fpasswd'), 400, 'VALIDATION_FAILED');
  });
});
