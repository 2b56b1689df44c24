// Environment → typed, validated configuration, in one place. Every variable is documented in
// README.md ("Configuration"); a bad value stops start-up with a message naming the variable.
import path from 'node:path';
import { z } from 'zod';
import type { SubscribeTopic } from '../../contract/orders';
import { readPaymentConfig, WECHATPAY_ENV, type PaymentConfig } from './wechat/pay/config';
import { parseTemplateSpec, SIMULATOR_TEMPLATES, TOPIC_ENV, type SubscribeTemplateConfig } from './wechat/subscribe-templates';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines at a terminal in development, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** A real MongoDB (replica set for transactions). Unset: the embedded server runs in-process. */
  MONGODB_URI: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_DB_PATH: z.string().min(1).optional(),
  EMBEDDED_DB_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('cunshop'),
  WECHAT_APPID: z.string().regex(/^wx[0-9a-zA-Z]{16}$/, 'must look like wx followed by 16 letters or digits').optional(),
  WECHAT_SECRET: z.string().min(16).optional(),
  WECHAT_API_BASE: z.string().url().optional(),
  /** auto: the simulator runs exactly when no real WeChat credentials are configured. */
  WECHAT_SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
  OPERATOR_OPENIDS: csv.default(''),
  CORS_ORIGINS: csv.default(''),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(50).default(10),
  H5_DIST_DIR: z.string().min(1).default('./dist/h5'),
  TRUST_PROXY: bool.default('false'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** auto: a demo shop on an empty database in development, or with the simulator outside production. */
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Subscription-message templates: "templateId|field=keyword,…" (wechat/subscribe-templates.ts). */
  WECHAT_TMPL_ORDER_PAID: z.string().optional(),
  WECHAT_TMPL_ORDER_SHIPPED: z.string().optional(),
  WECHAT_TMPL_NEW_ORDER: z.string().optional(),
  /** WeChat Pay (API v3): checked further in wechat/pay/config.ts. */
  ...WECHATPAY_ENV,
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  database: { uri: string | null; embeddedDbPath: string; embeddedDbName: string };
  dataDir: string;
  wechat: {
    appid: string;
    secret: string;
    /** Base URL of WeChat's API (api.weixin.qq.com), or of the simulator. Null: the simulator mounted on this server. */
    apiBase: string | null;
    simulator: boolean;
    /** Subscription-message templates by topic; null: that message is not sent. */
    subscribeTemplates: SubscribeTemplateConfig;
  };
  sessionTtlMs: number;
  operatorOpenids: string[];
  corsOrigins: string[];
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  h5DistDir: string;
  trustProxy: boolean;
  shutdownGraceMs: number;
  /** Create the demo shop at start-up when the database has no shops (server/src/demo). */
  demoData: boolean;
  /** WeChat Pay: off, or a direct merchant / a service provider with its keys. */
  payment: PaymentConfig;
}

/** The appid and secret the simulator accepts; they are public on purpose and never valid at WeChat. */
export const SIMULATOR_APPID = 'wx0000000000cunsim';
export const SIMULATOR_SECRET = 'cunshop-simulator-secret';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as they do in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const hasCredentials = Boolean(e.WECHAT_APPID && e.WECHAT_SECRET);
  if (Boolean(e.WECHAT_APPID) !== Boolean(e.WECHAT_SECRET)) {
    throw new ConfigError(['WECHAT_APPID and WECHAT_SECRET: set both or neither']);
  }
  const simulator = e.WECHAT_SIMULATOR === 'on' || (e.WECHAT_SIMULATOR === 'auto' && !hasCredentials);
  if (e.NODE_ENV === 'production' && simulator && e.WECHAT_SIMULATOR !== 'on') {
    throw new ConfigError(['WECHAT_APPID/WECHAT_SECRET: required in production (or set WECHAT_SIMULATOR=on for a demo)']);
  }
  const subscribeTemplates = readSubscribeTemplates(e, simulator);
  const dataDir = path.resolve(e.DATA_DIR);
  const appid = simulator && !hasCredentials ? SIMULATOR_APPID : (e.WECHAT_APPID as string);
  const paymentResult = readPaymentConfig(e, { simulator, production: e.NODE_ENV === 'production', appid });
  if ('problems' in paymentResult) throw new ConfigError(paymentResult.problems);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' && process.stdout.isTTY ? 'pretty' : 'json'),
    database: {
      uri: e.MONGODB_URI ?? null,
      embeddedDbPath: path.resolve(e.EMBEDDED_DB_PATH ?? path.join(dataDir, 'db')),
      embeddedDbName: e.EMBEDDED_DB_NAME,
    },
    dataDir,
    wechat: {
      appid,
      secret: simulator && !hasCredentials ? SIMULATOR_SECRET : (e.WECHAT_SECRET as string),
      apiBase: e.WECHAT_API_BASE ?? (simulator ? null : 'https://api.weixin.qq.com'),
      simulator,
      subscribeTemplates,
    },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    operatorOpenids: e.OPERATOR_OPENIDS,
    corsOrigins: e.CORS_ORIGINS,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    uploadLimitBytes: e.UPLOAD_LIMIT_MB * 1024 * 1024,
    h5DistDir: path.resolve(e.H5_DIST_DIR),
    trustProxy: e.TRUST_PROXY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    demoData: e.DEMO_DATA === 'on' || (e.DEMO_DATA === 'auto' && e.NODE_ENV !== 'production' && (e.NODE_ENV === 'development' || simulator)),
    payment: paymentResult.payment,
  };
}

/** Each WECHAT_TMPL_* variable, checked; with the simulator, its own templates fill the unset ones. */
function readSubscribeTemplates(e: Record<string, unknown>, simulator: boolean): SubscribeTemplateConfig {
  const problems: string[] = [];
  const out = {} as SubscribeTemplateConfig;
  for (const topic of Object.keys(TOPIC_ENV) as SubscribeTopic[]) {
    const name = TOPIC_ENV[topic];
    const spec = e[name];
    if (typeof spec !== 'string') {
      out[topic] = simulator ? SIMULATOR_TEMPLATES[topic] : null;
      continue;
    }
    const parsed = parseTemplateSpec(topic, spec);
    if ('problems' in parsed) problems.push(...parsed.problems.map((p) => `${name}: ${p}`));
    else out[topic] = parsed.template;
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}
