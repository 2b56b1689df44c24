// Builds a real CunShop app for a test file: its own database (the embedded server in memory, or
// MONGODB_URI when set), its own WeChat simulator (with WeChat Pay) on a loopback port, the app
// listening on another (so the simulator can post WeChat Pay notifications to it), and supertest.
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
import { generatePayKeys, simulatorPayOptionsFrom, type PayKeySet } from '../../server/src/wechat/pay/dev-keys';
import { NOTIFY_PATH, SIMULATOR_MCHID } from '../../server/src/wechat/pay/config';

export interface Harness {
  api: ReturnType<typeof request>;
  config: Config;
  boot: Bootstrapped;
  simulator: WeChatSimulator;
  simulatorUrl: string;
  /** Where the app listens (WeChat Pay notifications arrive at appUrl + NOTIFY_PATH). */
  appUrl: string;
  /** The WeChat Pay keys of this test file: the merchant's, and the simulator's as WeChat Pay. */
  payKeys: PayKeySet;
  /** A wx.login code from the simulator, as the mini-program would get one. */
  loginCode(who: { identity: 'seller' | 'buyer' | 'new' } | { openid: string }, failWith?: number): Promise<string>;
  login(openid?: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export interface HarnessPayOptions {
  /** Partner mode (env WECHATPAY_MODE: 'partner'): the sub-merchants the simulated service provider serves. */
  subMchids?: string[];
  /** Simulated refunds settle (and notify) after this many ms; null: only when told by /dev/refund-result. Default 50. */
  refundSettleMs?: number | null;
}

// One key set per test file (jest loads this module afresh for each): RSA key generation is slow.
let filePayKeys: PayKeySet | undefined;
export const harnessPayKeys = (): PayKeySet => (filePayKeys ??= generatePayKeys(SIMULATOR_MCHID));

const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * WeChat Pay is on in direct mode with this file's keys unless `env` says otherwise, e.g.
 * startHarness({ WECHATPAY_MODE: 'partner' }, {}, { subMchids: ['1900000109'] }) for a service
 * provider, or { WECHATPAY_MODE: 'off' } for shops paid directly.
 */
export async function startHarness(env: Record<string, string> = {}, options: AppOptions = {}, pay: HarnessPayOptions = {}): Promise<Harness> {
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

  const payKeys = harnessPayKeys();
  const simulator = createWeChatSimulator({
    appid: SIMULATOR_APPID,
    secret: SIMULATOR_SECRET,
    pay: {
      ...simulatorPayOptionsFrom(payKeys, [SIMULATOR_APPID], pay.subMchids ?? []),
      notifyTimeScale: 0.001,
      refundSettleMs: pay.refundSettleMs === undefined ? 50 : pay.refundSettleMs,
    },
  });
  const simServer = http.createServer(simulator.app.callback());
  const simulatorUrl = await listen(simServer);
  // The app listens before it exists, so its URL can go into its own configuration.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const appServer = http.createServer((req, res) => handle(req, res));
  const appUrl = await listen(appServer);

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WECHAT_API_BASE: simulatorUrl,
    WECHATPAY_MODE: 'direct',
    WECHATPAY_MCHID: payKeys.mchid,
    WECHATPAY_SERIAL_NO: payKeys.merchantSerialNo,
    // As a .env file holds it: one line, newlines as \n.
    WECHATPAY_PRIVATE_KEY: payKeys.merchantPrivateKeyPem.replace(/\n/g, '\\n'),
    WECHATPAY_APIV3_KEY: payKeys.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: payKeys.publicKeyId,
    WECHATPAY_PUBLIC_KEY: payKeys.platformPublicKeyPem,
    WECHATPAY_API_BASE: simulatorUrl,
    WECHATPAY_NOTIFY_URL: appUrl + NOTIFY_PATH,
    ...env,
  });
  const boot = await bootstrap(config, createLogger('silent'), db);
  boot.setSelfOrigin(appUrl);
  const app = createApp(boot.services, options);
  handle = app.callback();
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
    appUrl,
    payKeys,
    loginCode,
    async login(openid = `u_${randomBytes(6).toString('hex')}`) {
      const code = await loginCode({ openid });
      const res = await api.post('/api/v1/auth/login').send({ code });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as LoginResponse;
    },
    async close() {
      simulator.pay?.stop();
      boot.simulator?.pay?.stop();
      await boot.services.background.drain();
      await closeServer(appServer);
      await closeServer(simServer);
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
