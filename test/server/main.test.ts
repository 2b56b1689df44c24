// The real entry point as a process: starts with no configuration on the embedded database,
// refuses bad configuration by name, and stops cleanly on SIGTERM, releasing the data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, killLeftoverServers, loginOverHttp } from '../support/server-process';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunshop-main-'));
});
afterEach(() => {
  killLeftoverServers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('starts on the embedded database with the simulator, keeps data across restarts, and stops on SIGTERM', async () => {
  const first = startServerProcess({ DATA_DIR: dataDir, H5_DIST_DIR: path.join(dataDir, 'no-h5') });
  const url = await first.url;
  expect(first.output()).toMatch(/WeChat simulator/);
  const health = await fetch(`${url}healthz`).then((r) => r.json());
  expect(health).toMatchObject({ status: 'ok', database: { ok: true } });
  const login = await loginOverHttp(url, 'seller');
  expect(login.user.roles).toContain('buyer');
  const config = await fetch(`${url}api/v1/client-config`).then((r) => r.json());
  expect(config.simulatorLoginCodePath).toBe('/wechat-sim/dev/login-code');
  expect(await first.stop()).toBe(0);
  expect(first.output()).toMatch(/stopped/);

  // Same data directory: the lock was released and the session is still there.
  const second = startServerProcess({ DATA_DIR: dataDir, H5_DIST_DIR: path.join(dataDir, 'no-h5') });
  const url2 = await second.url;
  const me = await fetch(`${url2}api/v1/me`, { headers: { authorization: `Bearer ${login.token}` } }).then((r) => r.json());
  expect(me.id).toBe(login.user.id);
  expect(await second.stop()).toBe(0);
});

it('finishes a request in flight when told to stop', async () => {
  const server = startServerProcess({ DATA_DIR: dataDir, H5_DIST_DIR: path.join(dataDir, 'no-h5') });
  const url = await server.url;
  const { token } = await loginOverHttp(url, 'buyer');
  // A slow upload: the request is in flight while SIGTERM arrives.
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new TextEncoder().encode('{"nickname":'));
      await new Promise((r) => setTimeout(r, 700));
      controller.enqueue(new TextEncoder().encode('"晚到的名字"}'));
      controller.close();
    },
  });
  const pending = fetch(`${url}api/v1/me`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, duplex: 'half' } as RequestInit);
  await new Promise((r) => setTimeout(r, 200));
  server.child.kill('SIGTERM');
  const res = await pending;
  expect(res.status).toBe(200); // answered, not cut off
  expect((await res.json()).nickname).toBe('晚到的名字');
  expect(await server.exit).toBe(0);
});

it('reads .env from its working directory, with the environment winning over the file', async () => {
  fs.writeFileSync(path.join(dataDir, '.env'), 'SESSION_TTL_HOURS=zero\n');
  const fromFile = startServerProcess({ DATA_DIR: dataDir }, dataDir);
  expect(await fromFile.exit).toBe(2); // the bad value can only have come from the file
  expect(fromFile.output()).toMatch(/SESSION_TTL_HOURS/);

  fs.writeFileSync(path.join(dataDir, '.env'), 'PORT=eighty\n');
  const envWins = startServerProcess({ DATA_DIR: dataDir, PORT: '0', H5_DIST_DIR: path.join(dataDir, 'no-h5') }, dataDir);
  await envWins.url;
  expect(await envWins.stop()).toBe(0);
});

it('refuses to start with a bad variable, naming it', async () => {
  const bad = startServerProcess({ DATA_DIR: dataDir, PORT: 'eighty' });
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toMatch(/PORT/);
});
