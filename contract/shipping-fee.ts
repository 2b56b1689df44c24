// The shipping fee of an order, priced the way Chinese couriers price: a first weight at a fixed
// price, then a price per further step (part of a step counts as a whole one), free above an order
// amount, by the buyer's province. Zod-free: the server charges with it and the seller's settings
// page previews with it, so the two can never disagree. Integer fen and grams only.

export interface ShippingRule {
  /** The first weight, e.g. 1000 g, and its price, e.g. 800 fen. */
  firstGrams: number;
  firstFen: number;
  /** Each further step, e.g. 1000 g, costs stepFen, e.g. 200 fen. */
  stepGrams: number;
  stepFen: number;
  /** Goods worth at least this much (the subtotal, shipping excluded) ship free; null: never free. */
  freeOverFen: number | null;
}

export interface ProvinceRule extends ShippingRule {
  /** Six-digit province codes (e.g. 650000 新疆) this rule prices instead of the default. */
  provinceCodes: string[];
}

export interface ShippingTemplate {
  defaultRule: ShippingRule;
  provinceRules: ProvinceRule[];
  /** Provinces the shop does not ship to: orders there are refused, saying so. */
  excludedProvinceCodes: string[];
  /** Added to every order's weight (box, padding). */
  packagingGrams: number;
}

export type ShippingQuote =
  | { ships: true; fen: number; weightGrams: number; free: boolean; rule: 'default' | 'province' }
  | { ships: false; weightGrams: number };

/** Fen for `grams` under one rule, before free shipping. */
export function ruleFee(rule: ShippingRule, grams: number): number {
  if (grams <= rule.firstGrams) return rule.firstFen;
  const steps = Math.ceil((grams - rule.firstGrams) / rule.stepGrams);
  return rule.firstFen + steps * rule.stepFen;
}

/** The province (first two digits, six-digit form) a county or city code belongs to. */
export const provinceOf = (regionCode: string): string => `${regionCode.slice(0, 2)}0000`;

/**
 * The fee for goods of `goodsGrams` net weight worth `subtotalFen`, delivered to `regionCode` (a
 * county, city or province code). Packaging is added to the weight here, once per order.
 */
export function shippingFeeFor(template: ShippingTemplate, regionCode: string, goodsGrams: number, subtotalFen: number): ShippingQuote {
  const province = provinceOf(regionCode);
  const weightGrams = goodsGrams + template.packagingGrams;
  if (template.excludedProvinceCodes.includes(province)) return { ships: false, weightGrams };
  const special = template.provinceRules.find((r) => r.provinceCodes.includes(province));
  const rule = special ?? template.defaultRule;
  const free = rule.freeOverFen !== null && subtotalFen >= rule.freeOverFen;
  return { ships: true, fen: free ? 0 : ruleFee(rule, weightGrams), weightGrams, free, rule: special ? 'province' : 'default' };
}

/** What a new shop starts with: first 1 kg ¥8, each further kg ¥2, everywhere, no packaging. */
export const DEFAULT_SHIPPING_TEMPLATE: ShippingTemplate = {
  defaultRule: { firstGrams: 1000, firstFen: 800, stepGrams: 1000, stepFen: 200, freeOverFen: null },
  provinceRules: [],
  excludedProvinceCodes: [],
  packagingGrams: 0,
};
