// Builds a real CunShop app for a test file: its own database (the embedded server in memory, or
// MONGODB_URI when set), its own WeChat simulator on a loopback port, and supertest on the app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import request from 'supertest';
import { loadConfig, SIMULATOR_APPID, SIMULATOR_SECRET, type Config } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { bootstrap, type Bootstrapped } from '../../server/src/bootstrap';
import { createApp, type AppOptions } from '../../server/src/app';
import { createWeChatSimulator, type WeChatSimulator } from '../../server/src/wechat/simulator';
import type { Database } from '../../server/src/db/connect';
import { startEmbeddedMongo, uriForDb } from '../../server/embedded-mongo';
import type { LoginResponse } from '../../contract/auth';

export interface Harness {
  api: ReturnType<typeof request>;
  config: Config;
  boot: Bootstrapped;
  simulator: WeChatSimulator;
  simulatorUrl: string;
  /** A wx.login code from the simulator, as the mini-program would get one. */
  loginCode(who: { identity: 'seller' | 'buyer' | 'new' } | { openid: string }, failWith?: number): Promise<string>;
  login(openid?: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, options: AppOptions = {}): Promise<Harness> {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let baseUri = process.env.MONGODB_URI ?? '';
  if (!baseUri) {
    const embedded = await startEmbeddedMongo({ inMemory: true, port: 0 });
    baseUri = embedded.uri;
    stopEmbedded = embedded.stop;
  }
  const uri = uriForDb(baseUri, dbName);
  const conn = await mongoose.createConnection(uri).asPromise();
  const db: Database = {
    conn,
    uri,
    embedded: Boolean(stopEmbedded),
    async close() {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
      if (stopEmbedded) await stopEmbedded();
    },
  };

  const simulator = createWeChatSimulator({ appid: SIMULATOR_APPID, secret: SIMULATOR_SECRET });
  const simServer = http.createServer(simulator.app.callback());
  await new Promise<void>((resolve) => simServer.listen(0, '127.0.0.1', resolve));
  const simulatorUrl = `http://127.0.0.1:${(simServer.address() as AddressInfo).port}`;

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WECHAT_API_BASE: simulatorUrl, ...env });
  const boot = await bootstrap(config, createLogger('silent'), db);
  const app = createApp(boot.services, options);
  const api = request(app.callback());

  const loginCode: Harness['loginCode'] = async (who, failWith) => {
    const res = await fetch(`${simulatorUrl}/dev/login-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...who, ...(failWith === undefined ? {} : { failWith }) }),
    });
    if (!res.ok) throw new Error(`simulator refused: ${res.status}`);
    return ((await res.json()) as { code: string }).code;
  };

  return {
    api,
    config,
    boot,
    simulator,
    simulatorUrl,
    loginCode,
    async login(openid = `u_${randomBytes(6).toString('hex')}`) {
      const code = await loginCode({ openid });
      const res = await api.post('/api/v1/auth/login').send({ code });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as LoginResponse;
    },
    async close() {
      await boot.services.background.drain();
      await new Promise((resolve) => simServer.close(resolve));
      await db.close();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Asserts the API's one error shape and returns the error for further checks. */
export function expectError(res: request.Response, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
  return res.body.error as { code: string; message: string; details?: { fields?: { path: string }[] } };
}

export const fieldPaths = (error: { details?: { fields?: { path: string }[] } }) => (error.details?.fields ?? []).map((f) => f.path);
