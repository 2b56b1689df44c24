// server/src/wechat/simulator/pay-types.ts
export interface SimulatorPayMerchant {
  mchid: string;            // a direct merchant, or the service provider (sp_mchid)
  serialNo: string;         // its API certificate serial (requests name it in serial_no)
  publicKeyPem: string;     // to verify its requests' signatures and paySigns
  apiV3Key: string;         // to encrypt its notifications
  appids: string[];         // appids bound to it
  subMchids: string[];      // partner mode: sub-merchants it serves
}
export interface SimulatorPayOptions {
  merchants: SimulatorPayMerchant[];
  /** WeChat Pay's own key in public-key mode: signs every answer and notification. */
  platform: { publicKeyId: string; privateKeyPem: string };
  /** WeChat's notification retry schedule is multiplied by this (1 real time; tests use e.g. 0.001). */
  notifyTimeScale?: number;
  /** Refunds start PROCESSING and succeed (with a notification) after this many ms; null: only when told by /dev/refund-result. */
  refundSettleMs?: number | null;
}
