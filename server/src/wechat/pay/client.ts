// Our WeChat Pay API v3 client (a direct merchant, or a service provider for its sub-merchants):
// JSAPI prepay and wx.requestPayment's parameters, query, close, refunds, and notifications.
// Every request is signed with the merchant key; every answer and notification is verified with
// WeChat Pay's key before anything in it is believed. Returns our camelCase shapes.
import type { KeyObject } from 'node:crypto';
import type { PaymentParams } from '../../../../contract/payments';
import { AppError } from '../../errors';
import {
  authorization,
  decryptResource,
  nonceStr,
  paySignMessage,
  privateKeyFromPem,
  publicKeyFromPem,
  rsaSign,
  signedHeadersOf,
  unixSeconds,
  verifySigned,
  type SignedHeaders,
  type VerifyFailure,
} from './crypto';
import type { PlatformKey } from './config';
import { beijingTime, cutText } from './time';
import { ErrorWire, NotificationWire, toRefund, toRefundNotification, toTransaction, type RefundResult, type TransactionResult } from './wire';

export type { RefundResult, TransactionResult } from './wire';
export type PayMode = 'direct' | 'partner';

export type PayNotification =
  | { id: string; eventType: 'TRANSACTION.SUCCESS'; transaction: TransactionResult }
  | { id: string; eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; refund: RefundResult & { mchid: string; subMchid: string | null } }
  /** Anything else: acknowledged, ignored. */
  | { id: string; eventType: string; other: unknown };

/**
 * WeChat Pay answered (verifiably) with an error: its HTTP status and its code (ORDER_NOT_EXIST,
 * ORDERPAID, NOT_ENOUGH, SIGN_ERROR, PARAM_ERROR…). To our own callers it is WECHAT_UNAVAILABLE
 * (details: WeChat's code): WeChat's statuses are not ours, and its 401 must not read as "log in".
 */
export class WeChatPayError extends AppError {
  constructor(
    readonly wechatStatus: number,
    readonly wechatCode: string,
    wechatMessage: string,
  ) {
    super('WECHAT_UNAVAILABLE', `WeChat Pay ${wechatStatus} ${wechatCode}: ${wechatMessage}`, { code: wechatCode });
    this.name = 'WeChatPayError';
  }
}

/**
 * An answer that did not verify (or could not be read): nothing in it is believed. It counts as
 * WeChat Pay being unavailable, since what really happened there is unknown.
 */
export class UnverifiedResponse extends AppError {
  constructor(
    readonly api: string,
    readonly reason: VerifyFailure | 'bad_body',
  ) {
    super('WECHAT_UNAVAILABLE', `WeChat Pay's answer to ${api} could not be trusted (${reason})`, { reason });
    this.name = 'UnverifiedResponse';
  }
}

/** A notification we refuse (WeChat Pay retries it; a forged one changes nothing). */
export class NotificationRejected extends Error {
  constructor(readonly reason: VerifyFailure | 'bad_body' | 'decrypt_failed') {
    super(`WeChat Pay notification rejected: ${reason}`);
    this.name = 'NotificationRejected';
  }
}

export interface WeChatPayClientOptions {
  mode: PayMode;
  /** The mini-program's appid (sp_appid in partner mode). */
  appid: string;
  /** The merchant id (sp_mchid in partner mode). */
  mchid: string;
  /** The merchant API certificate's serial. */
  serialNo: string;
  privateKeyPem: string;
  apiV3Key: string;
  platformKeys: PlatformKey[];
  baseUrl: () => string;
  notifyUrl: () => string;
  now?: () => Date;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

/** WeChat Pay's limits on free text (characters). */
const DESCRIPTION_MAX = 127;
const ATTACH_MAX = 128;
const REFUND_REASON_MAX = 80;
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const USER_AGENT = `CunShop (WeChat Pay API v3; node ${process.version})`;

interface Answer {
  status: number;
  json: unknown;
}

export class WeChatPayClient {
  readonly mode: PayMode;
  readonly appid: string;
  readonly mchid: string;
  private readonly privateKey: KeyObject;
  private readonly apiV3Key: Buffer;
  private readonly platformKeys: ReadonlyMap<string, KeyObject>;
  /** Named in Wechatpay-Serial on requests: WeChat Pay's key we expect it to answer with. */
  private readonly preferredSerial: string | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: WeChatPayClientOptions) {
    this.mode = opts.mode;
    this.appid = opts.appid;
    this.mchid = opts.mchid;
    this.privateKey = privateKeyFromPem(opts.privateKeyPem);
    this.apiV3Key = Buffer.from(opts.apiV3Key, 'utf8');
    if (this.apiV3Key.length !== 32) throw new Error('The WeChat Pay APIv3 key must be 32 bytes');
    if (opts.platformKeys.length === 0) throw new Error("WeChat Pay's public key or a platform certificate is needed to verify its answers");
    this.platformKeys = new Map(opts.platformKeys.map((k) => [k.serial, publicKeyFromPem(k.pem)]));
    this.preferredSerial = (opts.platformKeys.find((k) => k.serial.startsWith('PUB_KEY_ID_')) ?? opts.platformKeys[0]).serial;
    this.now = opts.now ?? (() => new Date());
  }

  /** JSAPI prepay: the order WeChat Pay will show the buyer; answers its prepay id. */
  async prepayJsapi(i: { outTradeNo: string; description: string; amountFen: number; payerOpenid: string; timeExpire: Date; subMchid: string | null; attach?: string }): Promise<{ prepayId: string }> {
    checkOutTradeNo(i.outTradeNo);
    if (!Number.isInteger(i.amountFen) || i.amountFen < 1) throw new Error(`prepayJsapi: amount must be a positive whole number of fen, not ${i.amountFen}`);
    const subMchid = this.subMchidFor(i.subMchid);
    const common = {
      description: cutText(i.description, DESCRIPTION_MAX),
      out_trade_no: i.outTradeNo,
      time_expire: beijingTime(i.timeExpire),
      notify_url: this.opts.notifyUrl(),
      ...(i.attach ? { attach: cutText(i.attach, ATTACH_MAX) } : {}),
      amount: { total: i.amountFen, currency: 'CNY' },
    };
    const answer =
      this.mode === 'partner'
        ? await this.call('prepay', 'POST', '/v3/pay/partner/transactions/jsapi', {
            sp_appid: this.appid,
            sp_mchid: this.mchid,
            sub_mchid: subMchid,
            ...common,
            payer: { sp_openid: i.payerOpenid },
          })
        : await this.call('prepay', 'POST', '/v3/pay/transactions/jsapi', {
            appid: this.appid,
            mchid: this.mchid,
            ...common,
            payer: { openid: i.payerOpenid },
          });
    const prepayId = (answer.json as { prepay_id?: unknown } | null)?.prepay_id;
    if (typeof prepayId !== 'string' || !prepayId) throw new UnverifiedResponse('prepay', 'bad_body');
    return { prepayId };
  }

  /** wx.requestPayment's parameters for a prepay id, signed with the merchant key. */
  paymentParams(prepayId: string, now: Date = this.now()): PaymentParams {
    const timeStamp = String(unixSeconds(now));
    const nonce = nonceStr();
    const pkg = `prepay_id=${prepayId}`;
    return {
      appId: this.appid,
      timeStamp,
      nonceStr: nonce,
      package: pkg,
      signType: 'RSA',
      paySign: rsaSign(paySignMessage(this.appid, timeStamp, nonce, pkg), this.privateKey),
    };
  }

  /** The transaction for our out_trade_no; null when WeChat Pay has none (ORDER_NOT_EXIST). */
  async queryByOutTradeNo(outTradeNo: string, subMchid: string | null): Promise<TransactionResult | null> {
    checkOutTradeNo(outTradeNo);
    const no = encodeURIComponent(outTradeNo);
    const sub = this.subMchidFor(subMchid);
    const path =
      this.mode === 'partner'
        ? `/v3/pay/partner/transactions/out-trade-no/${no}?sp_mchid=${this.mchid}&sub_mchid=${encodeURIComponent(sub ?? '')}`
        : `/v3/pay/transactions/out-trade-no/${no}?mchid=${this.mchid}`;
    let answer: Answer;
    try {
      answer = await this.call('query', 'GET', path);
    } catch (err) {
      if (err instanceof WeChatPayError && err.wechatCode === 'ORDER_NOT_EXIST') return null;
      throw err;
    }
    const transaction = toTransaction(answer.json);
    if (!transaction || transaction.outTradeNo !== outTradeNo) throw new UnverifiedResponse('query', 'bad_body');
    return transaction;
  }

  /** Closes an unpaid WeChat Pay order, so it can no longer be paid (WeChat answers 204). */
  async close(outTradeNo: string, subMchid: string | null): Promise<void> {
    checkOutTradeNo(outTradeNo);
    const no = encodeURIComponent(outTradeNo);
    const sub = this.subMchidFor(subMchid);
    if (this.mode === 'partner') {
      await this.call('close', 'POST', `/v3/pay/partner/transactions/out-trade-no/${no}/close`, { sp_mchid: this.mchid, sub_mchid: sub });
    } else {
      await this.call('close', 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: this.mchid });
    }
  }

  /** Asks for a refund; the same out_refund_no again is the same refund (idempotent at WeChat Pay). */
  async refund(i: { outTradeNo: string; outRefundNo: string; reason: string; refundFen: number; totalFen: number; subMchid: string | null }): Promise<RefundResult> {
    checkOutTradeNo(i.outTradeNo);
    checkOutRefundNo(i.outRefundNo);
    if (!Number.isInteger(i.refundFen) || i.refundFen < 1 || !Number.isInteger(i.totalFen) || i.refundFen > i.totalFen) {
      throw new Error(`refund: ${i.refundFen} fen of ${i.totalFen} is not a refundable amount`);
    }
    const reason = cutText(i.reason, REFUND_REASON_MAX);
    const sub = this.subMchidFor(i.subMchid);
    const answer = await this.call('refund', 'POST', '/v3/refund/domestic/refunds', {
      ...(this.mode === 'partner' ? { sub_mchid: sub } : {}),
      out_trade_no: i.outTradeNo,
      out_refund_no: i.outRefundNo,
      ...(reason ? { reason } : {}),
      notify_url: this.opts.notifyUrl(),
      amount: { refund: i.refundFen, total: i.totalFen, currency: 'CNY' },
    });
    const refund = toRefund(answer.json);
    if (!refund || refund.outRefundNo !== i.outRefundNo) throw new UnverifiedResponse('refund', 'bad_body');
    return refund;
  }

  /** The refund for our out_refund_no; null when WeChat Pay has none (RESOURCE_NOT_EXISTS). */
  async queryRefund(outRefundNo: string, subMchid: string | null): Promise<RefundResult | null> {
    checkOutRefundNo(outRefundNo);
    const sub = this.subMchidFor(subMchid);
    const path = `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}${this.mode === 'partner' ? `?sub_mchid=${encodeURIComponent(sub ?? '')}` : ''}`;
    let answer: Answer;
    try {
      answer = await this.call('refund query', 'GET', path);
    } catch (err) {
      if (err instanceof WeChatPayError && (err.wechatCode === 'RESOURCE_NOT_EXISTS' || err.wechatCode === 'ResourceNotExists')) return null;
      throw err;
    }
    const refund = toRefund(answer.json);
    if (!refund || refund.outRefundNo !== outRefundNo) throw new UnverifiedResponse('refund query', 'bad_body');
    return refund;
  }

  /**
   * A notification WeChat Pay posted to us: verified (signature over the raw body, clock window,
   * known serial), then its resource decrypted with the APIv3 key. Throws NotificationRejected.
   */
  parseNotification(headers: SignedHeaders, rawBody: string, now: Date = this.now()): PayNotification {
    const failure = verifySigned(headers, rawBody, this.platformKeys, now);
    if (failure) throw new NotificationRejected(failure);
    let envelope;
    try {
      envelope = NotificationWire.parse(JSON.parse(rawBody));
    } catch {
      throw new NotificationRejected('bad_body');
    }
    let plaintext: string;
    try {
      plaintext = decryptResource({ ...envelope.resource, associated_data: envelope.resource.associated_data ?? '' }, this.apiV3Key);
    } catch {
      throw new NotificationRejected('decrypt_failed');
    }
    let resource: unknown;
    try {
      resource = JSON.parse(plaintext);
    } catch {
      throw new NotificationRejected('bad_body');
    }
    const { id, event_type: eventType } = envelope;
    if (eventType === 'TRANSACTION.SUCCESS') {
      const transaction = toTransaction(resource);
      if (!transaction) throw new NotificationRejected('bad_body');
      return { id, eventType, transaction };
    }
    if (eventType === 'REFUND.SUCCESS' || eventType === 'REFUND.ABNORMAL' || eventType === 'REFUND.CLOSED') {
      const refund = toRefundNotification(resource);
      if (!refund) throw new NotificationRejected('bad_body');
      return { id, eventType, refund };
    }
    return { id, eventType, other: resource };
  }

  /** Partner mode needs the shop's sub-merchant; a direct merchant has none. */
  private subMchidFor(subMchid: string | null): string | null {
    if (this.mode === 'partner' && !subMchid) throw new Error('WeChat Pay partner mode needs the shop’s sub_mchid');
    if (this.mode === 'direct' && subMchid) throw new Error('A direct WeChat Pay merchant has no sub-merchants');
    return subMchid;
  }

  /** One signed request; the answer is verified before it is read. Errors are WeChatPayError (verified) or AppError. */
  private async call(api: string, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<Answer> {
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      Authorization: authorization({ mchid: this.mchid, serialNo: this.opts.serialNo, privateKey: this.privateKey }, method, pathAndQuery, bodyText, this.now()),
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.preferredSerial) headers['Wechatpay-Serial'] = this.preferredSerial;
    // The path is signed as WeChat Pay sees it, relative to the base (a simulator may sit under a prefix).
    const url = this.opts.baseUrl().replace(/\/+$/, '') + pathAndQuery;
    let res: Response;
    let text: string;
    try {
      res = await (this.opts.fetchImpl ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : bodyText,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
      });
      text = await res.text();
    } catch (err) {
      throw new AppError('WECHAT_UNAVAILABLE', `Could not reach WeChat Pay (${api})`, { cause: (err as Error).name });
    }
    const failure = verifySigned(signedHeadersOf((name) => res.headers.get(name)), text, this.platformKeys, this.now());
    if (failure) throw new UnverifiedResponse(api, failure);
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new UnverifiedResponse(api, 'bad_body');
      }
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, json };
    const error = ErrorWire.safeParse(json);
    if (!error.success) throw new UnverifiedResponse(api, 'bad_body');
    throw new WeChatPayError(res.status, error.data.code, error.data.message ?? '');
  }
}

function checkOutTradeNo(no: string): void {
  if (!OUT_TRADE_NO.test(no)) throw new Error(`Not a WeChat Pay out_trade_no: ${no}`);
}

function checkOutRefundNo(no: string): void {
  if (!OUT_REFUND_NO.test(no)) throw new Error(`Not a WeChat Pay out_refund_no: ${no}`);
}
