// WeChat Pay's notifications: verified (signature, serial, 300-second window) and decrypted by the
// client before anything is believed, then applied by the same code a query's answer goes
// through. WeChat sends deliberate bad-signature probes; they are refused (401) and change nothing.
// Taken notifications answer 204 quickly (WeChat allows 5 s); a failure of ours answers 500 so
// WeChat tries again later.
import type { Services } from '../services';
import { NotificationRejected } from '../wechat/pay/client';
import { signedHeadersOf } from '../wechat/pay/crypto';
import { applyTransaction } from './payments';
import { applyRefundResult } from './refunds';

export interface NotifyAnswer {
  status: 204 | 401 | 404 | 500;
  message: string;
}

export async function handlePayNotification(services: Services, header: (name: string) => string | undefined, rawBody: string): Promise<NotifyAnswer> {
  const pay = services.wechatPay;
  if (!pay) return { status: 404, message: 'WeChat Pay is not set up here' };
  let notification;
  try {
    notification = pay.parseNotification(signedHeadersOf(header), rawBody, services.now());
  } catch (err) {
    if (err instanceof NotificationRejected) {
      services.logger.warn({ reason: err.reason, serial: header('wechatpay-serial') }, 'WeChat Pay notification refused');
      return { status: 401, message: `verification failed: ${err.reason}` };
    }
    throw err;
  }
  try {
    if ('transaction' in notification) {
      const outcome = await applyTransaction(services, notification.transaction, 'notification');
      services.logger.info({ outTradeNo: notification.transaction.outTradeNo, outcome }, 'WeChat Pay payment notification');
    } else if ('refund' in notification) {
      await applyRefundResult(services, notification.refund, 'notification');
    } else {
      services.logger.info({ eventType: notification.eventType }, 'WeChat Pay notification of a kind we do not act on');
    }
    return { status: 204, message: 'ok' };
  } catch (err) {
    services.logger.error({ err }, 'applying a WeChat Pay notification failed; WeChat will send it again');
    return { status: 500, message: 'try again later' };
  }
}
