// Which subscription-message template carries each of our messages, and which of our fields go
// into which of its keywords. A template is chosen in WeChat's admin console, so its id and
// keywords come from configuration: "templateId|orderNo=character_string1,amount=amount2,…".
import type { SubscribeTopic } from '../../../contract/orders';
import { keywordType, KEYWORD_TYPES } from './subscribe-values';

/** The fields each message can fill; a template uses some or all of them. */
export const TOPIC_FIELDS = {
  order_paid: ['orderNo', 'amount', 'items', 'paidAt', 'shopName'],
  order_shipped: ['orderNo', 'items', 'courier', 'trackingNo', 'shippedAt'],
  new_order: ['orderNo', 'amount', 'items', 'receiver', 'placedAt'],
} as const satisfies Record<SubscribeTopic, readonly string[]>;

export type TopicField<T extends SubscribeTopic = SubscribeTopic> = (typeof TOPIC_FIELDS)[T][number];

export interface SubscribeTemplate {
  id: string;
  /** Our field → the template's keyword, e.g. amount → amount2. */
  keywords: { field: string; keyword: string }[];
}

export type SubscribeTemplateConfig = Record<SubscribeTopic, SubscribeTemplate | null>;

export const TOPIC_ENV: Record<SubscribeTopic, string> = {
  order_paid: 'WECHAT_TMPL_ORDER_PAID',
  order_shipped: 'WECHAT_TMPL_ORDER_SHIPPED',
  new_order: 'WECHAT_TMPL_NEW_ORDER',
};

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Reads one variable's value; the problems name what is wrong, for ConfigError. */
export function parseTemplateSpec(topic: SubscribeTopic, spec: string): { template: SubscribeTemplate } | { problems: string[] } {
  const problems: string[] = [];
  const [id, mapping, ...rest] = spec.split('|');
  if (rest.length || mapping === undefined) return { problems: ['must look like templateId|field=keyword,field=keyword'] };
  if (!TEMPLATE_ID.test(id.trim())) problems.push('the template id must be 1 to 64 letters, digits, _ or -');
  const allowed: readonly string[] = TOPIC_FIELDS[topic];
  const keywords: SubscribeTemplate['keywords'] = [];
  for (const pair of mapping.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [field, keyword, ...extra] = pair.split('=').map((s) => s.trim());
    if (extra.length || !field || !keyword) {
      problems.push(`"${pair}" must be field=keyword`);
      continue;
    }
    if (!allowed.includes(field)) problems.push(`unknown field "${field}" (use ${allowed.join(', ')})`);
    if (!keywordType(keyword)) problems.push(`keyword "${keyword}" must be a WeChat type followed by its number (${KEYWORD_TYPES.join(', ')}), e.g. thing3`);
    if (keywords.some((k) => k.field === field)) problems.push(`field "${field}" is given twice`);
    if (keywords.some((k) => k.keyword === keyword)) problems.push(`keyword "${keyword}" is given twice`);
    keywords.push({ field, keyword });
  }
  if (keywords.length === 0) problems.push('name at least one field=keyword');
  return problems.length ? { problems } : { template: { id: id.trim(), keywords } };
}

const simTemplate = (id: string, pairs: string): SubscribeTemplate => ({
  id,
  keywords: pairs.split(',').map((p) => {
    const [field, keyword] = p.split('=');
    return { field, keyword };
  }),
});

/**
 * The simulator's own templates, used when it runs and a variable is unset: keywords of the kinds
 * WeChat's template library offers for these messages (订单号, 金额, 商品名称, 时间…).
 */
export const SIMULATOR_TEMPLATES: Record<SubscribeTopic, SubscribeTemplate> = {
  order_paid: simTemplate('sim-order-paid', 'orderNo=character_string1,amount=amount2,items=thing3,paidAt=time4,shopName=thing5'),
  order_shipped: simTemplate('sim-order-shipped', 'orderNo=character_string1,items=thing2,courier=thing3,trackingNo=character_string4,shippedAt=time5'),
  new_order: simTemplate('sim-new-order', 'orderNo=character_string1,amount=amount2,items=thing3,receiver=name4,placedAt=time5'),
};

/** What the simulator needs to know of templates: their ids and keywords (WeChat knows nothing of our fields). */
export const simulatorTemplateKeywords = (templates: Iterable<SubscribeTemplate | null>): Record<string, string[]> =>
  Object.fromEntries([...templates].flatMap((t) => (t ? [[t.id, t.keywords.map((k) => k.keyword)]] : [])));
