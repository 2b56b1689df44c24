// Our WeChat Pay client against the simulator's WeChat Pay (direct and partner), wired the way the
// server wires it (config → bootstrap → services.wechatPay); notifications it receives parsed and
// verified; answers that do not verify refused; and the shipping-info upload.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import { Formatter, Rsa } from 'wechatpay-axios-plugin';
import { startHarness, type Harness } from './harness';
import { SIMULATOR_APPID } from '../../server/src/config';
import { SIMULATOR_PREFIX } from '../../contract/paths';
import mount from '../../server/src/http/mount';
import { AppError } from '../../server/src/errors';
import { NotificationRejected, UnverifiedResponse, WeChatPayClient, WeChatPayError, type WeChatPayClientOptions } from '../../server/src/wechat/pay/client';
import { generatePayKeys, type PayKeySet } from '../../server/src/wechat/pay/dev-keys';
import { parseAuthorization, signedHeadersOf, type SignedHeaders } from '../../server/src/wechat/pay/crypto';
import { uploadShippingInfo } from '../../server/src/wechat/shipping-info';
import { cutText } from '../../server/src/wechat/pay/time';
import { WeChatApiError } from '../../server/src/wechat/http';

const SUB_MCHID = '1900000109';

/** A local HTTP server that keeps what it got and answers as told. */
interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
async function startRecorder(answer: (r: Received, res: http.ServerResponse) => void = (_r, res) => res.writeHead(204).end()) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const headersOf = (r: Received): SignedHeaders => signedHeadersOf((name) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
});

/** The notifications among `received` that `client` accepts (probes and forgeries are not), with what was received. */
const acceptedBy = (client: WeChatPayClient, received: Received[]) =>
  received.flatMap((r) => {
    try {
      return [{ r, n: client.parseNotification(headersOf(r), r.body) }];
    } catch {
      return [];
    }
  });

async function until<T>(what: () => T | undefined | Promise<T | undefined>, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const outTradeNo = () => `CS${randomBytes(8).toString('hex').toUpperCase()}`;
const inAnHour = () => new Date(Date.now() + 3_600_000);

async function devPay(h: Harness, no: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${h.simulatorUrl}/dev/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ out_trade_no: no, ...extra }) });
  if (!res.ok) throw new Error(`dev/pay ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { transactionId: string }).transactionId;
}

async function simOrder(h: Harness, no: string) {
  const res = await fetch(`${h.simulatorUrl}/dev/pay-orders`);
  const { orders } = (await res.json()) as { orders: Record<string, unknown>[] };
  return orders.find((o) => o.out_trade_no === no);
}

function clientFor(h: Harness, keys: PayKeySet, over: Partial<WeChatPayClientOptions> = {}): WeChatPayClient {
  return new WeChatPayClient({
    mode: 'direct',
    appid: SIMULATOR_APPID,
    mchid: keys.mchid,
    serialNo: keys.merchantSerialNo,
    privateKeyPem: keys.merchantPrivateKeyPem,
    apiV3Key: keys.apiV3Key,
    platformKeys: [{ serial: keys.publicKeyId, pem: keys.platformPublicKeyPem }],
    baseUrl: () => h.simulatorUrl,
    notifyUrl: () => `${h.appUrl}/api/v1/payments/wechat/notify`,
    ...over,
  });
}

describe('direct merchant', () => {
  let h: Harness;
  let pay: WeChatPayClient;
  let other: PayKeySet;
  beforeAll(async () => {
    h = await startHarness();
    pay = h.boot.services.wechatPay!;
    other = generatePayKeys(h.payKeys.mchid);
  });
  afterAll(() => h.close());

  it('is wired from the configuration', () => {
    expect(pay).toBeInstanceOf(WeChatPayClient);
    expect({ mode: pay.mode, appid: pay.appid, mchid: pay.mchid }).toEqual({ mode: 'direct', appid: SIMULATOR_APPID, mchid: h.payKeys.mchid });
  });

  it('prepays, hands out verifiable payment parameters, and queries the order unpaid then paid', async () => {
    const no = outTradeNo();
    const expires = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 60_000);
    const { prepayId } = await pay.prepayJsapi({ outTradeNo: no, description: '沁州黄小米 2.5kg ×2', amountFen: 3990, payerOpenid: 'o_buyer_0001', timeExpire: expires, subMchid: null, attach: 'order:1' });
    expect(prepayId).toMatch(/^wx\w+$/);

    const kept = await simOrder(h, no);
    expect(kept).toMatchObject({ prepay_id: prepayId, description: '沁州黄小米 2.5kg ×2', notify_url: `${h.appUrl}/api/v1/payments/wechat/notify`, trade_state: 'NOTPAY' });
    // time_expire went out in Beijing time and means the same instant.
    expect(kept!.time_expire).toMatch(/\+08:00$/);
    expect(new Date(kept!.time_expire as string).getTime()).toBe(expires.getTime());

    const params = pay.paymentParams(prepayId);
    expect(params.package).toBe(`prepay_id=${prepayId}`);
    expect(Rsa.verify(Formatter.joinedByLineFeed(params.appId, params.timeStamp, params.nonceStr, params.package), params.paySign, h.payKeys.merchantPublicKeyPem)).toBe(true);

    // (Whether an unpaid order names its payer is WeChat's business; we do not rely on it.)
    expect(await pay.queryByOutTradeNo(no, null)).toMatchObject({
      outTradeNo: no,
      transactionId: null,
      tradeState: 'NOTPAY',
      amountTotalFen: 3990,
      appid: SIMULATOR_APPID,
      mchid: h.payKeys.mchid,
      subMchid: null,
      successTime: null,
    });

    const transactionId = await devPay(h, no, { inject: 'no_notify' });
    const paid = await pay.queryByOutTradeNo(no, null);
    expect(paid).toMatchObject({ outTradeNo: no, transactionId, tradeState: 'SUCCESS', amountTotalFen: 3990, payerOpenid: 'o_buyer_0001' });
    expect(paid!.successTime).toBeInstanceOf(Date);
    expect(Math.abs(paid!.successTime!.getTime() - Date.now())).toBeLessThan(10_000);

    // The same prepay again is the same; paid, it is refused with WeChat's code.
    await expect(pay.prepayJsapi({ outTradeNo: no, description: '沁州黄小米 2.5kg ×2', amountFen: 3990, payerOpenid: 'o_buyer_0001', timeExpire: expires, subMchid: null, attach: 'order:1' })).rejects.toMatchObject({ wechatCode: 'ORDERPAID', wechatStatus: 400 });
  });

  it('cuts a long description to WeChat’s 127 characters without breaking a character', async () => {
    const no = outTradeNo();
    await pay.prepayJsapi({ outTradeNo: no, description: ` ${'🍎有机苹果'.repeat(40)}`, amountFen: 100, payerOpenid: 'o_buyer_0001', timeExpire: inAnHour(), subMchid: null });
    const description = (await simOrder(h, no))!.description as string;
    // 🍎 is two UTF-16 units, so "🍎有机苹果" is six: 21 of them (126) and the ellipsis; the
    // 22nd apple would not be split.
    expect(description).toBe(`${'🍎有机苹果'.repeat(21)}…`);
    expect(description.length).toBe(127);
    // Where the limit falls inside an emoji, the emoji goes whole: no lone surrogate is sent.
    const odd = cutText(`a${'🍎'.repeat(100)}`, 127);
    expect(odd).toBe(`a${'🍎'.repeat(62)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(odd)).toBe(false);
    expect(cutText('  短  ', 127)).toBe('短');
  });

  it('answers null for an order WeChat Pay does not have, and closes an unpaid one', async () => {
    expect(await pay.queryByOutTradeNo(outTradeNo(), null)).toBeNull();
    const no = outTradeNo();
    await pay.prepayJsapi({ outTradeNo: no, description: '土鸡蛋 30枚', amountFen: 4500, payerOpenid: 'o_buyer_0002', timeExpire: inAnHour(), subMchid: null });
    await expect(pay.close(no, null)).resolves.toBeUndefined();
    expect(await pay.queryByOutTradeNo(no, null)).toMatchObject({ tradeState: 'CLOSED', transactionId: null });
    const err = await devPay(h, no).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const unknown = await pay.close(outTradeNo(), null).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(WeChatPayError);
    expect(unknown).toMatchObject({ wechatStatus: 404, wechatCode: 'ORDER_NOT_EXIST' });
  });

  it('refunds in parts, idempotently per out_refund_no, never beyond what was paid, and queries refunds', async () => {
    const no = outTradeNo();
    await pay.prepayJsapi({ outTradeNo: no, description: '核桃 1kg', amountFen: 6000, payerOpenid: 'o_buyer_0003', timeExpire: inAnHour(), subMchid: null });
    await devPay(h, no, { inject: 'no_notify' });
    const first = await pay.refund({ outTradeNo: no, outRefundNo: `${no}R1`, reason: '称重少了 120 克，按比例退差价', refundFen: 1000, totalFen: 6000, subMchid: null });
    expect(first).toMatchObject({ outRefundNo: `${no}R1`, outTradeNo: no, refundFen: 1000, totalFen: 6000, status: expect.stringMatching(/^(PROCESSING|SUCCESS)$/) });
    expect(first.refundId).toEqual(expect.any(String));
    const again = await pay.refund({ outTradeNo: no, outRefundNo: `${no}R1`, reason: '称重少了 120 克，按比例退差价', refundFen: 1000, totalFen: 6000, subMchid: null });
    expect(again.refundId).toBe(first.refundId);

    const tooMuch = await pay.refund({ outTradeNo: no, outRefundNo: `${no}R2`, reason: '全部退款', refundFen: 5001, totalFen: 6000, subMchid: null }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(WeChatPayError);
    expect((tooMuch as WeChatPayError).wechatStatus).toBe(400);

    const settled = await until(async () => {
      const r = await pay.queryRefund(`${no}R1`, null);
      return r?.status === 'SUCCESS' ? r : undefined;
    });
    expect(settled).toMatchObject({ refundId: first.refundId, refundFen: 1000, totalFen: 6000 });
    expect(settled.successTime).toBeInstanceOf(Date);
    expect(await pay.queryRefund(`${no}R9`, null)).toBeNull();
    expect(await pay.queryByOutTradeNo(no, null)).toMatchObject({ tradeState: 'REFUND' });
  });

  it('turns WeChat Pay’s verified errors into WeChatPayError with its code and status', async () => {
    await fetch(`${h.simulatorUrl}/dev/pay-fail-next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 429, code: 'FREQUENCY_LIMITED', message: '频率超限' }) });
    const err = await pay.queryByOutTradeNo(outTradeNo(), null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatPayError);
    expect(err).toMatchObject({ wechatStatus: 429, wechatCode: 'FREQUENCY_LIMITED' });
    // A request signed with a key WeChat Pay does not hold for this merchant: 401 SIGN_ERROR.
    const forged = clientFor(h, h.payKeys, { privateKeyPem: other.merchantPrivateKeyPem });
    await expect(forged.queryByOutTradeNo(outTradeNo(), null)).rejects.toMatchObject({ wechatStatus: 401, wechatCode: 'SIGN_ERROR' });
  });

  it('refuses an answer that does not verify with WeChat Pay’s key: another key under its serial, an unknown serial, a stale clock', async () => {
    const no = outTradeNo();
    const wrongKey = clientFor(h, h.payKeys, { platformKeys: [{ serial: h.payKeys.publicKeyId, pem: other.platformPublicKeyPem }] });
    const e1 = await wrongKey.prepayJsapi({ outTradeNo: no, description: '香菇', amountFen: 100, payerOpenid: 'o_buyer_0004', timeExpire: inAnHour(), subMchid: null }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(UnverifiedResponse);
    expect(e1).toBeInstanceOf(AppError);
    expect(e1).toMatchObject({ reason: 'bad_signature', code: 'WECHAT_UNAVAILABLE' });
    // Its "not found" is not believed either.
    await expect(wrongKey.queryByOutTradeNo(outTradeNo(), null)).rejects.toMatchObject({ reason: 'bad_signature' });

    const unknownSerial = clientFor(h, h.payKeys, { platformKeys: [{ serial: other.publicKeyId, pem: h.payKeys.platformPublicKeyPem }] });
    await expect(unknownSerial.queryByOutTradeNo(no, null)).rejects.toMatchObject({ reason: 'unknown_serial' });

    const fast = clientFor(h, h.payKeys, { now: () => new Date(Date.now() + 400_000) });
    await expect(fast.queryByOutTradeNo(no, null)).rejects.toMatchObject({ reason: 'stale_timestamp' });
  });

  it('never trusts an unsigned answer, and reports an unreachable or silent WeChat Pay as unavailable', async () => {
    const liar = await startRecorder((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ prepay_id: 'wx_forged' })));
    const silent = await startRecorder(() => undefined);
    try {
      const e1 = await clientFor(h, h.payKeys, { baseUrl: () => liar.url }).prepayJsapi({ outTradeNo: outTradeNo(), description: 'x', amountFen: 1, payerOpenid: 'o', timeExpire: inAnHour(), subMchid: null }).catch((e: unknown) => e);
      expect(e1).toMatchObject({ reason: 'missing_headers', code: 'WECHAT_UNAVAILABLE' });
      const e2 = await clientFor(h, h.payKeys, { baseUrl: () => 'http://127.0.0.1:9' }).queryByOutTradeNo(outTradeNo(), null).catch((e: unknown) => e);
      expect(e2).toBeInstanceOf(AppError);
      expect(e2).not.toBeInstanceOf(UnverifiedResponse);
      expect((e2 as AppError).code).toBe('WECHAT_UNAVAILABLE');
      const started = Date.now();
      const e3 = await clientFor(h, h.payKeys, { baseUrl: () => silent.url, timeoutMs: 200 }).queryByOutTradeNo(outTradeNo(), null).catch((e: unknown) => e);
      expect((e3 as AppError).code).toBe('WECHAT_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await liar.close();
      await silent.close();
    }
  });

  it('signs each request as WeChat Pay checks it: path and query as sent, exact body, its headers', async () => {
    const rec = await startRecorder((_r, res) => res.writeHead(500).end());
    try {
      const client = clientFor(h, h.payKeys, { baseUrl: () => `${rec.url}/` });
      const no = outTradeNo();
      await client.refund({ outTradeNo: no, outRefundNo: `${no}-R1`, reason: ' 退货 ', refundFen: 5, totalFen: 10, subMchid: null }).catch(() => undefined);
      await client.queryByOutTradeNo(no, null).catch(() => undefined);
      expect(rec.received.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v3/refund/domestic/refunds`, `GET /v3/pay/transactions/out-trade-no/${no}?mchid=${h.payKeys.mchid}`]);
      for (const r of rec.received) {
        const auth = parseAuthorization(r.headers.authorization)!;
        expect(auth).toMatchObject({ mchid: h.payKeys.mchid, serialNo: h.payKeys.merchantSerialNo });
        expect(Rsa.verify(Formatter.request(r.method, r.url, auth.timestamp, auth.nonce, r.body), auth.signature, h.payKeys.merchantPublicKeyPem)).toBe(true);
        expect(r.headers).toMatchObject({ accept: 'application/json', 'wechatpay-serial': h.payKeys.publicKeyId, 'user-agent': expect.stringContaining('CunShop') });
      }
      expect(JSON.parse(rec.received[0].body)).toEqual({
        out_trade_no: no,
        out_refund_no: `${no}-R1`,
        reason: '退货',
        notify_url: `${h.appUrl}/api/v1/payments/wechat/notify`,
        amount: { refund: 5, total: 10, currency: 'CNY' },
      });
      expect(rec.received[0].headers['content-type']).toBe('application/json');
      expect(rec.received[1].body).toBe('');
    } finally {
      await rec.close();
    }
  });

  it('works with the simulator under a path prefix, as the development server mounts it', async () => {
    const app = new Koa();
    app.use(mount(SIMULATOR_PREFIX, h.simulator.app));
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = clientFor(h, h.payKeys, { baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${SIMULATOR_PREFIX}` });
      const no = outTradeNo();
      await expect(client.prepayJsapi({ outTradeNo: no, description: '小米', amountFen: 100, payerOpenid: 'o_buyer_0005', timeExpire: inAnHour(), subMchid: null })).resolves.toEqual({ prepayId: expect.any(String) });
      expect(await client.queryByOutTradeNo(no, null)).toMatchObject({ tradeState: 'NOTPAY' });
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });

  it('refuses a partner-mode call without a sub-merchant, and a direct call with one', async () => {
    await expect(pay.queryByOutTradeNo(outTradeNo(), SUB_MCHID)).rejects.toThrow(/direct WeChat Pay merchant has no sub-merchants/);
    const partner = clientFor(h, h.payKeys, { mode: 'partner' });
    await expect(partner.queryByOutTradeNo(outTradeNo(), null)).rejects.toThrow(/sub_mchid/);
    await expect(pay.queryByOutTradeNo('bad no!', null)).rejects.toThrow(/out_trade_no/);
  });

  describe('notifications', () => {
    let rec: Awaited<ReturnType<typeof startRecorder>>;
    const accepted = () => acceptedBy(client, rec.received).map((a) => a.n);
    let client: WeChatPayClient;
    beforeAll(async () => {
      rec = await startRecorder();
      client = clientFor(h, h.payKeys, { notifyUrl: () => `${rec.url}/notify` });
    });
    afterAll(() => rec.close());

    it('a payment’s notification verifies and decrypts to the transaction', async () => {
      const no = outTradeNo();
      await client.prepayJsapi({ outTradeNo: no, description: '黄花菜', amountFen: 2500, payerOpenid: 'o_buyer_0006', timeExpire: inAnHour(), subMchid: null });
      const transactionId = await devPay(h, no);
      const got = await until(() => acceptedBy(client, rec.received).find(({ n }) => 'transaction' in n && n.transaction.outTradeNo === no)?.r);
      const n = client.parseNotification(headersOf(got), got.body);
      expect(n).toEqual({
        id: expect.any(String),
        eventType: 'TRANSACTION.SUCCESS',
        transaction: { outTradeNo: no, transactionId, tradeState: 'SUCCESS', amountTotalFen: 2500, appid: SIMULATOR_APPID, mchid: h.payKeys.mchid, subMchid: null, payerOpenid: 'o_buyer_0006', successTime: expect.any(Date) },
      });

      // Anything altered, or heard too late, or decrypted with another key, is rejected.
      const reject = (headers: SignedHeaders, body: string, now?: Date, c = client) => {
        try {
          c.parseNotification(headers, body, now);
        } catch (e) {
          expect(e).toBeInstanceOf(NotificationRejected);
          return (e as NotificationRejected).reason;
        }
        return 'accepted';
      };
      expect(reject(headersOf(got), got.body.replace('"id":"', '"id":"x'))).toBe('bad_signature');
      expect(reject({ ...headersOf(got), nonce: 'ABC' }, got.body)).toBe('bad_signature');
      expect(reject({ ...headersOf(got), signature: undefined }, got.body)).toBe('missing_headers');
      expect(reject(headersOf(got), got.body, new Date(Date.now() + 301_000))).toBe('stale_timestamp');
      expect(reject(headersOf(got), got.body, undefined, clientFor(h, h.payKeys, { apiV3Key: other.apiV3Key }))).toBe('decrypt_failed');
    });

    it('a probe with a bad signature is rejected; the genuine one that follows is accepted', async () => {
      const no = outTradeNo();
      await client.prepayJsapi({ outTradeNo: no, description: '木耳', amountFen: 1800, payerOpenid: 'o_buyer_0007', timeExpire: inAnHour(), subMchid: null });
      const before = rec.received.length;
      await devPay(h, no, { inject: 'bad_signature' });
      const outcomes = await until(() => {
        const mine = rec.received.slice(before).map((r) => {
          try {
            const n = client.parseNotification(headersOf(r), r.body);
            return 'transaction' in n && n.transaction.outTradeNo === no ? 'accepted' : 'other';
          } catch (e) {
            return (e as NotificationRejected).reason;
          }
        });
        return mine.includes('accepted') ? mine : undefined;
      });
      expect(outcomes).toContain('bad_signature');
    });

    it('a refund’s notification names the refund and the merchant', async () => {
      const no = outTradeNo();
      await client.prepayJsapi({ outTradeNo: no, description: '花椒', amountFen: 3000, payerOpenid: 'o_buyer_0008', timeExpire: inAnHour(), subMchid: null });
      await devPay(h, no, { inject: 'no_notify' });
      const refund = await client.refund({ outTradeNo: no, outRefundNo: `${no}R1`, reason: '买家申请退款', refundFen: 3000, totalFen: 3000, subMchid: null });
      const n = await until(() => {
        for (const parsed of accepted()) {
          if ('refund' in parsed && parsed.eventType === 'REFUND.SUCCESS' && parsed.refund.outRefundNo === `${no}R1`) return parsed;
        }
        return undefined;
      });
      expect(n.refund).toEqual({ outRefundNo: `${no}R1`, outTradeNo: no, refundId: refund.refundId, status: 'SUCCESS', refundFen: 3000, totalFen: 3000, successTime: expect.any(Date), mchid: h.payKeys.mchid, subMchid: null });
    });
  });

  describe('shipping-info upload', () => {
    it('tells WeChat how a paid order left, one parcel or several, and WeChat’s refusals throw with its errcode', async () => {
      const no = outTradeNo();
      await pay.prepayJsapi({ outTradeNo: no, description: '红薯粉条', amountFen: 2000, payerOpenid: 'o_buyer_0009', timeExpire: inAnHour(), subMchid: null });
      const transactionId = await devPay(h, no, { inject: 'no_notify' });
      const uploadedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      await uploadShippingInfo(h.boot.services.wechat, {
        transactionId,
        payerOpenid: 'o_buyer_0009',
        parcels: [{ courierCode: 'SF', trackingNo: 'SF1234567890', receiverPhoneMasked: '138****5678' }],
        itemDesc: `红薯粉条×2 ${'长'.repeat(200)}`,
        uploadedAt,
        allDelivered: true,
      });
      const res = await fetch(`${h.simulatorUrl}/dev/shipping-info`);
      const { items } = (await res.json()) as { items: { transactionId: string; request: Record<string, unknown> }[] };
      const mine = items.filter((i) => i.transactionId === transactionId);
      expect(mine).toHaveLength(1);
      const request = mine[0].request as { shipping_list: { item_desc: string }[]; upload_time: string };
      expect(request).toMatchObject({
        order_key: { order_number_type: 2, transaction_id: transactionId },
        logistics_type: 1,
        delivery_mode: 1,
        shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', contact: { receiver_contact: '138****5678' } }],
        payer: { openid: 'o_buyer_0009' },
      });
      expect(request).not.toHaveProperty('is_all_delivered');
      expect(Array.from(request.shipping_list[0].item_desc)).toHaveLength(120);
      expect(request.upload_time).toMatch(/\+08:00$/);
      expect(new Date(request.upload_time).getTime()).toBe(uploadedAt.getTime());

      // The same again is "not updated" at WeChat: its errcode comes back.
      const again = await uploadShippingInfo(h.boot.services.wechat, {
        transactionId,
        payerOpenid: 'o_buyer_0009',
        parcels: [{ courierCode: 'SF', trackingNo: 'SF1234567890', receiverPhoneMasked: '138****5678' }],
        itemDesc: `红薯粉条×2 ${'长'.repeat(200)}`,
        uploadedAt: new Date(uploadedAt.getTime() + 1000),
        allDelivered: true,
      }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(WeChatApiError);
      expect((again as WeChatApiError).errcode).toBeGreaterThan(0);

      // Several parcels: split delivery, saying whether they are all.
      const no2 = outTradeNo();
      await pay.prepayJsapi({ outTradeNo: no2, description: '苹果', amountFen: 9000, payerOpenid: 'o_buyer_0010', timeExpire: inAnHour(), subMchid: null });
      const t2 = await devPay(h, no2, { inject: 'no_notify' });
      await uploadShippingInfo(h.boot.services.wechat, {
        transactionId: t2,
        payerOpenid: 'o_buyer_0010',
        parcels: [
          { courierCode: 'ZTO', trackingNo: 'ZT0001', receiverPhoneMasked: '139****0001' },
          { courierCode: 'ZTO', trackingNo: 'ZT0002', receiverPhoneMasked: '139****0001' },
        ],
        itemDesc: '苹果 5kg ×2',
        uploadedAt: new Date(),
        allDelivered: false,
      });
      const after = (await (await fetch(`${h.simulatorUrl}/dev/shipping-info`)).json()) as { items: { transactionId: string; request: Record<string, unknown> }[] };
      expect(after.items.find((i) => i.transactionId === t2)?.request).toMatchObject({ delivery_mode: 2, is_all_delivered: false, shipping_list: [{ tracking_no: 'ZT0001' }, { tracking_no: 'ZT0002' }] });
      await expect(uploadShippingInfo(h.boot.services.wechat, { transactionId: t2, payerOpenid: 'o', parcels: [], itemDesc: 'x', uploadedAt: new Date(), allDelivered: true })).rejects.toThrow(/parcels/);
    });
  });
});

describe('service provider (partner mode)', () => {
  let h: Harness;
  let pay: WeChatPayClient;
  beforeAll(async () => {
    h = await startHarness({ WECHATPAY_MODE: 'partner' }, {}, { subMchids: [SUB_MCHID] });
    pay = h.boot.services.wechatPay!;
  });
  afterAll(() => h.close());

  it('prepays, queries, closes and refunds for a sub-merchant', async () => {
    expect(pay.mode).toBe('partner');
    const rec = await startRecorder();
    try {
      const client = clientFor(h, h.payKeys, { mode: 'partner', notifyUrl: () => `${rec.url}/notify` });
      const no = outTradeNo();
      const { prepayId } = await pay.prepayJsapi({ outTradeNo: no, description: '枸杞 500g', amountFen: 5000, payerOpenid: 'o_buyer_0101', timeExpire: inAnHour(), subMchid: SUB_MCHID });
      expect(prepayId).toMatch(/^wx/);
      expect(await pay.queryByOutTradeNo(no, SUB_MCHID)).toMatchObject({ outTradeNo: no, tradeState: 'NOTPAY', appid: SIMULATOR_APPID, mchid: h.payKeys.mchid, subMchid: SUB_MCHID });
      const transactionId = await devPay(h, no, { sub_mchid: SUB_MCHID, inject: 'no_notify' });
      expect(await pay.queryByOutTradeNo(no, SUB_MCHID)).toMatchObject({ transactionId, tradeState: 'SUCCESS', payerOpenid: 'o_buyer_0101', subMchid: SUB_MCHID });

      const refund = await pay.refund({ outTradeNo: no, outRefundNo: `${no}R1`, reason: '少称 50 克', refundFen: 250, totalFen: 5000, subMchid: SUB_MCHID });
      expect(refund).toMatchObject({ refundFen: 250, totalFen: 5000 });
      expect(await until(async () => ((await pay.queryRefund(`${no}R1`, SUB_MCHID))?.status === 'SUCCESS' ? true : undefined))).toBe(true);

      const unpaid = outTradeNo();
      await pay.prepayJsapi({ outTradeNo: unpaid, description: '红枣', amountFen: 100, payerOpenid: 'o_buyer_0101', timeExpire: inAnHour(), subMchid: SUB_MCHID });
      await pay.close(unpaid, SUB_MCHID);
      expect(await pay.queryByOutTradeNo(unpaid, SUB_MCHID)).toMatchObject({ tradeState: 'CLOSED' });

      // A shop whose sub-merchant this provider does not serve.
      await expect(pay.prepayJsapi({ outTradeNo: outTradeNo(), description: '红枣', amountFen: 100, payerOpenid: 'o_buyer_0101', timeExpire: inAnHour(), subMchid: '1900000999' })).rejects.toBeInstanceOf(WeChatPayError);

      // The partner notification: sp_appid/sp_mchid/sub_mchid, payer's sp_openid.
      const no2 = outTradeNo();
      await client.prepayJsapi({ outTradeNo: no2, description: '核桃', amountFen: 700, payerOpenid: 'o_buyer_0102', timeExpire: inAnHour(), subMchid: SUB_MCHID });
      await devPay(h, no2, { sub_mchid: SUB_MCHID });
      const n = await until(() => acceptedBy(client, rec.received).map((a) => a.n).find((x) => 'transaction' in x && x.transaction.outTradeNo === no2));
      if (!('transaction' in n)) throw new Error('not a transaction');
      expect(n.transaction).toMatchObject({ appid: SIMULATOR_APPID, mchid: h.payKeys.mchid, subMchid: SUB_MCHID, payerOpenid: 'o_buyer_0102', amountTotalFen: 700 });
    } finally {
      await rec.close();
    }
  });
});
