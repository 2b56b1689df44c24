// The simulator's WeChat Pay answers like WeChat Pay API v3: signed requests only, signed answers,
// WeChat's codes, encrypted and signed notifications retried on its schedule, refunds that never
// exceed the payment, and upload_shipping_info checked per its errcode table. Driven with raw
// fetch and our crypto module (not our client), with keys made here and a local notify endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import Koa from 'koa';
import { createWeChatSimulator, type WeChatSimulator } from '../../server/src/wechat/simulator';
import mount from '../../server/src/http/mount';
import {
  authorization,
  decryptResource,
  paySignMessage,
  privateKeyFromPem,
  publicKeyFromPem,
  rsaSign,
  signedHeadersOf,
  verifySigned,
  type EncryptedResource,
  type RequestCredentials,
} from '../../server/src/wechat/pay/crypto';
import { NOTIFY_RETRY_SCHEDULE_S, type DeliveryAttempt } from '../../server/src/wechat/simulator/pay-notifier';
import type { SimulatorPayOptions } from '../../server/src/wechat/simulator/pay-types';

const APPID = 'wxsimpaytest000001';
const SECRET = 'simpaysecret';
const PLATFORM_ID = 'PUB_KEY_ID_0119000000012025010100000000000001';
const TIME_SCALE = 0.001;

function keyPair(): { publicPem: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicPem: publicKey, privateKey: privateKeyFromPem(privateKey) };
}

const directKeys = keyPair();
const spKeys = keyPair();
const strangerKeys = keyPair();
const { publicKey: platformPublicPem, privateKey: platformPrivatePem } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const platformKeys = new Map([[PLATFORM_ID, publicKeyFromPem(platformPublicPem)]]);

const DIRECT = { mchid: '1900000001', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', apiV3Key: 'a'.repeat(16) + 'B'.repeat(16) };
const SP = { mchid: '1900000100', serialNo: '3775B6A45ACD588826D15E583A95F5DD2C1D1F2A', apiV3Key: 'c'.repeat(16) + 'D'.repeat(16), sub: '1900000201' };
const directCreds: RequestCredentials = { mchid: DIRECT.mchid, serialNo: DIRECT.serialNo, privateKey: directKeys.privateKey };
const spCreds: RequestCredentials = { mchid: SP.mchid, serialNo: SP.serialNo, privateKey: spKeys.privateKey };

const payOptions = (extra: Partial<SimulatorPayOptions> = {}): SimulatorPayOptions => ({
  merchants: [
    { mchid: DIRECT.mchid, serialNo: DIRECT.serialNo, publicKeyPem: directKeys.publicPem, apiV3Key: DIRECT.apiV3Key, appids: [APPID], subMchids: [] },
    { mchid: SP.mchid, serialNo: SP.serialNo, publicKeyPem: spKeys.publicPem, apiV3Key: SP.apiV3Key, appids: [APPID], subMchids: [SP.sub] },
  ],
  platform: { publicKeyId: PLATFORM_ID, privateKeyPem: platformPrivatePem },
  notifyTimeScale: TIME_SCALE,
  refundSettleMs: null,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// Our notify endpoint, played here: verifies, decrypts, and answers as told.

interface Received {
  body: string;
  failure: ReturnType<typeof verifySigned>;
  event: { id: string; event_type: string; resource: EncryptedResource };
  plain: Record<string, unknown> | null;
}

let offsetMs = 0;
const now = () => Date.now() + offsetMs;
const received: Received[] = [];
/** Statuses to answer the next notifications with (after verification passes); then 204. */
const answers: number[] = [];

const notifyServer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const failure = verifySigned(signedHeadersOf((n) => req.headers[n] as string | undefined), body, platformKeys, new Date(now()));
    const event = JSON.parse(body) as Received['event'];
    let plain: Record<string, unknown> | null = null;
    if (!failure) {
      // Each merchant has its own endpoint here, and its own APIv3 key.
      const apiKey = req.url === '/notify/sp' ? SP.apiV3Key : DIRECT.apiV3Key;
      plain = JSON.parse(decryptResource(event.resource, Buffer.from(apiKey, 'utf8'))) as Record<string, unknown>;
    }
    received.push({ body, failure, event, plain });
    if (failure) return void res.writeHead(401).end(JSON.stringify({ code: 'FAIL', message: failure }));
    res.writeHead(answers.shift() ?? 204).end();
  });
});

let sim: WeChatSimulator;
let simServer: http.Server;
let simUrl: string;
let notifyUrl: string;
let spNotifyUrl: string;

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

beforeAll(async () => {
  const notifyBase = await listen(notifyServer);
  notifyUrl = `${notifyBase}/notify/direct`;
  spNotifyUrl = `${notifyBase}/notify/sp`;
  sim = createWeChatSimulator({ appid: APPID, secret: SECRET, now, pay: payOptions() });
  simServer = http.createServer(sim.app.callback());
  simUrl = await listen(simServer);
});
afterAll(async () => {
  sim.pay?.stop();
  await close(simServer);
  await close(notifyServer);
});
beforeEach(() => {
  received.length = 0;
  answers.length = 0;
  offsetMs = 0;
});
afterEach(async () => {
  await sim.pay!.notifier.whenIdle();
});

// ---------------------------------------------------------------------------------------------
// Calling the merchant API as a merchant would.

interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
  verified: ReturnType<typeof verifySigned>;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  opts: { creds?: RequestCredentials; at?: Date; base?: string; signedPath?: string } = {},
): Promise<Answer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const auth = authorization(opts.creds ?? directCreds, method, opts.signedPath ?? path, text, opts.at ?? new Date(now()));
  const res = await fetch(`${opts.base ?? simUrl}${path}`, {
    method,
    headers: { Authorization: auth, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: text }),
  });
  const answer = await res.text();
  const verified = verifySigned(signedHeadersOf((n) => res.headers.get(n)), answer, platformKeys, new Date(now()));
  return { status: res.status, text: answer, json: answer ? (JSON.parse(answer) as Record<string, unknown>) : {}, verified };
}

let seq = 0;
const tradeNo = () => `T${Date.now().toString(36)}${(seq += 1)}`.padEnd(8, '0');
const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

function directPrepay(no: string, overrides: Record<string, unknown> = {}) {
  return {
    appid: APPID,
    mchid: DIRECT.mchid,
    description: '土鸡蛋 30枚',
    out_trade_no: no,
    time_expire: beijing(now() + 30 * 60_000),
    notify_url: notifyUrl,
    amount: { total: 1000, currency: 'CNY' },
    payer: { openid: 'o_buyer_0001' },
    ...overrides,
  };
}

function partnerPrepay(no: string, overrides: Record<string, unknown> = {}) {
  return {
    sp_appid: APPID,
    sp_mchid: SP.mchid,
    sub_mchid: SP.sub,
    description: '高山茶 250g',
    out_trade_no: no,
    notify_url: spNotifyUrl,
    amount: { total: 2500, currency: 'CNY' },
    payer: { sp_openid: 'o_buyer_0002' },
    ...overrides,
  };
}

async function prepaid(no = tradeNo(), overrides: Record<string, unknown> = {}): Promise<{ no: string; prepayId: string }> {
  const r = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no, overrides));
  expect(r.status).toBe(200);
  return { no, prepayId: r.json.prepay_id as string };
}

/** Waits until the check holds (the simulator's timers run on their own), for at most two seconds. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const control = (path: string, body: object) =>
  fetch(`${simUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    json: (r.status === 204 ? {} : await r.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  }));

const devPay = (no: string, inject?: string, extra: object = {}) => control('/dev/pay', { out_trade_no: no, ...(inject ? { inject } : {}), ...extra });

const attempts = async (): Promise<DeliveryAttempt[]> => ((await (await fetch(`${simUrl}/dev/pay-notifications`)).json()) as { items: DeliveryAttempt[] }).items;

const query = (no: string) => call('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${DIRECT.mchid}`);

// ---------------------------------------------------------------------------------------------
// Signatures both ways.

describe('request signatures and signed answers', () => {
  it('accepts a correctly signed prepay and signs its answer with the platform key', async () => {
    const r = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(tradeNo()));
    expect(r.status).toBe(200);
    expect(r.json.prepay_id).toMatch(/^wx[a-z0-9]{32}$/);
    expect(r.verified).toBeNull();
  });

  it('refuses a wrong signature, an unknown serial, an unknown merchant, a stale timestamp and no header with 401 SIGN_ERROR', async () => {
    const path = '/v3/pay/transactions/jsapi';
    const body = directPrepay(tradeNo());
    const cases = [
      await call('POST', path, body, { creds: { ...directCreds, privateKey: strangerKeys.privateKey } }),
      await call('POST', path, body, { creds: { ...directCreds, serialNo: 'FFFF' } }),
      await call('POST', path, body, { creds: { ...directCreds, mchid: '1999999999' } }),
      await call('POST', path, body, { at: new Date(now() - 301_000) }),
      await call('POST', path, body, { signedPath: '/v3/pay/transactions/jsapi?x=1' }),
    ];
    for (const r of cases) {
      expect({ status: r.status, code: r.json.code }).toEqual({ status: 401, code: 'SIGN_ERROR' });
      expect(typeof r.json.message).toBe('string');
      expect(r.verified).toBeNull(); // errors are signed too
    }
    const bare = await fetch(`${simUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(bare.status).toBe(401);
    // Nothing was created by any of them.
    expect((await query(body.out_trade_no)).status).toBe(404);
  });

  it('checks the path relative to where the simulator is mounted', async () => {
    const host = new Koa();
    host.use(mount('/wechat-sim', sim.app) as unknown as Koa.Middleware);
    const server = http.createServer(host.callback());
    const base = `${await listen(server)}/wechat-sim`;
    try {
      const no = tradeNo();
      const r = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no), { base });
      expect(r.status).toBe(200);
      const q = await call('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${DIRECT.mchid}`, undefined, { base });
      expect(q.status).toBe(200);
      expect(q.verified).toBeNull();
    } finally {
      await close(server);
    }
  });
});

describe('prepay', () => {
  it('validates as WeChat does', async () => {
    const path = '/v3/pay/transactions/jsapi';
    const no = tradeNo();
    const expectRefusal = async (overrides: Record<string, unknown>, status: number, code: string) => {
      const r = await call('POST', path, directPrepay(no, overrides));
      expect({ status: r.status, code: r.json.code }).toEqual({ status, code });
      expect(r.verified).toBeNull();
    };
    await expectRefusal({ description: 'x'.repeat(128) }, 400, 'PARAM_ERROR');
    await expectRefusal({ out_trade_no: 'abc' }, 400, 'PARAM_ERROR');
    await expectRefusal({ out_trade_no: 'bad no with spaces' }, 400, 'PARAM_ERROR');
    await expectRefusal({ amount: { total: 0, currency: 'CNY' } }, 400, 'PARAM_ERROR');
    await expectRefusal({ amount: { total: 10.5 } }, 400, 'PARAM_ERROR');
    await expectRefusal({ amount: { total: 100, currency: 'USD' } }, 400, 'PARAM_ERROR');
    await expectRefusal({ notify_url: 'ftp://example.com/notify' }, 400, 'PARAM_ERROR');
    await expectRefusal({ notify_url: `${notifyUrl}?order=1` }, 400, 'PARAM_ERROR');
    await expectRefusal({ time_expire: '2024-01-01 12:00:00' }, 400, 'PARAM_ERROR');
    await expectRefusal({ payer: {} }, 400, 'PARAM_ERROR');
    await expectRefusal({ appid: 'wxnotboundtothis01' }, 400, 'APPID_MCHID_NOT_MATCH');
    await expectRefusal({ mchid: SP.mchid }, 400, 'PARAM_ERROR');
    expect((await query(no)).status).toBe(404);
  });

  it('answers the same prepay_id for the same order, and refuses the same out_trade_no with another amount', async () => {
    const { no, prepayId } = await prepaid();
    const again = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no));
    expect(again.json.prepay_id).toBe(prepayId);
    const other = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no, { amount: { total: 999, currency: 'CNY' } }));
    expect({ status: other.status, code: other.json.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('takes partner prepays only for sub-merchants the service provider serves', async () => {
    const path = '/v3/pay/partner/transactions/jsapi';
    const unknown = await call('POST', path, partnerPrepay(tradeNo(), { sub_mchid: '1900000999' }), { creds: spCreds });
    expect({ status: unknown.status, code: unknown.json.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    const asDirect = await call('POST', path, partnerPrepay(tradeNo(), { sp_mchid: DIRECT.mchid }), { creds: directCreds });
    expect(asDirect.status).toBe(400);
    const no = tradeNo();
    const ok = await call('POST', path, partnerPrepay(no), { creds: spCreds });
    expect(ok.status).toBe(200);
    const q = await call('GET', `/v3/pay/partner/transactions/out-trade-no/${no}?sp_mchid=${SP.mchid}&sub_mchid=${SP.sub}`, undefined, { creds: spCreds });
    expect(q.json).toMatchObject({ sp_appid: APPID, sp_mchid: SP.mchid, sub_mchid: SP.sub, out_trade_no: no, trade_state: 'NOTPAY' });
    expect(q.json.transaction_id).toBeUndefined();
    // The direct merchant's query does not see the partner's order.
    expect((await query(no)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Paying: the sheet and the notification.

function payParams(prepayId: string, key: KeyObject = directKeys.privateKey, appId = APPID) {
  const timeStamp = String(Math.floor(now() / 1000));
  const nonceStr = 'N' + Math.random().toString(36).slice(2, 14);
  const pkg = `prepay_id=${prepayId}`;
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA' as const, paySign: rsaSign(paySignMessage(appId, timeStamp, nonceStr, pkg), key) };
}

describe('the pay sheet', () => {
  it('shows the prepay, refuses a forged paySign, cancels without change, pays with a valid one, and notifies', async () => {
    const { no, prepayId } = await prepaid();
    const view = await (await fetch(`${simUrl}/dev/pay-sheet?prepay_id=${prepayId}`)).json();
    expect(view).toEqual({ prepayId, amountFen: 1000, description: '土鸡蛋 30枚', mchid: DIRECT.mchid });
    expect((await fetch(`${simUrl}/dev/pay-sheet?prepay_id=wx${'0'.repeat(32)}`)).status).toBe(404);

    const forged = await control('/dev/pay-sheet', { ...payParams(prepayId, strangerKeys.privateKey), choice: 'pay' });
    expect({ status: forged.status, code: forged.json.error?.code }).toEqual({ status: 400, code: 'PAY_SIGN_INVALID' });
    const tampered = { ...payParams(prepayId), choice: 'pay' };
    tampered.timeStamp = String(Number(tampered.timeStamp) + 1);
    expect((await control('/dev/pay-sheet', tampered)).status).toBe(400);
    const wrongApp = await control('/dev/pay-sheet', { ...payParams(prepayId, directKeys.privateKey, 'wxotherapp00000001'), choice: 'pay' });
    expect(wrongApp.status).toBe(400);
    const unknownPrepay = await control('/dev/pay-sheet', { ...payParams(`wx${'1'.repeat(32)}`), choice: 'pay' });
    expect(unknownPrepay.status).toBe(400);
    const someoneElse = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'pay', openid: 'o_someone_else' });
    expect(someoneElse.status).toBe(403);

    const cancelled = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'cancel' });
    expect(cancelled).toEqual({ status: 200, json: { result: 'cancelled' } });
    expect((await query(no)).json.trade_state).toBe('NOTPAY');
    expect(received).toHaveLength(0);

    const paid = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'pay', openid: 'o_buyer_0001' });
    expect(paid.json).toEqual({ result: 'paid', transactionId: expect.stringMatching(/^\d{28}$/) });
    const twice = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'pay' });
    expect({ status: twice.status, code: twice.json.error?.code }).toEqual({ status: 400, code: 'ORDERPAID' });

    await sim.pay!.notifier.whenIdle();
    expect(received).toHaveLength(1);
    const [n] = received;
    expect(n.failure).toBeNull();
    expect(n.event).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功' });
    expect(n.event.resource).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', original_type: 'transaction' });
    expect(n.plain).toMatchObject({
      appid: APPID,
      mchid: DIRECT.mchid,
      out_trade_no: no,
      transaction_id: paid.json.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      bank_type: expect.any(String),
      success_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      payer: { openid: 'o_buyer_0001' },
      amount: { total: 1000, payer_total: 1000, currency: 'CNY', payer_currency: 'CNY' },
    });

    const q = await query(no);
    expect(q.json).toEqual(n.plain);
    const byId = await call('GET', `/v3/pay/transactions/id/${paid.json.transactionId}?mchid=${DIRECT.mchid}`);
    expect(byId.json.out_trade_no).toBe(no);
    const again = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no));
    expect({ status: again.status, code: again.json.code }).toEqual({ status: 400, code: 'ORDERPAID' });
  });

  it('takes the payer from the bearer token when the simulator can tell who holds the phone', async () => {
    const { prepayId } = await prepaid();
    sim.identifyBearer = (token) => Promise.resolve(token === 'buyer-token' ? 'o_buyer_0001' : 'o_other_person');
    try {
      const other = await fetch(`${simUrl}/dev/pay-sheet`, {
        method: 'POST',
        headers: { Authorization: 'Bearer other-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...payParams(prepayId), choice: 'pay' }),
      });
      expect(other.status).toBe(403);
      const mine = await fetch(`${simUrl}/dev/pay-sheet`, {
        method: 'POST',
        headers: { Authorization: 'Bearer buyer-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...payParams(prepayId), choice: 'pay' }),
      });
      expect(((await mine.json()) as { result: string }).result).toBe('paid');
    } finally {
      sim.identifyBearer = null;
    }
  });

  it('refuses payment after time_expire, and forgets a prepay after two hours', async () => {
    const { no, prepayId } = await prepaid(tradeNo(), { time_expire: beijing(now() + 60_000) });
    offsetMs = 61_000;
    const late = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'pay' });
    expect({ status: late.status, code: late.json.error?.code }).toEqual({ status: 400, code: 'ORDER_EXPIRED' });
    expect((await devPay(no)).status).toBe(400);
    // WeChat keeps such an order NOTPAY until it is closed.
    expect((await query(no)).json.trade_state).toBe('NOTPAY');
    offsetMs = 2 * 3600_000 + 1000;
    expect((await fetch(`${simUrl}/dev/pay-sheet?prepay_id=${prepayId}`)).status).toBe(404);
  });
});

describe('notifications', () => {
  it('retries after failures on the compressed schedule, with the same notification each time', async () => {
    const { no } = await prepaid();
    answers.push(500, 500, 503);
    await devPay(no);
    await sim.pay!.notifier.whenIdle();
    const mine = (await attempts()).filter((a) => received.some((r) => r.event.id === a.notificationId));
    expect(mine.map((a) => [a.status, a.ok, a.retry])).toEqual([
      [500, false, 0],
      [500, false, 1],
      [503, false, 2],
      [204, true, 3],
    ]);
    expect(new Set(received.map((r) => r.event.id)).size).toBe(1);
    expect(received.every((r) => r.plain?.out_trade_no === no)).toBe(true);
    // Each wait is at least WeChat's interval, scaled.
    const times = mine.map((a) => Date.parse(a.at));
    for (let i = 1; i < times.length; i += 1) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(Math.floor(NOTIFY_RETRY_SCHEDULE_S[i - 1] * 1000 * TIME_SCALE));
  });

  it('bad_signature: a probe that must fail verification, then the genuine notification', async () => {
    const { no } = await prepaid();
    await devPay(no, 'bad_signature');
    await sim.pay!.notifier.whenIdle();
    expect(received.map((r) => r.failure)).toEqual(['bad_signature', null]);
    expect(received[1].plain?.out_trade_no).toBe(no);
    const kinds = (await attempts()).slice(-2).map((a) => [a.kind, a.ok]);
    expect(kinds).toEqual([
      ['probe', false],
      ['genuine', true],
    ]);
  });

  it('stale_timestamp: signed correctly ten minutes ago, then a fresh retry', async () => {
    const { no } = await prepaid();
    await devPay(no, 'stale_timestamp');
    await sim.pay!.notifier.whenIdle();
    expect(received.map((r) => r.failure)).toEqual(['stale_timestamp', null]);
    expect(received[0].event.id).toBe(received[1].event.id);
    expect(received[1].plain?.out_trade_no).toBe(no);
  });

  it('duplicate: the same accepted notification arrives twice', async () => {
    const { no } = await prepaid();
    await devPay(no, 'duplicate');
    await sim.pay!.notifier.whenIdle();
    expect(received).toHaveLength(2);
    expect(received[0].body).toBe(received[1].body);
    expect(received.every((r) => r.failure === null && r.plain?.out_trade_no === no)).toBe(true);
  });

  it('wrong_amount: a correctly signed notification claiming more than was paid; the transaction keeps the real amount', async () => {
    const { no } = await prepaid();
    await devPay(no, 'wrong_amount');
    await sim.pay!.notifier.whenIdle();
    expect(received).toHaveLength(1);
    expect(received[0].failure).toBeNull();
    expect(received[0].plain?.amount).toMatchObject({ total: 1001, payer_total: 1001 });
    expect((await query(no)).json.amount).toMatchObject({ total: 1000, payer_total: 1000 });
  });

  it('no_notify: paid, but never told (for the reconcile job)', async () => {
    const { no } = await prepaid();
    const before = (await attempts()).length;
    const { json } = await devPay(no, 'no_notify');
    await sim.pay!.notifier.whenIdle();
    expect(received).toHaveLength(0);
    expect((await attempts()).length).toBe(before);
    expect((await query(no)).json).toMatchObject({ trade_state: 'SUCCESS', transaction_id: json.transactionId });
  });

  it('partner notifications carry the service provider and sub-merchant and use its APIv3 key', async () => {
    const no = tradeNo();
    expect((await call('POST', '/v3/pay/partner/transactions/jsapi', partnerPrepay(no), { creds: spCreds })).status).toBe(200);
    expect((await devPay(no, undefined, { sub_mchid: SP.sub })).status).toBe(200);
    await sim.pay!.notifier.whenIdle();
    expect(received[0].plain).toMatchObject({ sp_appid: APPID, sp_mchid: SP.mchid, sub_mchid: SP.sub, payer: { sp_openid: 'o_buyer_0002' }, trade_state: 'SUCCESS' });
    expect(() => decryptResource(received[0].event.resource, Buffer.from(DIRECT.apiV3Key))).toThrow();
  });

  it('stops every retry when stopped', async () => {
    const other = createWeChatSimulator({ appid: APPID, secret: SECRET, now, pay: payOptions({ notifyTimeScale: 0.01 }) });
    const server = http.createServer(other.app.callback());
    const base = await listen(server);
    try {
      const no = tradeNo();
      expect((await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no), { base })).status).toBe(200);
      answers.push(500, 500, 500, 500, 500, 500, 500, 500);
      await fetch(`${base}/dev/pay`, { method: 'POST', body: JSON.stringify({ out_trade_no: no }) });
      await eventually(() => other.pay!.notifier.attempts.length >= 1);
      other.pay!.stop();
      const count = other.pay!.notifier.attempts.length;
      expect(count).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(other.pay!.notifier.attempts.length).toBe(count);
      await other.pay!.notifier.whenIdle();
    } finally {
      await close(server);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Close and refunds.

describe('close', () => {
  it('answers 204 signed over an empty body, and the order can no longer be paid', async () => {
    const { no, prepayId } = await prepaid();
    const closed = await call('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: DIRECT.mchid });
    expect(closed.status).toBe(204);
    expect(closed.text).toBe('');
    expect(closed.verified).toBeNull();
    expect((await query(no)).json).toMatchObject({ trade_state: 'CLOSED' });
    const pay = await control('/dev/pay-sheet', { ...payParams(prepayId), choice: 'pay' });
    expect({ status: pay.status, code: pay.json.error?.code }).toEqual({ status: 400, code: 'ORDER_CLOSED' });
    const again = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(no));
    expect({ status: again.status, code: again.json.code }).toEqual({ status: 400, code: 'ORDER_CLOSED' });
    const unknown = await call('POST', `/v3/pay/transactions/out-trade-no/NOSUCHORDER1/close`, { mchid: DIRECT.mchid });
    expect({ status: unknown.status, code: unknown.json.code }).toEqual({ status: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('refuses to close a paid order, and closes partner orders by sp_mchid and sub_mchid', async () => {
    const { no } = await prepaid();
    await devPay(no, 'no_notify');
    const paid = await call('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: DIRECT.mchid });
    expect({ status: paid.status, code: paid.json.code }).toEqual({ status: 400, code: 'ORDERPAID' });
    const pno = tradeNo();
    await call('POST', '/v3/pay/partner/transactions/jsapi', partnerPrepay(pno), { creds: spCreds });
    const closed = await call('POST', `/v3/pay/partner/transactions/out-trade-no/${pno}/close`, { sp_mchid: SP.mchid, sub_mchid: SP.sub }, { creds: spCreds });
    expect(closed.status).toBe(204);
  });
});

describe('refunds', () => {
  const refund = (no: string, outRefundNo: string, amount: number, extra: Record<string, unknown> = {}) =>
    call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: no,
      out_refund_no: outRefundNo,
      reason: '缺斤少两',
      notify_url: notifyUrl,
      amount: { refund: amount, total: 1000, currency: 'CNY' },
      ...extra,
    });

  it('are idempotent, never exceed what was paid, and settle SUCCESS, ABNORMAL or CLOSED with notifications', async () => {
    const { no } = await prepaid();
    const unpaid = await refund(no, `R${no}0`, 100);
    expect({ status: unpaid.status, code: unpaid.json.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    await devPay(no, 'no_notify');

    const r1 = await refund(no, `R${no}1`, 300);
    expect(r1.status).toBe(200);
    expect(r1.verified).toBeNull();
    expect(r1.json).toMatchObject({ out_refund_no: `R${no}1`, out_trade_no: no, status: 'PROCESSING', amount: { refund: 300, total: 1000, payer_refund: 300 } });
    expect(r1.json.refund_id).toMatch(/^\d{29}$/);
    const same = await refund(no, `R${no}1`, 300);
    expect(same.json.refund_id).toBe(r1.json.refund_id);
    const changed = await refund(no, `R${no}1`, 301);
    expect({ status: changed.status, code: changed.json.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    const tooLarge = await refund(no, `R${no}2`, 701);
    expect({ status: tooLarge.status, code: tooLarge.json.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    const wrongTotal = await refund(no, `R${no}2`, 100, { amount: { refund: 100, total: 999, currency: 'CNY' } });
    expect(wrongTotal.status).toBe(400);
    const noOrder = await refund('NOSUCHORDER9', `R${no}9`, 100);
    expect({ status: noOrder.status, code: noOrder.json.code }).toEqual({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
    expect((await query(no)).json.trade_state).toBe('REFUND');

    expect((await refund(no, `R${no}2`, 500)).status).toBe(200);
    expect((await refund(no, `R${no}3`, 200)).status).toBe(200);
    // 1000 of 1000 is now refunded or on its way.
    expect((await refund(no, `R${no}4`, 1)).status).toBe(400);
    expect(received).toHaveLength(0); // refundSettleMs null: nothing settles by itself

    for (const [suffix, status] of [
      ['1', 'SUCCESS'],
      ['2', 'ABNORMAL'],
      ['3', 'CLOSED'],
    ] as const) {
      const settled = await control('/dev/refund-result', { out_refund_no: `R${no}${suffix}`, status });
      expect(settled.json.status).toBe(status);
    }
    await sim.pay!.notifier.whenIdle();
    expect(received.map((r) => [r.event.event_type, r.event.resource.associated_data, r.plain?.out_refund_no, r.plain?.refund_status])).toEqual([
      ['REFUND.SUCCESS', 'refund', `R${no}1`, 'SUCCESS'],
      ['REFUND.ABNORMAL', 'refund', `R${no}2`, 'ABNORMAL'],
      ['REFUND.CLOSED', 'refund', `R${no}3`, 'CLOSED'],
    ]);
    expect(received[0].plain).toMatchObject({
      mchid: DIRECT.mchid,
      out_trade_no: no,
      refund_id: r1.json.refund_id,
      success_time: expect.stringMatching(/\+08:00$/),
      amount: { total: 1000, refund: 300, payer_total: 1000, payer_refund: 300 },
      user_received_account: expect.any(String),
    });
    // A success is final.
    expect((await control('/dev/refund-result', { out_refund_no: `R${no}1`, status: 'CLOSED' })).status).toBe(409);

    // The closed 200 may be refunded again; no more.
    expect((await refund(no, `R${no}5`, 200)).status).toBe(200);
    expect((await refund(no, `R${no}6`, 1)).status).toBe(400);

    const q = await call('GET', `/v3/refund/domestic/refunds/R${no}2`);
    expect(q.json).toMatchObject({ status: 'ABNORMAL', amount: { refund: 500 } });
    expect(q.verified).toBeNull();
    const missing = await call('GET', `/v3/refund/domestic/refunds/NOSUCHREFUND`);
    expect({ status: missing.status, code: missing.json.code }).toEqual({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
  });

  it('need sub_mchid in partner mode, and settle by themselves after refundSettleMs', async () => {
    const other = createWeChatSimulator({ appid: APPID, secret: SECRET, now, pay: payOptions({ refundSettleMs: 20 }) });
    const server = http.createServer(other.app.callback());
    const base = await listen(server);
    try {
      const no = tradeNo();
      await call('POST', '/v3/pay/partner/transactions/jsapi', partnerPrepay(no), { creds: spCreds, base });
      await fetch(`${base}/dev/pay`, { method: 'POST', body: JSON.stringify({ out_trade_no: no, inject: 'no_notify' }) });
      const body = { out_trade_no: no, out_refund_no: `R${no}`, notify_url: spNotifyUrl, amount: { refund: 500, total: 2500, currency: 'CNY' } };
      const noSub = await call('POST', '/v3/refund/domestic/refunds', body, { creds: spCreds, base });
      expect(noSub.status).toBe(400);
      const r = await call('POST', '/v3/refund/domestic/refunds', { ...body, sub_mchid: SP.sub }, { creds: spCreds, base });
      expect(r.json.status).toBe('PROCESSING');
      await eventually(() => received.length > 0);
      await other.pay!.notifier.whenIdle();
      const q = await call('GET', `/v3/refund/domestic/refunds/R${no}?sub_mchid=${SP.sub}`, undefined, { creds: spCreds, base });
      expect(q.json.status).toBe('SUCCESS');
      expect(received.map((x) => [x.event.event_type, x.plain?.sp_mchid, x.plain?.sub_mchid])).toEqual([['REFUND.SUCCESS', SP.mchid, SP.sub]]);
    } finally {
      other.pay!.stop();
      await close(server);
    }
  });

  it('answers an injected WeChat Pay failure once', async () => {
    expect((await control('/dev/pay-fail-next', { status: 429, code: 'FREQUENCY_LIMITED' })).status).toBe(204);
    const limited = await call('POST', '/v3/pay/transactions/jsapi', directPrepay(tradeNo()));
    expect({ status: limited.status, code: limited.json.code, verified: limited.verified }).toEqual({ status: 429, code: 'FREQUENCY_LIMITED', verified: null });
    expect((await call('POST', '/v3/pay/transactions/jsapi', directPrepay(tradeNo()))).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// upload_shipping_info.

describe('upload_shipping_info', () => {
  let token: string;
  beforeAll(async () => {
    const r = await fetch(`${simUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }),
    });
    token = ((await r.json()) as { access_token: string }).access_token;
  });

  const upload = (body: object, accessToken = token) =>
    fetch(`${simUrl}/wxa/sec/order/upload_shipping_info?access_token=${accessToken}`, { method: 'POST', body: JSON.stringify(body) }).then(
      (r) => r.json() as Promise<{ errcode: number; errmsg: string }>,
    );

  const shipping = (transactionId: string, overrides: Record<string, unknown> = {}) => ({
    order_key: { order_number_type: 2, transaction_id: transactionId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: 'YT3750696145732', express_company: 'YTO', item_desc: '土鸡蛋 30枚*1' }],
    upload_time: beijing(now()),
    payer: { openid: 'o_buyer_0001' },
    ...overrides,
  });

  async function paidOrder(): Promise<{ no: string; transactionId: string }> {
    const { no } = await prepaid();
    const { json } = await devPay(no, 'no_notify');
    return { no, transactionId: json.transactionId as string };
  }

  it('accepts a valid upload, keeps it, and says when nothing changed', async () => {
    const { no, transactionId } = await paidOrder();
    expect(await upload(shipping(transactionId))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await upload(shipping(transactionId))).errcode).toBe(10060023);
    const kept = ((await (await fetch(`${simUrl}/dev/shipping-info`)).json()) as { items: { transactionId: string; outTradeNo: string; request: { shipping_list: unknown[] } }[] }).items;
    const mine = kept.filter((u) => u.transactionId === transactionId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ outTradeNo: no, request: { shipping_list: [{ express_company: 'YTO' }] } });

    // One re-shipment with new information is allowed, a second is not.
    const later = (s: number) => beijing(now() + s * 1000);
    const corrected = shipping(transactionId, { upload_time: later(5), shipping_list: [{ tracking_no: 'YT0000000000001', express_company: 'YTO', item_desc: '土鸡蛋 30枚*1' }] });
    expect((await upload(corrected)).errcode).toBe(0);
    const again = shipping(transactionId, { upload_time: later(10), shipping_list: [{ tracking_no: 'YT0000000000002', express_company: 'YTO', item_desc: '土鸡蛋 30枚*1' }] });
    expect((await upload(again)).errcode).toBe(10060003);
  });

  it('finds the payment by mchid and out_trade_no too', async () => {
    const { no } = await paidOrder();
    expect((await upload(shipping('', { order_key: { order_number_type: 1, mchid: DIRECT.mchid, out_trade_no: no } }))).errcode).toBe(0);
  });

  it('refuses per WeChat’s errcodes', async () => {
    const { transactionId } = await paidOrder();
    const { no: unpaidNo } = await prepaid();
    const item = { tracking_no: 'SF1234567890', express_company: 'YTO', item_desc: '茶叶' };
    const cases: [Record<string, unknown>, number][] = [
      [{ order_key: { order_number_type: 2, transaction_id: '4200000000202401010000000000' } }, 10060001],
      [{ order_key: { order_number_type: 1, mchid: DIRECT.mchid, out_trade_no: unpaidNo } }, 10060001],
      [{ order_key: { order_number_type: 3 } }, 268485194],
      [{ order_key: { order_number_type: 2 } }, 268485195],
      [{ order_key: { order_number_type: 1, out_trade_no: unpaidNo } }, 268485196],
      [{ order_key: { order_number_type: 1, mchid: DIRECT.mchid } }, 268485197],
      [{ payer: { openid: 'o_someone_else' } }, 10060031],
      [{ logistics_type: 5 }, 10060005],
      [{ delivery_mode: 3 }, 268485224],
      [{ delivery_mode: 2, logistics_type: 4 }, 10060006],
      [{ delivery_mode: 2 }, 10060007],
      [{ shipping_list: [item, item] }, 268485228],
      [{ delivery_mode: 2, is_all_delivered: false, shipping_list: Array.from({ length: 16 }, () => item) }, 10060024],
      [{ shipping_list: [] }, 10060014],
      [{ shipping_list: [{ ...item, item_desc: '' }] }, 10060008],
      [{ shipping_list: [{ ...item, item_desc: '蛋'.repeat(121) }] }, 10060009],
      [{ shipping_list: [{ express_company: 'YTO', item_desc: '茶叶' }] }, 268485226],
      [{ shipping_list: [{ tracking_no: '1'.repeat(129), express_company: 'YTO', item_desc: '茶叶' }] }, 10060026],
      [{ shipping_list: [{ tracking_no: '123', item_desc: '茶叶' }] }, 268485227],
      [{ shipping_list: [{ ...item, express_company: 'NOSUCHCOURIER' }] }, 10060014],
      [{ shipping_list: [{ ...item, express_company: 'SF' }] }, 10060014],
      [{ shipping_list: [{ ...item, contact: { receiver_contact: '13912345678' } }] }, 10060014],
      [{ upload_time: '2024-01-01 12:00:00' }, 268485216],
      [{ payer: {} }, 10060014],
    ];
    for (const [overrides, errcode] of cases) {
      expect({ overrides, errcode: (await upload(shipping(transactionId, overrides))).errcode }).toEqual({ overrides, errcode });
    }
    expect((await upload(shipping(transactionId), 'not-a-token')).errcode).toBe(40001);
    // SF with a masked receiver contact, and non-express logistics without a courier, are fine.
    const sf = { shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '茶叶', contact: { receiver_contact: '139****5678' } }] };
    expect((await upload(shipping(transactionId, sf))).errcode).toBe(0);
    const { transactionId: pickup } = await paidOrder();
    expect((await upload(shipping(pickup, { logistics_type: 4, shipping_list: [{ item_desc: '自提 土鸡蛋' }] }))).errcode).toBe(0);
  });

  it('refuses a payment refunded in full (10060004) and fails the next upload when told', async () => {
    const { no, transactionId } = await paidOrder();
    const full = await call('POST', '/v3/refund/domestic/refunds', { out_trade_no: no, out_refund_no: `F${no}`, amount: { refund: 1000, total: 1000, currency: 'CNY' } });
    expect(full.status).toBe(200);
    expect((await upload(shipping(transactionId))).errcode).toBe(10060004);

    const { transactionId: other } = await paidOrder();
    expect((await control('/dev/shipping-info-fail-next', { errcode: -1 })).status).toBe(204);
    expect((await upload(shipping(other))).errcode).toBe(-1);
    expect((await upload(shipping(other))).errcode).toBe(0);
  });
});
