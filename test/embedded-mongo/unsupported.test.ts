// Features the embedded server deliberately lacks answer with a clear "not supported by the
// embedded server" error instead of hanging or answering wrongly. Real mongod supports them,
// so this file only runs against the embedded server.
import type { Collection } from 'mongodb';
import { describeEmbeddedOnly, openTarget, SKIP_REASON, type LooseDoc, type Target } from './target';

let t: Target | undefined;
let col: Collection<LooseDoc>;

describeEmbeddedOnly(`unsupported features (skipped when MONGODB_URI is set: ${SKIP_REASON})`, () => {
  beforeAll(async () => {
    t = await openTarget('unsupported');
    col = t.db.collection<LooseDoc>('things');
    await col.insertOne({ name: 'x', loc: { type: 'Point', coordinates: [0, 0] } });
  });
  afterAll(async () => { await t?.close(); });

  const notSupported = /not supported by the embedded server/;

  it('$text queries and text indexes', async () => {
    await expect(col.find({ $text: { $search: 'x' } }).toArray()).rejects.toThrow(notSupported);
    await expect(col.createIndex({ name: 'text' })).rejects.toThrow(notSupported);
  });

  it('geospatial queries and indexes', async () => {
    await expect(col.find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }).toArray()).rejects.toThrow(notSupported);
    await expect(col.find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } }).toArray()).rejects.toThrow(notSupported);
    await expect(col.createIndex({ loc: '2dsphere' })).rejects.toThrow(notSupported);
    await expect(col.aggregate([{ $geoNear: { near: [0, 0], distanceField: 'd' } }]).toArray()).rejects.toThrow(notSupported);
  });

  it('change streams', async () => {
    const stream = col.watch();
    await expect(stream.tryNext()).rejects.toThrow(notSupported);
    await stream.close();
  });

  it('TTL indexes', async () => {
    await expect(col.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 })).rejects.toThrow(notSupported);
  });

  it('collation', async () => {
    await expect(col.find({ name: 'X' }).collation({ locale: 'en', strength: 2 }).toArray()).rejects.toThrow(notSupported);
    await expect(col.createIndex({ name: 1 }, { collation: { locale: 'zh' } })).rejects.toThrow(notSupported);
  });

  it('authentication', async () => {
    await expect(t!.db.command({ saslStart: 1, mechanism: 'SCRAM-SHA-256', payload: Buffer.alloc(0) })).rejects.toThrow(notSupported);
  });

  it('the errors carry a code, never hang', async () => {
    await expect(col.find({ $text: { $search: 'x' } }).toArray()).rejects.toMatchObject({ code: 115 });
  });
});
