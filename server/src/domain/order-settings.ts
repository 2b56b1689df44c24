// A shop's order settings: its shipping template (by province) and the timeouts of unpaid and
// shipped orders. The owner changes them with the shop's version, so two phones cannot overwrite
// each other; operators may read them.
import type { z } from 'zod';
import type { OrderSettingsView, UpdateOrderSettingsRequest } from '../../../contract/orders';
import type { FieldIssue } from '../../../contract/errors';
import { notFound, validationError, versionConflict } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { OrderSettings, ShopRecord } from '../models/shop';
import type { Actor } from '../policies/shops';
import { shopToInspect, shopToManage } from './shops';
import { provinces } from './regions';

type UpdateSettings = z.output<typeof UpdateOrderSettingsRequest>;

export function presentOrderSettings(shop: ShopRecord): OrderSettingsView {
  const s = shop.orderSettings;
  const used = new Set([...s.shipping.excludedProvinceCodes, ...s.shipping.provinceRules.flatMap((r) => r.provinceCodes)]);
  return {
    shipping: {
      defaultRule: { ...ruleOf(s.shipping.defaultRule) },
      provinceRules: s.shipping.provinceRules.map((r) => ({ ...ruleOf(r), provinceCodes: [...r.provinceCodes] })),
      excludedProvinceCodes: [...s.shipping.excludedProvinceCodes],
      packagingGrams: s.shipping.packagingGrams,
    },
    unpaidMinutes: s.unpaidMinutes,
    autoCompleteDays: s.autoCompleteDays,
    version: shop.version,
    provinces: provinces().filter((p) => used.has(p.code)),
  };
}

const ruleOf = (r: OrderSettings['shipping']['defaultRule']) => ({
  firstGrams: r.firstGrams,
  firstFen: r.firstFen,
  stepGrams: r.stepGrams,
  stepFen: r.stepFen,
  freeOverFen: r.freeOverFen ?? null,
});

export const orderSettingsToRead = (services: Services, actor: Actor, shopId: string) => shopToInspect(services, actor, shopId);

/** Every province code real, and each province in at most one place: excluded, or one rule. */
function provinceIssues(shipping: UpdateSettings['shipping']): FieldIssue[] {
  const real = new Set(provinces().map((p) => p.code));
  const issues: FieldIssue[] = [];
  const placed = new Map<string, string>();
  const place = (code: string, path: string) => {
    if (!real.has(code)) issues.push({ path, message: 'no such province', code: 'unknown_region' });
    else if (placed.has(code)) issues.push({ path, message: `this province is already in ${placed.get(code)}`, code: 'duplicate' });
    else placed.set(code, path);
  };
  shipping.excludedProvinceCodes.forEach((code, i) => place(code, `shipping.excludedProvinceCodes.${i}`));
  shipping.provinceRules.forEach((r, i) => r.provinceCodes.forEach((code, j) => place(code, `shipping.provinceRules.${i}.provinceCodes.${j}`)));
  return issues;
}

export async function updateOrderSettings(services: Services, user: UserDoc, shopId: string, req: UpdateSettings): Promise<ShopRecord> {
  const shop = await shopToManage(services, user, shopId);
  const issues = provinceIssues(req.shipping);
  if (issues.length) throw validationError(issues);
  const { version, ...orderSettings } = req;
  const updated = await services.models.Shop.findOneAndUpdate({ _id: shop._id, version }, { $set: { orderSettings }, $inc: { version: 1 } }, { new: true }).lean<ShopRecord>();
  if (updated) return updated;
  const now = await services.models.Shop.findById(shop._id, { version: 1 }).lean();
  if (!now) throw notFound('Shop');
  throw versionConflict('shop', now.version);
}
