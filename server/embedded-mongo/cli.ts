// `npm run db`: runs the embedded server as its own process with mongod's flags
// (--port, --dbpath, --bind_ip, --replSet), prints its URI, and stops cleanly on SIGTERM/SIGINT.
import { startEmbeddedMongo } from './index';

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out.set(arg.slice(2), argv[++i]);
    else out.set(arg.slice(2), 'true');
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = new Set(['port', 'dbpath', 'bind_ip', 'replSet', 'inMemory', 'quiet']);
  for (const k of args.keys()) if (!known.has(k)) throw new Error(`unknown option --${k} (supported: --port, --dbpath, --bind_ip, --replSet, --inMemory, --quiet)`);
  // mongod takes a comma-separated list; every entry must be loopback, the first is used.
  const host = (args.get('bind_ip') ?? '127.0.0.1').split(',').map((h) => h.trim()).filter(Boolean)[0] ?? '127.0.0.1';
  const nonLoopback = (args.get('bind_ip') ?? '').split(',').map((h) => h.trim()).filter((h) => h && !['127.0.0.1', 'localhost', '::1'].includes(h));
  if (nonLoopback.length) throw new Error(`--bind_ip ${nonLoopback.join(',')}: the embedded server listens on loopback only (127.0.0.1, localhost, ::1)`);
  const port = Number(args.get('port') ?? 27017);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${args.get('port')}`);
  const quiet = args.has('quiet');
  const server = await startEmbeddedMongo({
    port,
    host,
    dbPath: args.get('dbpath') ?? './data/db',
    inMemory: args.get('inMemory') === 'true',
    replSetName: args.get('replSet') ?? 'rs0',
    logger: quiet ? undefined : (msg) => process.stderr.write(`${msg}\n`),
  });
  process.stdout.write(`${server.uri}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!quiet) process.stderr.write(`embedded-mongo: ${signal} received, shutting down\n`);
    server.stop().then(() => process.exit(0), (err: unknown) => {
      process.stderr.write(`embedded-mongo: shutdown failed: ${String(err)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
