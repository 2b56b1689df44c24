// Durability of the embedded server's data directory: every acknowledged write survives
// SIGKILL at an arbitrary moment, transactions are all-or-nothing after recovery, a torn
// journal tail is dropped, clean shutdown compacts into a snapshot, and the directory lock
// keeps a second server out. These need the embedded server itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/embedded-mongo/index';
import { describeEmbeddedOnly, SKIP_REASON, type LooseDoc } from './target';
import { failedStart, startStandalone, type Standalone } from './standalone';

jest.setTimeout(120_000);

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-'));
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await new MongoClient(uri.replace('/?', '/durable?'), { serverSelectionTimeoutMS: 1_500 }).connect();
  try { return await fn(client); } finally { await client.close(true); }
}

async function kill9(s: Standalone): Promise<void> {
  s.proc.kill('SIGKILL');
  await s.exited;
}

interface Acked { inserted: Set<number>; increments: number; pairs: Set<number> }

/** Writes from several concurrent writers until `stop` says so; records what was acknowledged. */
async function writeUntil(client: MongoClient, stop: () => boolean, acked: Acked, base: number): Promise<void> {
  const db = client.db('durable');
  const docs = db.collection<LooseDoc>('docs');
  const counters = db.collection<LooseDoc>('counters');
  const pairs = db.collection<LooseDoc>('pairs');
  const writer = async (w: number) => {
    for (let i = 0; !stop(); i++) {
      const id = base + w * 1_000_000 + i;
      try {
        if (i % 3 === 0) {
          await docs.insertOne({ _id: id, w, payload: 'p'.repeat(200) });
          acked.inserted.add(id);
        } else if (i % 3 === 1) {
          await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } }, { upsert: true });
          acked.increments++;
        } else {
          const session = client.startSession();
          try {
            await session.withTransaction(async () => {
              if (stop()) throw new Error('server is gone; stop retrying');
              await pairs.insertOne({ _id: id * 2, pair: id }, { session });
              await pairs.insertOne({ _id: id * 2 + 1, pair: id }, { session });
            });
            acked.pairs.add(id);
          } finally {
            await session.endSession().catch(() => undefined);
          }
        }
      } catch {
        return; // the server died under us: this write was never acknowledged
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
}

async function verify(uri: string, acked: Acked): Promise<void> {
  await withClient(uri, async (client) => {
    const db = client.db('durable');
    const ids = new Set((await db.collection<LooseDoc>('docs').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id as number));
    for (const id of acked.inserted) expect(ids.has(id)).toBe(true);
    const counter = await db.collection<LooseDoc>('counters').findOne({ _id: 'c' });
    expect(counter?.n ?? 0).toBeGreaterThanOrEqual(acked.increments);
    const pairDocs = await db.collection<LooseDoc>('pairs').find().toArray();
    const perPair = new Map<number, number>();
    for (const d of pairDocs) perPair.set(d.pair as number, (perPair.get(d.pair as number) ?? 0) + 1);
    for (const n of perPair.values()) expect(n).toBe(2);
    for (const id of acked.pairs) expect(perPair.get(id)).toBe(2);
    const idx = await db.collection('docs').listIndexes().toArray();
    expect(idx.map((i) => i.name)).toContain('w_1__id_1');
  });
}

describeEmbeddedOnly(`crash recovery (skipped when MONGODB_URI is set: ${SKIP_REASON})`, () => {
  it('keeps every acknowledged write across SIGKILL, torn tails and restarts', async () => {
    const dir = tempDir();
    const acked: Acked = { inserted: new Set(), increments: 0, pairs: new Set() };
    // A small compaction threshold makes snapshots happen between (and during) the crashes.
    const compactOften = { EMBEDDED_MONGO_COMPACT_BYTES: String(96 * 1024) };
    let server = await startStandalone(dir, ['--quiet'], compactOften);
    await withClient(server.uri, (c) => c.db('durable').collection('docs').createIndex({ w: 1, _id: 1 }, { unique: true }));

    for (let round = 0; round < 3; round++) {
      const target = acked.inserted.size + 150;
      await withClient(server.uri, async (client) => {
        let killed = false;
        const killer = (async () => {
          while (acked.inserted.size < target) await new Promise((r) => setTimeout(r, 2));
          await kill9(server); // mid-stream: the writers still have requests in flight
          killed = true;
        })();
        await writeUntil(client, () => killed, acked, round * 10_000_000);
        await killer;
      });
      if (round === 1) {
        // Simulate a torn final record: a partial header and garbage after the last good record.
        const journal = fs.readdirSync(dir).find((f) => f.startsWith('journal.'));
        expect(journal).toBeDefined();
        fs.appendFileSync(path.join(dir, journal as string), Buffer.from([0x40, 0x00, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3]));
      }
      server = await startStandalone(dir, ['--quiet'], compactOften);
      await verify(server.uri, acked);
    }
    expect(fs.existsSync(path.join(dir, 'snapshot.bson'))).toBe(true);

    // A clean shutdown compacts into a snapshot; the data is all there after restart.
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'snapshot.bson'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'mongod.lock'))).toBe(false);
    server = await startStandalone(dir, ['--quiet']);
    await verify(server.uri, acked);
    await withClient(server.uri, async (client) => {
      const dup = client.db('durable').collection<LooseDoc>('docs').insertOne({ _id: [...acked.inserted][0], w: 0 });
      await expect(dup).rejects.toMatchObject({ code: 11000 });
    });
    server.proc.kill('SIGTERM');
    await server.exited;
  });

  it('refuses a data directory another server holds, with a clear error', async () => {
    const dir = tempDir();
    const server = await startStandalone(dir, ['--quiet']);
    try {
      const second = await failedStart(dir);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/locked by running process/);
      await expect(startEmbeddedMongo({ dbPath: dir, port: 0 })).rejects.toThrow(/locked by running process/);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    // Once released, the directory opens in-process, and twice in one process is refused.
    const inProcess = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    await expect(startEmbeddedMongo({ dbPath: dir, port: 0 })).rejects.toThrow(/already in use/);
    await inProcess.stop();
  });

  it('persists data written in-process across stop and start', async () => {
    const dir = tempDir();
    let s = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    await withClient(s.uri, async (c) => {
      await c.db('durable').collection<LooseDoc>('kv_old').insertMany([{ _id: 1, v: 'a' }, { _id: 2, v: 'b' }]);
      await c.db('durable').collection('kv_old').rename('kv');
    });
    await s.stop();
    s = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    const docs = await withClient(s.uri, (c) => c.db('durable').collection<LooseDoc>('kv').find().sort({ _id: 1 }).toArray());
    expect(docs).toEqual([{ _id: 1, v: 'a' }, { _id: 2, v: 'b' }]);
    await s.stop();
  });
});
