// Shipping information to WeChat (upload_shipping_info): since 2023 WeChat holds a mini-program's
// WeChat Pay money until it knows the order shipped. A WeChat-paid order that ships is marked
// `pending`, uploaded at once in the background, and retried by a job with a growing wait until
// WeChat has it; after MAX_ATTEMPTS it is `failed` and logged for a person.
import type { Types } from 'mongoose';
import { maskPhone } from '../../../contract/addresses';
import type { Services } from '../services';
import type { OrderRecord, StoredShippingUpload } from '../models/order';
import { uploadShippingInfo } from '../wechat/shipping-info';
import { WeChatApiError } from '../wechat/http';
import { itemsText } from './pick-list';

const MAX_ATTEMPTS = 12;
/** 1, 2, 4 … minutes, at most six hours between tries. */
const backoffMs = (attempts: number) => Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
/** WeChat's item description is at most 120 characters. */
const ITEM_DESC_MAX = 120;

/** The `shippingUpload` to set when this order ships; null when WeChat Pay did not take its money. */
export function shippingUploadFor(order: Pick<OrderRecord, 'paymentMethod' | 'payment'>, at: Date): { shippingUpload: StoredShippingUpload } | null {
  if (order.paymentMethod !== 'wechat' || order.payment?.state !== 'paid' || !order.payment.transactionId) return null;
  return { shippingUpload: { state: 'pending', attempts: 0, lastError: null, nextAt: at, uploadedAt: null } };
}

/** Right after shipping, off the seller's request; the job picks up whatever this misses. */
export function uploadShippingSoon(services: Services, order: Pick<OrderRecord, '_id' | 'paymentMethod'>): void {
  if (order.paymentMethod !== 'wechat') return;
  services.background.run('upload shipping info', () => uploadOrderShipping(services, order._id));
}

/** The same text as the pick list's, cut to WeChat's length. */
const itemDesc = (order: OrderRecord) => Array.from(itemsText(order)).slice(0, ITEM_DESC_MAX).join('');

/**
 * Uploads one order's shipping if it is due, claiming it first (nextAt pushed ahead) so two
 * instances or the job and the background task never upload at once.
 */
export async function uploadOrderShipping(services: Services, orderId: Types.ObjectId): Promise<'uploaded' | 'retry' | 'failed' | 'skipped'> {
  const now = services.now();
  const claimed = await services.models.Order.findOneAndUpdate(
    { _id: orderId, 'shippingUpload.state': 'pending', 'shippingUpload.nextAt': { $lte: now } },
    { $set: { 'shippingUpload.nextAt': new Date(now.getTime() + 60_000) }, $inc: { 'shippingUpload.attempts': 1 } },
    { new: true },
  ).lean<OrderRecord>();
  if (!claimed?.shippingUpload || !claimed.payment?.transactionId) return 'skipped';
  try {
    await uploadShippingInfo(services.wechat, {
      transactionId: claimed.payment.transactionId,
      payerOpenid: claimed.payment.payerOpenid,
      parcels: claimed.parcels.map((p) => ({ courierCode: p.courierCode, trackingNo: p.trackingNo, receiverPhoneMasked: maskPhone(claimed.address.phone) })),
      itemDesc: itemDesc(claimed),
      uploadedAt: now,
      allDelivered: true,
    });
    await services.models.Order.updateOne({ _id: orderId, 'shippingUpload.state': 'pending' }, { $set: { 'shippingUpload.state': 'uploaded', 'shippingUpload.uploadedAt': now, 'shippingUpload.nextAt': null, 'shippingUpload.lastError': null } });
    return 'uploaded';
  } catch (err) {
    const attempts = claimed.shippingUpload.attempts;
    const lastError = err instanceof WeChatApiError ? `errcode ${err.errcode}` : (err as Error).message.slice(0, 200);
    const failed = attempts >= MAX_ATTEMPTS;
    (failed ? services.logger.error : services.logger.warn).call(services.logger, { orderId: String(orderId), attempts, lastError }, failed ? 'shipping info never reached WeChat: a person must upload it' : 'shipping info upload failed; retrying');
    await services.models.Order.updateOne(
      { _id: orderId, 'shippingUpload.state': 'pending' },
      { $set: { 'shippingUpload.state': failed ? 'failed' : 'pending', 'shippingUpload.lastError': lastError, 'shippingUpload.nextAt': failed ? null : new Date(now.getTime() + backoffMs(attempts)) } },
    );
    return failed ? 'failed' : 'retry';
  }
}
