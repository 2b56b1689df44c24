// GridFS round trip of a several-megabyte file: upload, list, download byte-for-byte, delete.
import { randomBytes, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GridFSBucket } from 'mongodb';
import { openTarget, type Target } from './target';

let t: Target;

beforeAll(async () => { t = await openTarget('gridfs'); });
afterAll(async () => { await t.close(); });

function sha(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

async function download(bucket: GridFSBucket, id: Parameters<GridFSBucket['openDownloadStream']>[0]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

it('uploads, downloads and deletes a 6 MB file', async () => {
  const bucket = new GridFSBucket(t.db, { bucketName: 'photos' });
  const data = randomBytes(6 * 1024 * 1024 + 12345);
  const upload = bucket.openUploadStream('product.jpg', { metadata: { shop: 's1' } });
  await new Promise<void>((resolve, reject) => {
    Readable.from([data.subarray(0, 1_000_000), data.subarray(1_000_000)]).pipe(upload).on('finish', () => resolve()).on('error', reject);
  });
  const files = await bucket.find({ filename: 'product.jpg' }).toArray();
  expect(files).toHaveLength(1);
  expect(files[0].length).toBe(data.length);
  expect(files[0].metadata).toEqual({ shop: 's1' });
  const chunkCount = await t.db.collection('photos.chunks').countDocuments({ files_id: upload.id });
  expect(chunkCount).toBe(Math.ceil(data.length / (255 * 1024)));

  const back = await download(bucket, upload.id);
  expect(back.length).toBe(data.length);
  expect(sha(back)).toBe(sha(data));

  const partial: Buffer[] = [];
  for await (const c of bucket.openDownloadStream(upload.id, { start: 300_000, end: 300_010 })) partial.push(c as Buffer);
  expect(Buffer.concat(partial)).toEqual(data.subarray(300_000, 300_010));

  await bucket.delete(upload.id);
  expect(await bucket.find({ _id: upload.id }).toArray()).toEqual([]);
  expect(await t.db.collection('photos.chunks').countDocuments({ files_id: upload.id })).toBe(0);
});

it('downloads by name the latest revision', async () => {
  const bucket = new GridFSBucket(t.db);
  for (const content of ['v1', 'v2']) {
    await new Promise<void>((resolve, reject) => {
      Readable.from([Buffer.from(content)]).pipe(bucket.openUploadStream('notes.txt')).on('finish', () => resolve()).on('error', reject);
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of bucket.openDownloadStreamByName('notes.txt')) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('v2');
});
