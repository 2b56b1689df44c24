// WeChat Pay's part of the configuration: the WECHATPAY_* variables, checked and turned into the
// mode, the merchant's identity and its keys (read from the environment or the files it names).
// Problems name the variable and never quote key material.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { API_PREFIX, paths } from '../../../../contract/paths';
import type { PaymentMode } from '../../../../contract/payments';
import { privateKeyFromPem, publicKeyFromPem } from './crypto';

/** One of WeChat Pay's keys we verify its answers with: a public key (PUB_KEY_ID_…) or a platform certificate. */
export interface PlatformKey {
  serial: string;
  pem: string;
}

export interface PaymentKeys {
  privateKeyPem: string;
  apiV3Key: string;
  platformKeys: PlatformKey[];
}

export interface PaymentConfig {
  mode: PaymentMode;
  /** The mini-program's appid (sp_appid in partner mode). */
  appid: string;
  /** The merchant id (the service provider's sp_mchid in partner mode). */
  mchid: string;
  /** The merchant API certificate's serial; '' with the simulator's development keys (they carry their own). */
  serialNo: string;
  /** null: simulator development keys, resolved by bootstrap. */
  keys: PaymentKeys | null;
  /** null: the simulator base (same as wechat simulator base). */
  apiBase: string | null;
  /** null: self origin + API_PREFIX + paths.wechatPayNotify. */
  notifyUrl: string | null;
  /** Partner mode with the simulator's keys: the sub-merchants the simulated service provider serves. */
  simulatorSubMchids: string[];
}

/** WeChat's documentation's example sub-merchant: served by the simulated service provider unless told otherwise. */
export const SIMULATOR_SUB_MCHID = '1900000109';

/** The merchant id the simulator's development keys belong to, unless WECHATPAY_MCHID says otherwise. */
export const SIMULATOR_MCHID = '1900000001';
export const WECHATPAY_API_BASE = 'https://api.mch.weixin.qq.com';
/** Where, on this server, WeChat Pay posts its notifications. */
export const NOTIFY_PATH = API_PREFIX + paths.wechatPayNotify;

export const WECHATPAY_ENV = {
  /** Unset: direct with the simulator, else off. */
  WECHATPAY_MODE: z.enum(['off', 'direct', 'partner']).optional(),
  WECHATPAY_MCHID: z.string().regex(/^\d{8,12}$/, 'must be the 8 to 12 digit WeChat Pay merchant id').optional(),
  WECHATPAY_APPID: z.string().regex(/^wx[0-9a-zA-Z]{16}$/, 'must look like wx followed by 16 letters or digits').optional(),
  WECHATPAY_SERIAL_NO: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, "must be the merchant API certificate's serial number (hex)").optional(),
  WECHATPAY_PRIVATE_KEY_FILE: z.string().optional(),
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().refine((v) => Buffer.byteLength(v, 'utf8') === 32, 'must be exactly 32 bytes').optional(),
  WECHATPAY_PUBLIC_KEY_ID: z.string().regex(/^PUB_KEY_ID_[0-9A-Za-z]+$/, 'must look like PUB_KEY_ID_ followed by letters or digits').optional(),
  WECHATPAY_PUBLIC_KEY_FILE: z.string().optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PLATFORM_CERT_FILES: z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)).optional(),
  WECHATPAY_API_BASE: z.string().url().optional(),
  WECHATPAY_NOTIFY_URL: z.string().url().optional(),
  /** Partner mode on the simulator: comma-separated sub-merchant ids it serves (default 1900000109). */
  WECHATPAY_SIM_SUB_MCHIDS: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => /^\d{8,12}$/.test(id)), 'must be 8 to 12 digit merchant ids, comma-separated')
    .optional(),
};

type PaymentEnv = { [K in keyof typeof WECHATPAY_ENV]?: z.infer<(typeof WECHATPAY_ENV)[K]> };

/** The variables that mean "these are my own keys" (as opposed to the simulator's development keys). */
const KEY_VARS = [
  'WECHATPAY_SERIAL_NO',
  'WECHATPAY_PRIVATE_KEY_FILE',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
  'WECHATPAY_PUBLIC_KEY_FILE',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_PLATFORM_CERT_FILES',
] as const;

interface Context {
  simulator: boolean;
  production: boolean;
  /** The mini-program's appid (the default WECHATPAY_APPID). */
  appid: string;
}

export function readPaymentConfig(e: PaymentEnv, ctx: Context): { payment: PaymentConfig } | { problems: string[] } {
  const mode = e.WECHATPAY_MODE ?? (ctx.simulator ? 'direct' : 'off');
  if (mode === 'off') {
    return { payment: { mode, appid: '', mchid: '', serialNo: '', keys: null, apiBase: null, notifyUrl: null, simulatorSubMchids: [] } };
  }
  const problems: string[] = [];
  const ownKeys = KEY_VARS.some((name) => e[name] !== undefined);
  const simulatorKeys = ctx.simulator && !ownKeys;

  let keys: PaymentKeys | null = null;
  if (!simulatorKeys) {
    if (!e.WECHATPAY_MCHID) problems.push(`WECHATPAY_MCHID: required with WECHATPAY_MODE=${mode}`);
    if (!e.WECHATPAY_SERIAL_NO) problems.push(`WECHATPAY_SERIAL_NO: required with WECHATPAY_MODE=${mode}`);
    if (!e.WECHATPAY_APIV3_KEY) problems.push(`WECHATPAY_APIV3_KEY: required with WECHATPAY_MODE=${mode}`);
    const privateKeyPem = readPem(e, 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_PRIVATE_KEY_FILE', true, problems);
    if (privateKeyPem && !isRsaKey(() => privateKeyFromPem(privateKeyPem))) {
      problems.push(`${e.WECHATPAY_PRIVATE_KEY ? 'WECHATPAY_PRIVATE_KEY' : 'WECHATPAY_PRIVATE_KEY_FILE'}: not an RSA private key in PEM (apiclient_key.pem)`);
    }
    const platformKeys = readPlatformKeys(e, problems);
    if (platformKeys.length === 0 && !problems.some((p) => p.startsWith('WECHATPAY_PUBLIC_KEY') || p.startsWith('WECHATPAY_PLATFORM_CERT_FILES'))) {
      problems.push(`WECHATPAY_PUBLIC_KEY_ID with WECHATPAY_PUBLIC_KEY(_FILE), or WECHATPAY_PLATFORM_CERT_FILES: required with WECHATPAY_MODE=${mode} (WeChat Pay's key to verify its answers)`);
    }
    if (privateKeyPem && e.WECHATPAY_APIV3_KEY) keys = { privateKeyPem, apiV3Key: e.WECHATPAY_APIV3_KEY, platformKeys };
  }

  if (e.WECHATPAY_NOTIFY_URL) {
    if (ctx.production && !e.WECHATPAY_NOTIFY_URL.startsWith('https://')) problems.push('WECHATPAY_NOTIFY_URL: must be https in production');
  } else if (ctx.production && !ctx.simulator) {
    problems.push(`WECHATPAY_NOTIFY_URL: required in production with WECHATPAY_MODE=${mode} (the public https URL of ${NOTIFY_PATH})`);
  }
  if (problems.length) return { problems };

  return {
    payment: {
      mode,
      appid: e.WECHATPAY_APPID ?? ctx.appid,
      mchid: e.WECHATPAY_MCHID ?? SIMULATOR_MCHID,
      serialNo: e.WECHATPAY_SERIAL_NO?.toUpperCase() ?? '',
      keys,
      // Only the simulator knows its development keys; one's own keys are WeChat Pay's to check.
      apiBase: e.WECHATPAY_API_BASE ?? (simulatorKeys ? null : WECHATPAY_API_BASE),
      notifyUrl: e.WECHATPAY_NOTIFY_URL ?? null,
      simulatorSubMchids: mode === 'partner' ? (e.WECHATPAY_SIM_SUB_MCHIDS ?? [SIMULATOR_SUB_MCHID]) : [],
    },
  };
}

/** A PEM from an inline variable (with literal \n as newlines, as .env files hold them) or the file another names. */
function readPem(e: PaymentEnv, inline: 'WECHATPAY_PRIVATE_KEY' | 'WECHATPAY_PUBLIC_KEY', file: 'WECHATPAY_PRIVATE_KEY_FILE' | 'WECHATPAY_PUBLIC_KEY_FILE', required: boolean, problems: string[]): string | null {
  const text = e[inline];
  const filePath = e[file];
  if (text && filePath) {
    problems.push(`${inline}, ${file}: set one, not both`);
    return null;
  }
  if (text) return text.replace(/\\n/g, '\n');
  if (filePath) return readText(file, filePath, problems);
  if (required) problems.push(`${inline} or ${file}: required`);
  return null;
}

function readText(name: string, filePath: string, problems: string[]): string | null {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (err) {
    problems.push(`${name}: cannot read ${filePath} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

function isRsaKey(load: () => { asymmetricKeyType?: string }): boolean {
  try {
    return load().asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

/** WeChat Pay's public key (public-key mode) and platform certificates, each by the serial its answers name. */
function readPlatformKeys(e: PaymentEnv, problems: string[]): PlatformKey[] {
  const out: PlatformKey[] = [];
  const publicPem = readPem(e, 'WECHATPAY_PUBLIC_KEY', 'WECHATPAY_PUBLIC_KEY_FILE', false, problems);
  if (Boolean(publicPem || e.WECHATPAY_PUBLIC_KEY || e.WECHATPAY_PUBLIC_KEY_FILE) !== Boolean(e.WECHATPAY_PUBLIC_KEY_ID)) {
    problems.push('WECHATPAY_PUBLIC_KEY_ID and WECHATPAY_PUBLIC_KEY(_FILE): set both or neither');
  } else if (publicPem && e.WECHATPAY_PUBLIC_KEY_ID) {
    if (isRsaKey(() => publicKeyFromPem(publicPem))) out.push({ serial: e.WECHATPAY_PUBLIC_KEY_ID, pem: publicPem });
    else problems.push(`${e.WECHATPAY_PUBLIC_KEY ? 'WECHATPAY_PUBLIC_KEY' : 'WECHATPAY_PUBLIC_KEY_FILE'}: not an RSA public key in PEM (pub_key.pem)`);
  }
  for (const file of e.WECHATPAY_PLATFORM_CERT_FILES ?? []) {
    const pem = readText('WECHATPAY_PLATFORM_CERT_FILES', file, problems);
    if (pem === null) continue;
    try {
      const cert = new X509Certificate(pem);
      out.push({ serial: cert.serialNumber.toUpperCase(), pem });
    } catch {
      problems.push(`WECHATPAY_PLATFORM_CERT_FILES: ${file} is not a PEM certificate`);
    }
  }
  return out;
}
