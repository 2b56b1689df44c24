// The real entry point as a process: starts with no configuration on the embedded database,
// refuses bad configuration by name, and stops cleanly on SIGTERM, releasing the data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; url: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(TSX, ['server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', H5_DIST_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', () => reject(new Error(`exited early:\n${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, url, exit };
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunshop-main-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('starts on the embedded database with the simulator, keeps data across restarts, and stops on SIGTERM', async () => {
  const first = start({ DATA_DIR: dataDir });
  const url = await first.url;
  expect(first.output()).toMatch(/WeChat simulator/);
  const health = await fetch(`${url}healthz`).then((r) => r.json());
  expect(health).toMatchObject({ status: 'ok', database: { ok: true } });
  const { code } = await fetch(`${url}wechat-sim/dev/login-code`, { method: 'POST', body: JSON.stringify({ identity: 'seller' }) }).then((r) => r.json());
  const login = await fetch(`${url}api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).then((r) => r.json());
  expect(login.user.roles).toContain('buyer');
  first.child.kill('SIGTERM');
  expect(await first.exit).toBe(0);
  expect(first.output()).toMatch(/stopped/);

  // Same data directory: the lock was released and the user is still there.
  const second = start({ DATA_DIR: dataDir });
  const url2 = await second.url;
  const me = await fetch(`${url2}api/v1/me`, { headers: { authorization: `Bearer ${login.token}` } }).then((r) => r.json());
  expect(me.id).toBe(login.user.id);
  second.child.kill('SIGTERM');
  expect(await second.exit).toBe(0);
});

it('refuses to start with a bad variable, naming it', async () => {
  const bad = start({ DATA_DIR: dataDir, PORT: 'eighty' });
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toMatch(/PORT/);
});
