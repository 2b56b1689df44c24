// Which server the compatibility suite talks to: a real MongoDB replica set when
// MONGODB_URI is set (so every assertion is checked against mongod), else a fresh in-memory
// embedded server. Tests reach it only through the `mongodb` driver and mongoose.
import { MongoClient, type Db, type ObjectId } from 'mongodb';
import { startEmbeddedMongo, uriForDb } from '../../server/embedded-mongo/index';

export const realMongoUri = process.env.MONGODB_URI;
/** Use as `describeEmbedded(...)` for tests that need the embedded server itself. */
export const describeEmbeddedOnly = realMongoUri ? describe.skip : describe;
export const SKIP_REASON = 'needs the embedded server itself (MONGODB_URI points at a real mongod)';

export interface Target {
  /** URI of a database private to this test file. */
  uri: string;
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

let counter = 0;

export async function openTarget(name: string): Promise<Target> {
  const dbName = `t_${name}_${process.pid}_${++counter}`;
  let base: string;
  let stopServer = async () => undefined as void;
  if (realMongoUri) {
    base = realMongoUri;
  } else {
    const server = await startEmbeddedMongo({ inMemory: true, port: 0 });
    base = server.uri;
    stopServer = () => server.stop();
  }
  const uri = uriForDb(base, dbName);
  const client = new MongoClient(uri);
  await client.connect();
  const db = client.db(dbName);
  return {
    uri,
    client,
    db,
    async close() {
      if (realMongoUri) await db.dropDatabase().catch(() => undefined);
      await client.close();
      await stopServer();
    },
  };
}

/**
 * A schemaless document whose _id may be a number or string. Fields are `any` on purpose:
 * the driver's strict update typings would otherwise reject operator tests on free-form data.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseDoc = { _id?: string | number | ObjectId; [key: string]: any };
