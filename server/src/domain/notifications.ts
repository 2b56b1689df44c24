// Subscription messages about orders: "paid" and "shipped" to the buyer, "new order" to the
// seller. At most one per order and topic (a mark in order.notified, claimed atomically), only
// to someone with an unspent credit of that template, and never an error for the caller: a
// message is a courtesy, the order's change has already happened.
import type { Types } from 'mongoose';
import type { SubscribeTopic } from '../../../contract/orders';
import { pages } from '../../../contract/paths';
import { courierByCode } from '../../../contract/couriers';
import type { Services } from '../services';
import type { OrderRecord } from '../models/order';
import type { ShopRecord } from '../models/shop';
import { WeChatApiError } from '../wechat/http';
import { sendSubscribeMessage, SUBSCRIBE_ERR } from '../wechat/subscribe-message';
import { keywordType, toWeChatValue, type FieldValue } from '../wechat/subscribe-values';
import type { SubscribeTemplate } from '../wechat/subscribe-templates';
import { clearCredits, refundCredit, spendCredit } from './subscriptions';
import { notifiedOnce } from './order-marks';

/** "沁州黄小米 新米×2", or "沁州黄小米 新米等3种商品" for several lines. */
export const itemsSummary = (order: Pick<OrderRecord, 'lines'>): string =>
  order.lines.length === 1 ? `${order.lines[0].title}×${order.lines[0].quantity}` : `${order.lines[0]?.title ?? ''}等${order.lines.length}种商品`;

/** Our fields for each message, before they are written in WeChat's types. */
function fieldsFor(topic: SubscribeTopic, order: OrderRecord, shop: ShopRecord, now: Date): Record<string, FieldValue | undefined> {
  const parcel = order.parcels[order.parcels.length - 1];
  const common = { orderNo: order.orderNo, items: itemsSummary(order) };
  switch (topic) {
    case 'order_paid':
      return { ...common, amount: { fen: order.totalFen }, paidAt: order.paidAt ?? now, shopName: shop.name };
    case 'order_shipped':
      return {
        ...common,
        courier: parcel ? (courierByCode(parcel.courierCode)?.name ?? parcel.courierCode) : undefined,
        trackingNo: parcel?.trackingNo,
        shippedAt: order.shippedAt ?? parcel?.at ?? now,
      };
    case 'new_order':
      return { ...common, amount: { fen: order.totalFen }, receiver: order.address.name, placedAt: order.createdAt };
  }
}

/** keyword → value for WeChat, or the first field that cannot be written in its keyword's type. */
export function messageData(template: SubscribeTemplate, fields: Record<string, FieldValue | undefined>): { data: Record<string, string> } | { unwritable: string } {
  const data: Record<string, string> = {};
  for (const { field, keyword } of template.keywords) {
    const type = keywordType(keyword);
    const value = fields[field];
    const written = type && value !== undefined ? toWeChatValue(type, value) : null;
    if (written === null) return { unwritable: `${field}→${keyword}` };
    data[keyword] = written;
  }
  return { data };
}

const describe = (err: unknown) =>
  err instanceof WeChatApiError ? { errcode: err.errcode, errmsg: err.errmsg } : { name: (err as Error)?.name, message: (err as Error)?.message };

export async function notifyOrderEvent(services: Services, order: OrderRecord, topic: SubscribeTopic): Promise<void> {
  const log = services.logger.child({ orderId: String(order._id), topic });
  try {
    await notify(services, order, topic, log);
  } catch (err) {
    log.warn({ err: describe(err) }, 'subscription message not sent');
  }
}

async function notify(services: Services, passed: OrderRecord, topic: SubscribeTopic, log: Services['logger']): Promise<void> {
  const template = services.config.wechat.subscribeTemplates[topic];
  if (!template) return;
  const { Order, Shop, User } = services.models;
  // The stored order, not the caller's copy: a message tells what is true now (parcels, paid time).
  const order = (await Order.findById(passed._id).lean<OrderRecord>()) ?? passed;
  const shop = await Shop.findById(order.shopId).lean<ShopRecord>();
  if (!shop) return;
  const toSeller = topic === 'new_order';
  const recipientId: Types.ObjectId = toSeller ? shop.ownerId : order.buyerId;
  const recipient = await User.findById(recipientId, { openid: 1 }).lean();
  if (!recipient) return;

  if (!(await notifiedOnce(services, order._id, topic))) return;
  if (!(await spendCredit(services, recipientId, template.id))) {
    log.debug('no subscription credit; message skipped');
    return;
  }
  const written = messageData(template, fieldsFor(topic, order, shop, services.now()));
  if ('unwritable' in written) {
    await refundCredit(services, recipientId, template.id);
    log.warn({ field: written.unwritable }, 'subscription message not sent: a value does not fit its template keyword');
    return;
  }
  try {
    await sendSubscribeMessage(services.wechat, {
      openid: recipient.openid,
      templateId: template.id,
      page: `${toSeller ? pages.sellerOrder : pages.order}?id=${String(order._id)}`,
      data: written.data,
      miniprogramState: services.config.env === 'production' ? 'formal' : 'developer',
    });
    log.info('subscription message sent');
  } catch (err) {
    if (err instanceof WeChatApiError && err.errcode === SUBSCRIBE_ERR.USER_REFUSED) {
      // WeChat has no acceptance on record (refused, or used up elsewhere): ours was stale.
      await clearCredits(services, recipientId, template.id);
      log.info('subscription message refused by WeChat (no subscription)');
      return;
    }
    await refundCredit(services, recipientId, template.id);
    log.warn({ err: describe(err) }, 'subscription message failed; credit returned');
  }
}
