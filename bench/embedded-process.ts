// The embedded MongoDB-compatible server in a process of its own (as `npm run db` runs it), so a
// benchmark's client and the database do not share one event loop.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const tsxLoader = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs');

export async function startServer(args: string[]): Promise<{ uri: string; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'server/embedded-mongo/cli.ts'), '--port', '0', '--quiet', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    void exited.then(() => reject(new Error('server exited early')));
  });
  return { uri, stop: async () => { proc.kill('SIGTERM'); await exited; } };
}
