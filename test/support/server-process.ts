// Runs the real server entry point (server/src/main.ts) as a child process for tests that need
// the whole product: the embedded database in a data directory, the simulator, the H5 build.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoginResponse, SimIdentity } from '../../contract/auth';
import { API_PREFIX, SIMULATOR_LOGIN_CODE_PATH, paths } from '../../contract/paths';

export const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** The base URL it printed once listening, e.g. http://127.0.0.1:41234/ */
  url: Promise<string>;
  exit: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Logs a simulator test identity in over HTTP, the way the H5 build does. */
export async function loginOverHttp(base: string, identity: SimIdentity): Promise<LoginResponse> {
  const { code } = await fetch(new URL(SIMULATOR_LOGIN_CODE_PATH, base), { method: 'POST', body: JSON.stringify({ identity }) }).then((r) => r.json());
  const res = await fetch(new URL(API_PREFIX + paths.login, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

const running = new Set<ChildProcess>();

/** Kills whatever a failed test left running, so one failure cannot hang the whole run. */
export function killLeftoverServers(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
}

export function startServerProcess(env: Record<string, string>, cwd = ROOT): ServerProcess {
  const child = spawn(TSX, [path.join(ROOT, 'server/src/main.ts')], {
    cwd,
    // No demo shop: tests start from an empty database (the seller identity has no shop yet).
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', DEMO_DATA: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no URL within 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', look);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${out}`));
    });
  });
  url.catch(() => undefined);
  return {
    child,
    output: () => out,
    url,
    exit,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}
