// Public entry point of the embedded MongoDB-compatible server: start it in-process (in
// memory or on a data directory) and get back the URI to hand to mongoose or the driver.
import { WireServer } from './server';
import { Engine } from './storage/engine';
import { openDataDirectory, type DataDirectory } from './storage/persistence';

export interface EmbeddedMongoOptions {
  /** Data directory (default ./data/db); ignored when inMemory. */
  dbPath?: string;
  /** Keep everything in memory: nothing is written to disk. */
  inMemory?: boolean;
  /** TCP port; 0 picks a free one (default 27017). */
  port?: number;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** Replica set name announced to drivers (default rs0). */
  replSetName?: string;
  logger?: (msg: string) => void;
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `mongodb://host:port/?replicaSet=rs0` -> `mongodb://host:port/DB?replicaSet=rs0`. */
export function uriForDb(baseUri: string, dbName: string): string {
  // String surgery rather than URL: mongodb URIs may list several hosts.
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(baseUri);
  if (!m) throw new Error(`not a mongodb URI: ${baseUri}`);
  return `${m[1]}/${encodeURIComponent(dbName)}${m[2] ?? ''}`;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`embedded-mongo listens on loopback only; refusing host ${host}`);
  const replSetName = opts.replSetName ?? 'rs0';
  const logger = opts.logger ?? (() => undefined);
  const engine = new Engine();
  let dataDir: DataDirectory | undefined;
  if (!opts.inMemory) {
    dataDir = await openDataDirectory(opts.dbPath ?? './data/db', engine, logger);
  }
  const server = new WireServer({ engine, host: host === 'localhost' ? '127.0.0.1' : host, port: opts.port ?? 27017, replSetName, logger });
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    await dataDir?.close();
    throw err;
  }
  const uriHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
  const uri = `mongodb://${uriHost}:${port}/?replicaSet=${encodeURIComponent(replSetName)}`;
  logger(`embedded-mongo listening on ${uri}${dataDir ? ` (data: ${dataDir.path})` : ' (in memory)'}`);
  let stopped: Promise<void> | undefined;
  return {
    uri,
    port,
    stop: () => {
      stopped ??= (async () => {
        await server.close();
        await dataDir?.close();
      })();
      return stopped;
    },
  };
}
