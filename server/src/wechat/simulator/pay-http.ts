// The simulated WeChat Pay's HTTP edge: the exact request body read as text, the merchant's
// Authorization checked as WeChat checks it (401 SIGN_ERROR), and every answer, errors included,
// signed with WeChat Pay's own key in public-key mode.
import type Koa from 'koa';
import type { KeyObject } from 'node:crypto';
import { CLOCK_WINDOW_S, parseAuthorization, requestMessage, rsaVerify, signedHeaders, unixSeconds } from '../pay/crypto';
import type { SimulatorPayMerchant } from './pay-types';

/** WeChat Pay's request bodies are small; anything bigger is refused before it is signed over. */
export const PAY_BODY_LIMIT_BYTES = 64 * 1024;

export interface KnownMerchant extends SimulatorPayMerchant {
  publicKey: KeyObject;
  apiV3KeyBytes: Buffer;
}

export class PayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body exactly as sent (the signature covers its bytes), or null when over the limit. */
export async function readRawBody(ctx: Koa.Context, limitBytes = PAY_BODY_LIMIT_BYTES): Promise<string | null> {
  if (Number(ctx.get('content-length') || 0) > limitBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface Signer {
  serial: string;
  key: KeyObject;
  now: () => number;
}

/** Answers with a signed body; a 204 is signed over the empty string. */
export function respondSigned(ctx: Koa.Context, signer: Signer, status: number, body?: unknown): void {
  const text = status === 204 || body === undefined ? '' : JSON.stringify(body);
  ctx.set(signedHeaders(text, signer.serial, signer.key, new Date(signer.now())));
  ctx.status = status;
  if (text) {
    ctx.type = 'application/json';
    ctx.body = text;
  } else {
    ctx.body = null;
    ctx.status = status; // koa resets the status when the body is emptied
  }
}

/**
 * The merchant a request comes from, after WeChat's checks: the header's form, a known mchid,
 * the serial of that merchant's certificate, a timestamp within 300 s, and the signature over
 * method, path and query as sent, timestamp, nonce and body. Throws 401 SIGN_ERROR otherwise.
 */
export function authenticate(ctx: Koa.Context, body: string, merchants: ReadonlyMap<string, KnownMerchant>, now: () => number): KnownMerchant {
  const auth = parseAuthorization(ctx.get('authorization') || undefined);
  if (!auth) throw new PayError(401, 'SIGN_ERROR', 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》');
  const merchant = merchants.get(auth.mchid);
  if (!merchant) throw new PayError(401, 'SIGN_ERROR', `商户号${auth.mchid}不存在或未开通APIv3`);
  if (auth.serialNo !== merchant.serialNo) throw new PayError(401, 'SIGN_ERROR', '商户证书序列号有误。请使用签名私钥匹配的证书序列号');
  if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(unixSeconds(now()) - Number(auth.timestamp)) > CLOCK_WINDOW_S) {
    throw new PayError(401, 'SIGN_ERROR', 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟');
  }
  // Mounted under /wechat-sim, ctx.url is already relative to the mount: the path the client signed.
  const message = requestMessage(ctx.method, ctx.url, auth.timestamp, auth.nonce, body);
  if (!rsaVerify(message, auth.signature, merchant.publicKey)) throw new PayError(401, 'SIGN_ERROR', '签名错误，请检查后再试');
  return merchant;
}
