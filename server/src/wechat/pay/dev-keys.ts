// Development keys for WeChat Pay against the simulator: a merchant key pair and serial, WeChat
// Pay's own key pair (public-key mode), and an APIv3 key. Generated on first start into the data
// folder (gitignored, files 0600); tests generate their own. Never used with real WeChat Pay.
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimulatorPayOptions } from '../simulator/pay-types';

export interface PayKeySet {
  mchid: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  /** WeChat Pay's public key id (PUB_KEY_ID_…), which its answers name in Wechatpay-Serial. */
  publicKeyId: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  apiV3Key: string;
}

const KEY_FILE = 'keys.json';

function rsaPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    // PKCS#8 and SPKI: the forms WeChat Pay issues apiclient_key.pem and pub_key.pem in.
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

const randomDigits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A fresh key set: the merchant's and WeChat Pay's RSA 2048 pairs, a 40-hex serial, a 32-character APIv3 key. */
export function generatePayKeys(mchid: string): PayKeySet {
  const merchant = rsaPair();
  const platform = rsaPair();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return {
    mchid,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKeyPem: merchant.privateKeyPem,
    merchantPublicKeyPem: merchant.publicKeyPem,
    publicKeyId: `PUB_KEY_ID_${randomDigits(32)}`,
    platformPrivateKeyPem: platform.privateKeyPem,
    platformPublicKeyPem: platform.publicKeyPem,
    apiV3Key: Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join(''),
  };
}

const FIELDS = ['merchantSerialNo', 'merchantPrivateKeyPem', 'merchantPublicKeyPem', 'publicKeyId', 'platformPrivateKeyPem', 'platformPublicKeyPem', 'apiV3Key'] as const;

/** The development keys in `dir`, created there on first use; the merchant id is always `mchid`. */
export function loadOrCreateDevPayKeys(dir: string, mchid: string): PayKeySet {
  const file = path.join(dir, KEY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== null) {
    let stored: Record<string, unknown> | null = null;
    try {
      stored = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!stored || FIELDS.some((f) => typeof stored[f] !== 'string')) {
      throw new Error(`The WeChat Pay development keys in ${file} are unreadable; delete the file to make new ones`);
    }
    return { ...(stored as unknown as PayKeySet), mchid };
  }
  const keys = generatePayKeys(mchid);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written whole under another name, then linked into place, which fails when the file exists: a
  // crash never leaves half a key file, and two servers starting together both use the first set.
  const tmp = path.join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return loadOrCreateDevPayKeys(dir, mchid);
}

/** What the simulator needs to play WeChat Pay for these keys: the merchant (and its sub-merchants) and WeChat Pay's own key. */
export function simulatorPayOptionsFrom(keys: PayKeySet, appids: string[], subMchids: string[] = []): SimulatorPayOptions {
  return {
    merchants: [
      {
        mchid: keys.mchid,
        serialNo: keys.merchantSerialNo,
        publicKeyPem: keys.merchantPublicKeyPem,
        apiV3Key: keys.apiV3Key,
        appids,
        subMchids,
      },
    ],
    platform: { publicKeyId: keys.publicKeyId, privateKeyPem: keys.platformPrivateKeyPem },
  };
}
