// Opens the database: MONGODB_URI when set, otherwise the embedded MongoDB-compatible server
// started in-process. The only module that imports the embedded server.
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface Database {
  conn: Connection;
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let uri = config.database.uri;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!uri) {
    const { startEmbeddedMongo, uriForDb } = await import('../../embedded-mongo');
    const embedded = await startEmbeddedMongo({ dbPath: config.database.embeddedDbPath, port: 0, logger: (msg: string) => logger.debug({ component: 'embedded-mongo' }, msg) });
    uri = uriForDb(embedded.uri, config.database.embeddedDbName);
    stopEmbedded = embedded.stop;
    logger.info({ dbPath: config.database.embeddedDbPath }, 'started the embedded MongoDB-compatible server');
  }
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  await warnWithoutTransactions(conn, logger);
  return {
    conn,
    uri,
    embedded: Boolean(stopEmbedded),
    async close() {
      await conn.close();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}

async function warnWithoutTransactions(conn: Connection, logger: Logger): Promise<void> {
  const hello = (await conn.db!.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  if (!hello.setName && hello.msg !== 'isdbgrid') {
    logger.warn('MongoDB is not a replica set: multi-document transactions are unavailable; run it as a replica set in production');
  }
}
