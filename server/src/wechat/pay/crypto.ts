// WeChat Pay API v3's cryptography on node:crypto, shared by our client and the simulator's
// server side: the signed message formats, RSA-SHA256 (PKCS#1 v1.5) signatures, the
// Authorization header, response/callback verification with its 300-second clock window, and
// AEAD_AES_256_GCM for callback resources. Pure functions; keys come in as KeyObjects.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat Pay rejects (and we reject) a signed timestamp further than this from our clock. */
export const CLOCK_WINDOW_S = 300;

/** 32 letters and digits, as WeChat's examples use. */
export function nonceStr(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

export const unixSeconds = (at: Date | number) => Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000);

export function rsaSign(message: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');
}

export function rsaVerify(message: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false; // a malformed signature is a wrong one
  }
}

/** The message a request is signed over: the path and query exactly as sent, and the exact body. */
export const requestMessage = (method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string) =>
  `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;

/** The message a response or callback is signed over. */
export const responseMessage = (timestamp: string, nonce: string, body: string) => `${timestamp}\n${nonce}\n${body}\n`;

/** wx.requestPayment's paySign is over this. */
export const paySignMessage = (appId: string, timeStamp: string, nonce: string, pkg: string) => `${appId}\n${timeStamp}\n${nonce}\n${pkg}\n`;

export interface RequestCredentials {
  mchid: string;
  /** The serial number of the merchant's API certificate. */
  serialNo: string;
  privateKey: KeyObject;
}

/** The Authorization header for one request. */
export function authorization(creds: RequestCredentials, method: string, pathAndQuery: string, body: string, at: Date, nonce = nonceStr()): string {
  const timestamp = String(unixSeconds(at));
  const signature = rsaSign(requestMessage(method, pathAndQuery, timestamp, nonce, body), creds.privateKey);
  return `${AUTH_SCHEMA} mchid="${creds.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${creds.serialNo}",signature="${signature}"`;
}

export interface ParsedAuthorization {
  mchid: string;
  nonce: string;
  timestamp: string;
  serialNo: string;
  signature: string;
}

/** Reads an Authorization header back into its parts; null when it is not WeChat Pay's form. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields = new Map<string, string>();
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields.set(m[1], m[2]);
  const [mchid, nonce, timestamp, serialNo, signature] = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'].map((k) => fields.get(k));
  if (!mchid || !nonce || !timestamp || !serialNo || !signature) return null;
  return { mchid, nonce, timestamp, serialNo, signature };
}

/** The four headers WeChat Pay signs its responses and callbacks with. */
export interface SignedHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
}

export const signedHeadersOf = (get: (name: string) => string | null | undefined): SignedHeaders => ({
  timestamp: get('wechatpay-timestamp') ?? undefined,
  nonce: get('wechatpay-nonce') ?? undefined,
  signature: get('wechatpay-signature') ?? undefined,
  serial: get('wechatpay-serial') ?? undefined,
});

export type VerifyFailure = 'missing_headers' | 'stale_timestamp' | 'unknown_serial' | 'bad_signature';

/**
 * Checks a response or callback: every header present, the timestamp within 300 s of `now`, the
 * serial one of WeChat Pay's keys we hold (a public key id PUB_KEY_ID_… or a platform
 * certificate's serial), and the signature over the exact body. Null when it verifies.
 */
export function verifySigned(headers: SignedHeaders, body: string, keys: ReadonlyMap<string, KeyObject>, now: Date): VerifyFailure | null {
  const { timestamp, nonce, signature, serial } = headers;
  if (!timestamp || !nonce || !signature || !serial) return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(unixSeconds(now) - Number(timestamp)) > CLOCK_WINDOW_S) return 'stale_timestamp';
  const key = keys.get(serial);
  if (!key) return 'unknown_serial';
  return rsaVerify(responseMessage(timestamp, nonce, body), signature, key) ? null : 'bad_signature';
}

/** Signs a response or callback body as WeChat Pay does (the simulator's side). */
export function signedHeaders(body: string, serial: string, key: KeyObject, at: Date, nonce = nonceStr()): Record<string, string> {
  const timestamp = String(unixSeconds(at));
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(responseMessage(timestamp, nonce, body), key),
    'Wechatpay-Serial': serial,
  };
}

/** A callback's encrypted `resource`. */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  nonce: string;
  associated_data: string;
  original_type: string;
}

const TAG_BYTES = 16;

/**
 * Decrypts a callback resource with the APIv3 key (32 bytes): AES-256-GCM, nonce as given (12
 * characters), the tag in the ciphertext's last 16 bytes. Throws when anything was altered.
 */
export function decryptResource(resource: Pick<EncryptedResource, 'ciphertext' | 'nonce' | 'associated_data'>, apiV3Key: Buffer): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Encrypts a callback resource as WeChat Pay does (the simulator's side). */
export function encryptResource(plaintext: string, apiV3Key: Buffer, associatedData: string, originalType: string, nonce = nonceStr().slice(0, 12)): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', apiV3Key, Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), nonce, associated_data: associatedData, original_type: originalType };
}

/** A private key from PEM (PKCS#8 as WeChat issues apiclient_key.pem, or PKCS#1). */
export const privateKeyFromPem = (pem: string) => createPrivateKey({ key: pem, format: 'pem' });

/** A public key from a PEM public key or an X.509 certificate (a platform certificate). */
export const publicKeyFromPem = (pem: string) => createPublicKey({ key: pem, format: 'pem' });
