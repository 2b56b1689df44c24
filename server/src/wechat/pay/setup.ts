// Turns config.payment into the WeChat Pay client, and, with the simulator's development keys,
// into what the simulator needs to play WeChat Pay for them (the keys live in the data folder).
import path from 'node:path';
import type { Config } from '../../config';
import type { SimulatorPayOptions } from '../simulator/pay-types';
import { WeChatPayClient } from './client';
import { NOTIFY_PATH } from './config';
import { loadOrCreateDevPayKeys, simulatorPayOptionsFrom } from './dev-keys';

/** The development server's simulated refunds settle after this long, so a person sees them land. */
const DEV_REFUND_SETTLE_MS = 2_000;

export interface PaymentSetup {
  client: WeChatPayClient | null;
  /** For this server's own simulator: only with its development keys (it must hold WeChat Pay's private key). */
  simulatorPay: SimulatorPayOptions | null;
}

export function createPayment(config: Config, self: { simulatorBase: () => string; selfOrigin: () => string }): PaymentSetup {
  const p = config.payment;
  if (p.mode === 'off') return { client: null, simulatorPay: null };
  let keys = p.keys;
  let serialNo = p.serialNo;
  let simulatorPay: SimulatorPayOptions | null = null;
  if (!keys) {
    const dev = loadOrCreateDevPayKeys(path.join(config.dataDir, 'wechatpay-sim'), p.mchid);
    keys = { privateKeyPem: dev.merchantPrivateKeyPem, apiV3Key: dev.apiV3Key, platformKeys: [{ serial: dev.publicKeyId, pem: dev.platformPublicKeyPem }] };
    serialNo = dev.merchantSerialNo;
    simulatorPay = { ...simulatorPayOptionsFrom(dev, [p.appid], p.simulatorSubMchids), refundSettleMs: DEV_REFUND_SETTLE_MS };
  }
  const client = new WeChatPayClient({
    mode: p.mode,
    appid: p.appid,
    mchid: p.mchid,
    serialNo,
    privateKeyPem: keys.privateKeyPem,
    apiV3Key: keys.apiV3Key,
    platformKeys: keys.platformKeys,
    baseUrl: () => p.apiBase ?? config.wechat.apiBase ?? self.simulatorBase(),
    notifyUrl: () => {
      if (p.notifyUrl) return p.notifyUrl;
      const origin = self.selfOrigin();
      if (!origin) throw new Error('The WeChat Pay notify URL is not known until the server listens (or set WECHATPAY_NOTIFY_URL)');
      return origin + NOTIFY_PATH;
    },
  });
  return { client, simulatorPay };
}
