// How a shop's buyers pay. With WeChat Pay configured in direct mode every shop takes it (one
// merchant: the seller who runs this CunShop); in partner mode a shop takes it once it has its
// own sub-merchant id, so each buyer's money goes straight to that shop. Otherwise the buyer pays
// the seller directly and the seller confirms.
import type { PaymentMethod } from '../../../contract/orders';
import type { PaymentSettingsView, UpdatePaymentSettingsRequest } from '../../../contract/payments';
import { AppError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { ShopRecord } from '../models/shop';
import { authorizeAction } from '../policies/shops';
import { paymentSettingsPolicy } from '../policies/payments';
import { shopToInspect } from './shops';

/**
 * Where a shop's WeChat Pay money goes: `{ subMchid: null }` to the direct merchant, the shop's
 * sub-merchant in partner mode; null when the shop does not take WeChat Pay.
 */
export function wechatPayTarget(services: Services, shop: Pick<ShopRecord, 'payment'>): { subMchid: string | null } | null {
  const client = services.wechatPay;
  if (!client) return null;
  if (client.mode === 'direct') return { subMchid: null };
  const subMchid = shop.payment?.subMchid ?? null;
  return subMchid ? { subMchid } : null;
}

/**
 * WeChat Pay first where the shop takes it; paying the seller directly stays open beside it (a
 * neighbour paying cash, a wholesale buyer's bank transfer), confirmed by the seller as before.
 */
export const paymentMethodsFor = (services: Services, shop: Pick<ShopRecord, 'payment'>): PaymentMethod[] => (wechatPayTarget(services, shop) ? ['wechat', 'direct'] : ['direct']);

export function presentPaymentSettings(services: Services, shop: Pick<ShopRecord, 'payment'>): PaymentSettingsView {
  return {
    mode: services.wechatPay?.mode ?? 'off',
    wechatPay: wechatPayTarget(services, shop) !== null,
    subMchid: shop.payment?.subMchid ?? null,
    version: shop.payment?.version ?? 0,
  };
}

export async function paymentSettings(services: Services, user: UserDoc, shopId: string): Promise<PaymentSettingsView> {
  const shop = await shopToInspect(services, user, shopId);
  authorizeAction(paymentSettingsPolicy.view(user, shop), 'Only the shop owner or an operator may see its payment settings');
  return presentPaymentSettings(services, shop);
}

/** The shop's sub-merchant id (partner mode), set by its owner or the service provider's operator. */
export async function updatePaymentSettings(services: Services, user: UserDoc, shopId: string, req: UpdatePaymentSettingsRequest): Promise<PaymentSettingsView> {
  const shop = await shopToInspect(services, user, shopId);
  authorizeAction(paymentSettingsPolicy.change(user, shop), 'Only the shop owner or an operator may change its payment settings');
  const updated = await services.models.Shop.findOneAndUpdate(
    // Shops from before payments have no `payment` yet: version 0 is theirs too.
    { _id: shop._id, ...(req.version === 0 ? { $or: [{ 'payment.version': 0 }, { payment: { $exists: false } }] } : { 'payment.version': req.version }) },
    { $set: { 'payment.subMchid': req.subMchid }, $inc: { 'payment.version': 1 } },
    { new: true },
  ).lean<ShopRecord>();
  if (!updated) throw new AppError('VERSION_CONFLICT', 'The payment settings were changed meanwhile; reload them', { current: presentPaymentSettings(services, (await services.models.Shop.findById(shop._id).lean<ShopRecord>()) ?? shop) });
  services.logger.info({ shopId: String(shop._id), by: String(user._id), subMchid: req.subMchid }, 'shop payment settings changed');
  return presentPaymentSettings(services, updated);
}
