// Our WeChat Pay cryptography (server/src/wechat/pay/crypto.ts) against someone else's:
// wechatpay-axios-plugin signs, verifies, formats and decrypts independently, and each side must
// accept what the other produced — and both must refuse what was tampered with.
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import {
  authorization,
  decryptResource,
  encryptResource,
  nonceStr,
  paySignMessage,
  parseAuthorization,
  privateKeyFromPem,
  publicKeyFromPem,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
  signedHeaders,
  signedHeadersOf,
  verifySigned,
  type SignedHeaders,
} from '../../server/src/wechat/pay/crypto';
import { generatePayKeys, type PayKeySet } from '../../server/src/wechat/pay/dev-keys';
import { WeChatPayClient } from '../../server/src/wechat/pay/client';

let keys: PayKeySet;
let other: PayKeySet;
beforeAll(() => {
  keys = generatePayKeys('1900000001');
  other = generatePayKeys('1900000002');
});

const AT = new Date('2026-11-28T12:00:00Z');
const TS = String(Math.floor(AT.getTime() / 1000));
const body = JSON.stringify({ appid: 'wx0000000000cunsim', mchid: '1900000001', description: '沁州黄小米 2.5kg', out_trade_no: 'CS20261128ABC', amount: { total: 3990, currency: 'CNY' } });

describe('request signatures', () => {
  it('ours verify with the peer library over its own formatting of the message, and are the same bytes', () => {
    const creds = { mchid: keys.mchid, serialNo: keys.merchantSerialNo, privateKey: privateKeyFromPem(keys.merchantPrivateKeyPem) };
    const nonce = nonceStr();
    const header = authorization(creds, 'post', '/v3/pay/transactions/jsapi', body, AT, nonce);
    const parsed = parseAuthorization(header);
    expect(parsed).toEqual({ mchid: keys.mchid, nonce, timestamp: TS, serialNo: keys.merchantSerialNo, signature: expect.any(String) });
    const theirMessage = Formatter.request('POST', '/v3/pay/transactions/jsapi', TS, nonce, body);
    expect(requestMessage('post', '/v3/pay/transactions/jsapi', TS, nonce, body)).toBe(theirMessage);
    expect(Rsa.verify(theirMessage, parsed!.signature, Rsa.from(keys.merchantPublicKeyPem, Rsa.KEY_TYPE_PUBLIC))).toBe(true);
    // RSASSA-PKCS1-v1_5 is deterministic: the same key over the same message gives the same signature.
    expect(Rsa.sign(theirMessage, Rsa.from(keys.merchantPrivateKeyPem, Rsa.KEY_TYPE_PRIVATE))).toBe(parsed!.signature);
    // A GET has an empty body, still followed by its newline.
    const get = parseAuthorization(authorization(creds, 'GET', '/v3/pay/transactions/out-trade-no/CS1?mchid=1900000001', '', AT, nonce))!;
    expect(Rsa.verify(Formatter.request('GET', '/v3/pay/transactions/out-trade-no/CS1?mchid=1900000001', TS, nonce), get.signature, keys.merchantPublicKeyPem)).toBe(true);
  });

  it('the peer library’s Authorization header (its own field order) parses, and its signature verifies with ours', () => {
    const nonce = Formatter.nonce();
    const signature = Rsa.sign(Formatter.request('POST', '/v3/refund/domestic/refunds', TS, nonce, body), keys.merchantPrivateKeyPem);
    const header = Formatter.authorization(keys.mchid, nonce, signature, TS, keys.merchantSerialNo);
    const parsed = parseAuthorization(header);
    expect(parsed).toEqual({ mchid: keys.mchid, nonce, timestamp: TS, serialNo: keys.merchantSerialNo, signature });
    const merchantPublic = publicKeyFromPem(keys.merchantPublicKeyPem);
    expect(rsaVerify(requestMessage('POST', '/v3/refund/domestic/refunds', TS, nonce, body), signature, merchantPublic)).toBe(true);
    // What the simulator checks: any change to what was signed fails.
    expect(rsaVerify(requestMessage('POST', '/v3/refund/domestic/refunds', TS, nonce, body.replace('3990', '3991')), signature, merchantPublic)).toBe(false);
    expect(rsaVerify(requestMessage('POST', '/v3/refund/domestic/refunds?x=1', TS, nonce, body), signature, merchantPublic)).toBe(false);
    expect(rsaVerify(requestMessage('GET', '/v3/refund/domestic/refunds', TS, nonce, body), signature, merchantPublic)).toBe(false);
    expect(rsaVerify(requestMessage('POST', '/v3/refund/domestic/refunds', TS, nonce, body), signature, publicKeyFromPem(other.merchantPublicKeyPem))).toBe(false);
    expect(rsaVerify(requestMessage('POST', '/v3/refund/domestic/refunds', TS, nonce, body), 'not base64 at all', merchantPublic)).toBe(false);
  });

  it('a header that is not WeChat Pay’s form, or lacks a field, does not parse', () => {
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('Bearer abc')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="S"')).toBeNull();
  });
});

describe('response and notification signatures', () => {
  const platformKeys = () => new Map([[keys.publicKeyId, publicKeyFromPem(keys.platformPublicKeyPem)], [other.publicKeyId, publicKeyFromPem(other.platformPublicKeyPem)]]);
  /** Headers as the peer library would sign an answer with WeChat Pay's key. */
  const theirHeaders = (text: string, at: Date, signingKeys = keys): SignedHeaders => {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = Formatter.nonce();
    return { timestamp, nonce, serial: signingKeys.publicKeyId, signature: Rsa.sign(Formatter.response(timestamp, nonce, text), signingKeys.platformPrivateKeyPem) };
  };

  it('the peer library’s verify with ours; ours verify with the peer library', () => {
    expect(verifySigned(theirHeaders(body, AT), body, platformKeys(), AT)).toBeNull();
    const ours = signedHeaders(body, keys.publicKeyId, privateKeyFromPem(keys.platformPrivateKeyPem), AT);
    expect(ours['Wechatpay-Timestamp']).toBe(TS);
    expect(Rsa.verify(Formatter.response(ours['Wechatpay-Timestamp'], ours['Wechatpay-Nonce'], body), ours['Wechatpay-Signature'], keys.platformPublicKeyPem)).toBe(true);
    expect(responseMessage(TS, 'n', body)).toBe(Formatter.response(TS, 'n', body));
    // Read from a real Headers object, names in any case.
    const headers = new Headers(ours);
    expect(verifySigned(signedHeadersOf((n) => headers.get(n)), body, platformKeys(), AT)).toBeNull();
    // An empty body (a 204) is signed too.
    expect(verifySigned(theirHeaders('', AT), '', platformKeys(), AT)).toBeNull();
  });

  it('refuses a tampered body, nonce, timestamp or serial, and a missing header', () => {
    const good = theirHeaders(body, AT);
    const keyMap = platformKeys();
    expect(verifySigned(good, body.replace('3990', '1'), keyMap, AT)).toBe('bad_signature');
    expect(verifySigned(good, `${body} `, keyMap, AT)).toBe('bad_signature');
    expect(verifySigned({ ...good, nonce: `${good.nonce}x` }, body, keyMap, AT)).toBe('bad_signature');
    expect(verifySigned({ ...good, timestamp: String(Number(good.timestamp) - 1) }, body, keyMap, AT)).toBe('bad_signature');
    // Another key WeChat Pay really has, but not the one that signed.
    expect(verifySigned({ ...good, serial: other.publicKeyId }, body, keyMap, AT)).toBe('bad_signature');
    expect(verifySigned({ ...good, serial: 'PUB_KEY_ID_0000' }, body, keyMap, AT)).toBe('unknown_serial');
    expect(verifySigned(theirHeaders(body, AT, other), body, new Map([[keys.publicKeyId, publicKeyFromPem(keys.platformPublicKeyPem)]]), AT)).toBe('unknown_serial');
    expect(verifySigned({ ...good, signature: 'AAAA' }, body, keyMap, AT)).toBe('bad_signature');
    for (const missing of ['timestamp', 'nonce', 'signature', 'serial'] as const) {
      expect(verifySigned({ ...good, [missing]: undefined }, body, keyMap, AT)).toBe('missing_headers');
    }
    // A signature by the merchant's key (not WeChat Pay's), under WeChat Pay's serial.
    const nonce = Formatter.nonce();
    const forged = { timestamp: TS, nonce, serial: keys.publicKeyId, signature: Rsa.sign(Formatter.response(TS, nonce, body), keys.merchantPrivateKeyPem) };
    expect(verifySigned(forged, body, keyMap, AT)).toBe('bad_signature');
  });

  it('accepts a timestamp 299 s away either way and refuses 301 s', () => {
    const keyMap = platformKeys();
    const at = (s: number) => new Date(AT.getTime() + s * 1000);
    expect(verifySigned(theirHeaders(body, at(-299)), body, keyMap, AT)).toBeNull();
    expect(verifySigned(theirHeaders(body, at(299)), body, keyMap, AT)).toBeNull();
    expect(verifySigned(theirHeaders(body, at(-301)), body, keyMap, AT)).toBe('stale_timestamp');
    expect(verifySigned(theirHeaders(body, at(301)), body, keyMap, AT)).toBe('stale_timestamp');
    expect(verifySigned({ ...theirHeaders(body, AT), timestamp: '1e9' }, body, keyMap, AT)).toBe('stale_timestamp');
  });
});

describe('AEAD_AES_256_GCM resources', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'CS20261128ABC', trade_state: 'SUCCESS', amount: { total: 3990 }, payer: { openid: 'o_buyer_中文' } });

  it('the peer library’s ciphertext decrypts with ours, and ours with the peer library', () => {
    const apiV3Key = Buffer.from(keys.apiV3Key);
    const nonce = Formatter.nonce(12);
    const theirs = Aes.AesGcm.encrypt(plaintext, apiV3Key, nonce, 'transaction');
    expect(decryptResource({ ciphertext: theirs, nonce, associated_data: 'transaction' }, apiV3Key)).toBe(plaintext);
    const ours = encryptResource(plaintext, apiV3Key, 'refund', 'refund');
    expect(ours).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'refund', original_type: 'refund' });
    expect(ours.nonce).toHaveLength(12);
    expect(Aes.AesGcm.decrypt(ours.ciphertext, apiV3Key, ours.nonce, 'refund')).toBe(plaintext);
    // Same key, nonce and data: the same bytes.
    expect(encryptResource(plaintext, apiV3Key, 'transaction', 'transaction', nonce).ciphertext).toBe(theirs);
  });

  it('throws on a truncated ciphertext, a changed associated_data, nonce or key — on both sides', () => {
    const apiV3Key = Buffer.from(keys.apiV3Key);
    const r = encryptResource(plaintext, apiV3Key, 'transaction', 'transaction');
    const bytes = Buffer.from(r.ciphertext, 'base64');
    expect(() => decryptResource({ ...r, ciphertext: bytes.subarray(0, bytes.length - 1).toString('base64') }, apiV3Key)).toThrow();
    expect(() => decryptResource({ ...r, ciphertext: bytes.subarray(0, 16).toString('base64') }, apiV3Key)).toThrow(/too short/);
    expect(() => decryptResource({ ...r, associated_data: 'refund' }, apiV3Key)).toThrow();
    expect(() => Aes.AesGcm.decrypt(r.ciphertext, apiV3Key, r.nonce, 'refund')).toThrow();
    expect(() => decryptResource({ ...r, nonce: `${r.nonce.slice(0, 11)}x` }, apiV3Key)).toThrow();
    expect(() => decryptResource(r, Buffer.from(other.apiV3Key))).toThrow();
    const flipped = Buffer.from(bytes);
    flipped[0] ^= 1;
    expect(() => decryptResource({ ...r, ciphertext: flipped.toString('base64') }, apiV3Key)).toThrow();
  });
});

describe('wx.requestPayment parameters', () => {
  it('paySign is the peer library’s RSA over appId, timeStamp, nonceStr and package, one per line', () => {
    const client = new WeChatPayClient({
      mode: 'direct',
      appid: 'wx0000000000cunsim',
      mchid: keys.mchid,
      serialNo: keys.merchantSerialNo,
      privateKeyPem: keys.merchantPrivateKeyPem,
      apiV3Key: keys.apiV3Key,
      platformKeys: [{ serial: keys.publicKeyId, pem: keys.platformPublicKeyPem }],
      baseUrl: () => 'http://127.0.0.1:9',
      notifyUrl: () => 'https://shop.example/notify',
    });
    const p = client.paymentParams('wx28120000abcdefabcdefabcdefabcdef', AT);
    expect(p).toEqual({ appId: 'wx0000000000cunsim', timeStamp: TS, nonceStr: expect.stringMatching(/^[A-Z0-9]{32}$/), package: 'prepay_id=wx28120000abcdefabcdefabcdefabcdef', signType: 'RSA', paySign: expect.any(String) });
    const message = Formatter.joinedByLineFeed(p.appId, p.timeStamp, p.nonceStr, p.package);
    expect(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package)).toBe(message);
    expect(Rsa.sign(message, keys.merchantPrivateKeyPem)).toBe(p.paySign);
    expect(Rsa.verify(message, p.paySign, keys.merchantPublicKeyPem)).toBe(true);
    expect(Rsa.verify(Formatter.joinedByLineFeed(p.appId, p.timeStamp, p.nonceStr, 'prepay_id=other'), p.paySign, keys.merchantPublicKeyPem)).toBe(false);
    expect(rsaSign(message, privateKeyFromPem(keys.merchantPrivateKeyPem))).toBe(p.paySign);
  });
});
