// Photo uploads: checked by content, turned upright, stripped of metadata, stored in three sizes
// and served with immutable caching.
import sharp from 'sharp';
import { startHarness, expectError, fieldPaths, type Harness } from './harness';
import { pngBomb, testPhoto } from './images';
import { person, type Person } from './media-fixtures';
import { photosOwnedBy } from '../../server/src/domain/photos';
import { Types } from 'mongoose';

let h: Harness;
let seller: Person;
beforeAll(async () => {
  h = await startHarness({ UPLOAD_LIMIT_MB: '1' });
  seller = await person(h, ['seller']);
});
afterAll(() => h.close());

const upload = (who: Person, bytes: Buffer, name = 'photo.jpg') => h.api.post('/api/v1/photos').set(who.auth).attach('file', bytes, name);
const download = (url: string) => h.api.get(url).buffer(true);

it.each(['jpeg', 'png', 'webp'] as const)('accepts a %s photo and stores three JPEG sizes', async (format) => {
  const res = await upload(seller, await testPhoto(format, 1600, 1200), `farm.${format}`);
  expect(res.status).toBe(201);
  expect(res.body).toEqual({
    id: expect.stringMatching(/^[a-f0-9]{64}$/),
    thumbUrl: expect.stringMatching(/^\/api\/v1\/files\/[a-f0-9]{64}$/),
    url: `/api/v1/files/${res.body.id}`,
    largeUrl: expect.stringMatching(/^\/api\/v1\/files\/[a-f0-9]{64}$/),
    width: 750,
    height: 563,
  });
  const sizes = [];
  for (const url of [res.body.thumbUrl, res.body.url, res.body.largeUrl]) {
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers.etag).toMatch(/^"[a-f0-9]{64}"$/);
    expect((await h.api.get(url).set('If-None-Match', file.headers.etag)).status).toBe(304);
    const meta = await sharp(file.body as Buffer).metadata();
    expect(meta.format).toBe('jpeg');
    sizes.push([meta.width, meta.height]);
  }
  expect(sizes).toEqual([[240, 240], [750, 563], [1500, 1125]]);
});

it('never enlarges a small picture', async () => {
  const res = await upload(seller, await testPhoto('png', 500, 300), 'small.png');
  expect(res.status).toBe(201);
  expect([res.body.width, res.body.height]).toEqual([500, 300]);
  const large = await sharp((await download(res.body.largeUrl)).body as Buffer).metadata();
  expect([large.width, large.height]).toEqual([500, 300]);
  const thumb = await sharp((await download(res.body.thumbUrl)).body as Buffer).metadata();
  expect([thumb.width, thumb.height]).toEqual([240, 240]);
});

it('turns a photo upright by its EXIF orientation and keeps no EXIF or GPS in any copy', async () => {
  // Taken with the phone turned: stored 640×480 with orientation 6, seen as 480×640.
  const original = await testPhoto('jpeg', 640, 480, { gps: true, orientation: 6 });
  const before = await sharp(original).metadata();
  expect(before.orientation).toBe(6);
  expect(before.exif).toBeDefined();
  const res = await upload(seller, original, 'field.jpg');
  expect(res.status).toBe(201);
  expect([res.body.width, res.body.height]).toEqual([480, 640]);
  for (const url of [res.body.thumbUrl, res.body.url, res.body.largeUrl]) {
    const bytes = (await download(url)).body as Buffer;
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes(Buffer.from('FarmPhone'))).toBe(false);
  }
  // Upright: the blue corner block drawn top-left ends up top-right after a 90° clockwise turn.
  const large = await sharp((await download(res.body.largeUrl)).body as Buffer).raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => {
    const i = (y * large.info.width + x) * large.info.channels;
    return [large.data[i], large.data[i + 1], large.data[i + 2]];
  };
  const [r, , b] = pixel(large.info.width - 10, 10);
  expect(b).toBeGreaterThan(150);
  expect(r).toBeLessThan(60);
  expect(pixel(10, 10)[2]).toBeLessThan(150);
});

it('judges by content, not by name: a text file called .jpg is refused, naming `file`', async () => {
  const err = expectError(await upload(seller, Buffer.from('这不是图片, just text'), 'photo.jpg'), 400, 'VALIDATION_FAILED');
  expect(fieldPaths(err)).toEqual(['file']);
  const truncated = (await testPhoto('jpeg', 800, 600)).subarray(0, 400);
  expect(fieldPaths(expectError(await upload(seller, truncated), 400, 'VALIDATION_FAILED'))).toEqual(['file']);
});

it('refuses files over the size limit, and decompression bombs', async () => {
  const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: '#888' } }).png({ compressionLevel: 0 }).toBuffer();
  expect(big.length).toBeGreaterThan(1024 * 1024);
  const tooLarge = expectError(await upload(seller, big, 'big.png'), 413, 'PAYLOAD_TOO_LARGE');
  expect(tooLarge.message).toMatch(/1 MB/);
  const bomb = pngBomb(10_000, 10_000);
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const err = expectError(await upload(seller, bomb, 'bomb.png'), 400, 'VALIDATION_FAILED');
  expect(fieldPaths(err)).toEqual(['file']);
  expect(JSON.stringify(err.details)).toMatch(/megapixels/);
  expect(await h.boot.services.models.Photo.countDocuments({ width: { $gt: 1500 } })).toBe(0);
});

it('needs a login, a multipart body and a file', async () => {
  expectError(await h.api.post('/api/v1/photos').attach('file', await testPhoto('jpeg'), 'p.jpg'), 401, 'UNAUTHENTICATED');
  expect(fieldPaths(expectError(await h.api.post('/api/v1/photos').set(seller.auth).send({ file: 'x' }), 400, 'VALIDATION_FAILED'))).toEqual(['file']);
  expect(fieldPaths(expectError(await h.api.post('/api/v1/photos').set(seller.auth).field('note', 'no file'), 400, 'VALIDATION_FAILED'))).toEqual(['file']);
});

it('stores the same picture once, and each uploader may use it', async () => {
  const other = await person(h, ['seller']);
  const bytes = await testPhoto('webp', 900, 900);
  const first = await upload(seller, bytes);
  const second = await upload(other, bytes);
  expect(second.status).toBe(201);
  expect(second.body).toEqual(first.body);
  const { Photo } = h.boot.services.models;
  const doc = await Photo.findById(first.body.id).lean();
  expect(String(doc?.ownerId)).toBe(seller.id);
  expect(doc?.uploaderIds.map(String).sort()).toEqual([seller.id, other.id].sort());
  // Concurrent uploads of one new picture: one photo, no error.
  const fresh = await testPhoto('jpeg', 700, 500);
  const both = await Promise.all([upload(seller, fresh), upload(other, fresh)]);
  expect(both.map((r) => r.status)).toEqual([201, 201]);
  expect(both[0].body.id).toBe(both[1].body.id);

  const stranger = await person(h, ['seller']);
  const services = h.boot.services;
  const ids = [first.body.id, both[0].body.id, 'f'.repeat(64)];
  expect(await photosOwnedBy(services, new Types.ObjectId(other.id), ids)).toEqual(new Set([first.body.id, both[0].body.id]));
  expect(await photosOwnedBy(services, new Types.ObjectId(stranger.id), ids)).toEqual(new Set());
});
