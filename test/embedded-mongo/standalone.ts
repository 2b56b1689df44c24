// Runs the embedded server as its own process (the `npm run db` entry point, loaded through
// tsx) so tests can SIGKILL it mid-write and restart it on the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'server/embedded-mongo/cli.ts');
const tsxLoader = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs');

export interface Standalone {
  proc: ChildProcess;
  uri: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startStandalone(dbPath: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<Standalone> {
  const proc = spawn(process.execPath, ['--import', tsxLoader, cli, '--port', '0', '--dbpath', dbPath, ...extraArgs], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve({ proc, uri: line.trim(), stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before printing its URI: ${err}`)));
  });
}

/** Exit code and stderr of a server start that is expected to fail. */
export async function failedStart(dbPath: string): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, ['--import', tsxLoader, cli, '--port', '0', '--dbpath', dbPath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
  return { code, stderr: err };
}
