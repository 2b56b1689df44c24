// The shipping settings form: what the seller types (yuan, kg, minutes, days, as text), how it
// comes from the saved settings, and how it turns into an exact request (integer fen and grams)
// or field errors at the server's paths (`shipping.provinceRules.0.firstFen`). The same parsing
// feeds the live fee preview, so the preview prices exactly what would be saved.
import {
  AUTO_COMPLETE_DAYS_MAX, AUTO_COMPLETE_DAYS_MIN, FREE_OVER_FEN_MAX, PACKAGING_GRAMS_MAX, SHIPPING_FEE_FEN_MAX, SHIPPING_GRAMS_MAX,
  UNPAID_MINUTES_MAX, UNPAID_MINUTES_MIN,
} from '../../../../../../contract/limits';
import type { OrderSettingsView, UpdateOrderSettingsRequest } from '../../../../../../contract/orders';
import type { ShippingRule, ShippingTemplate } from '../../../../../../contract/shipping-fee';
import type { FieldErrors } from '../../../../components/Field/errors';
import { t } from '../../../../i18n';
import { fenToInput, gramsToInput, parseCount, parseDecimal, parseWeightToGrams, parseYuanToFen, type Parsed } from '../../../../utils/money-input';
import { isRecord, isString } from '../../../../utils/shapes';

export interface RuleForm {
  firstKg: string;
  firstYuan: string;
  stepKg: string;
  stepYuan: string;
  /** '' when the rule never ships free. */
  freeOverYuan: string;
}

export interface ProvinceRef {
  code: string;
  name: string;
}

export interface ProvinceRuleForm {
  provinces: ProvinceRef[];
  rule: RuleForm;
}

export interface SettingsForm {
  defaultRule: RuleForm;
  provinceRules: ProvinceRuleForm[];
  excluded: ProvinceRef[];
  /** '' is no packaging. */
  packagingKg: string;
  unpaidMinutes: string;
  autoCompleteDays: string;
}

function ruleForm(rule: ShippingRule): RuleForm {
  return {
    firstKg: gramsToInput(rule.firstGrams, 'kg'),
    firstYuan: fenToInput(rule.firstFen),
    stepKg: gramsToInput(rule.stepGrams, 'kg'),
    stepYuan: fenToInput(rule.stepFen),
    freeOverYuan: rule.freeOverFen === null ? '' : fenToInput(rule.freeOverFen),
  };
}

/** A new province rule starts as a copy of the default rule: usually only a price changes. */
export function newProvinceRule(defaultRule: RuleForm): ProvinceRuleForm {
  return { provinces: [], rule: { ...defaultRule } };
}

export function formFromSettings(settings: OrderSettingsView): SettingsForm {
  const names = new Map(settings.provinces.map((p) => [p.code, p.name]));
  const refs = (codes: string[]): ProvinceRef[] => codes.map((code) => ({ code, name: names.get(code) ?? code }));
  return {
    defaultRule: ruleForm(settings.shipping.defaultRule),
    provinceRules: settings.shipping.provinceRules.map((rule) => ({ provinces: refs(rule.provinceCodes), rule: ruleForm(rule) })),
    excluded: refs(settings.shipping.excludedProvinceCodes),
    packagingKg: settings.shipping.packagingGrams === 0 ? '' : gramsToInput(settings.shipping.packagingGrams, 'kg'),
    unpaidMinutes: String(settings.unpaidMinutes),
    autoCompleteDays: String(settings.autoCompleteDays),
  };
}

/** What each input problem means to a seller. */
function problemText(parsed: Parsed & { ok: false }, range: { min: string; max: string }): string {
  switch (parsed.problem) {
    case 'empty':
      return t('field.required');
    case 'tooPrecise':
      return t('field.priceCents');
    case 'notWholeGrams':
      return t('field.wholeGrams');
    case 'tooLarge':
    case 'tooSmall':
      return t('shipping.outOfRange', range);
    default:
      return t('field.number');
  }
}

type Reader = (text: string) => Parsed;

const kg: Reader = (text) => parseWeightToGrams(text, 'kg', SHIPPING_GRAMS_MAX);
/** A fee may be ¥0 (a courier that collects free nearby), unlike a product's price. */
const fee: Reader = (text) => {
  const parsed = parseDecimal(text, 2);
  return parsed.ok && parsed.value > SHIPPING_FEE_FEN_MAX ? { ok: false, problem: 'tooLarge' } : parsed;
};
const freeOver: Reader = (text) => parseYuanToFen(text, FREE_OVER_FEN_MAX);
const packaging: Reader = (text) => {
  const parsed = parseDecimal(text, 3);
  if (!parsed.ok) return parsed.problem === 'tooPrecise' ? { ok: false, problem: 'notWholeGrams' } : parsed;
  return parsed.value > PACKAGING_GRAMS_MAX ? { ok: false, problem: 'tooLarge' } : parsed;
};
const whole = (min: number, max: number): Reader => (text) => {
  const parsed = parseCount(text, max);
  return parsed.ok && parsed.value < min ? { ok: false, problem: 'tooSmall' } : parsed;
};

const KG_RANGE = { min: '0.001', max: String(SHIPPING_GRAMS_MAX / 1000) };
const FEE_RANGE = { min: '0', max: String(SHIPPING_FEE_FEN_MAX / 100) };
const FREE_RANGE = { min: '0.01', max: String(FREE_OVER_FEN_MAX / 100) };

/** Reads one rule; errors go into `errors` under `prefix` (e.g. `shipping.defaultRule`). */
function readRule(form: RuleForm, prefix: string, errors: FieldErrors): ShippingRule | null {
  const read = (text: string, reader: Reader, field: string, range: { min: string; max: string }): number | null => {
    const parsed = reader(text);
    if (parsed.ok) return parsed.value;
    errors[`${prefix}.${field}`] = problemText(parsed, range);
    return null;
  };
  const firstGrams = read(form.firstKg, kg, 'firstGrams', KG_RANGE);
  const firstFen = read(form.firstYuan, fee, 'firstFen', FEE_RANGE);
  const stepGrams = read(form.stepKg, kg, 'stepGrams', KG_RANGE);
  const stepFen = read(form.stepYuan, fee, 'stepFen', FEE_RANGE);
  const freeOverFen = form.freeOverYuan.trim() === '' ? null : read(form.freeOverYuan, freeOver, 'freeOverFen', FREE_RANGE);
  if (firstGrams === null || firstFen === null || stepGrams === null || stepFen === null) return null;
  if (form.freeOverYuan.trim() !== '' && freeOverFen === null) return null;
  return { firstGrams, firstFen, stepGrams, stepFen, freeOverFen };
}

export type TemplateResult = { ok: true; template: ShippingTemplate } | { ok: false; errors: FieldErrors };

/** The shipping template the form describes, or what is wrong with it. */
export function templateFrom(form: SettingsForm): TemplateResult {
  const errors: FieldErrors = {};
  const defaultRule = readRule(form.defaultRule, 'shipping.defaultRule', errors);
  const provinceRules = form.provinceRules.map((row, index) => {
    const prefix = `shipping.provinceRules.${index}`;
    if (row.provinces.length === 0) errors[`${prefix}.provinceCodes`] = t('shipping.pickProvinces');
    const rule = readRule(row.rule, prefix, errors);
    return rule ? { ...rule, provinceCodes: row.provinces.map((p) => p.code) } : null;
  });
  let packagingGrams = 0;
  if (form.packagingKg.trim() !== '') {
    const parsed = packaging(form.packagingKg);
    if (parsed.ok) packagingGrams = parsed.value;
    else errors['shipping.packagingGrams'] = problemText(parsed, { min: '0', max: String(PACKAGING_GRAMS_MAX / 1000) });
  }
  if (!defaultRule || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    template: {
      defaultRule,
      provinceRules: provinceRules.filter((rule): rule is NonNullable<typeof rule> => rule !== null),
      excludedProvinceCodes: form.excluded.map((p) => p.code),
      packagingGrams,
    },
  };
}

export type SettingsResult = { ok: true; request: UpdateOrderSettingsRequest } | { ok: false; errors: FieldErrors };

export function settingsRequest(form: SettingsForm, version: number): SettingsResult {
  const shipping = templateFrom(form);
  const errors: FieldErrors = shipping.ok ? {} : { ...shipping.errors };
  const minutes = whole(UNPAID_MINUTES_MIN, UNPAID_MINUTES_MAX)(form.unpaidMinutes);
  if (!minutes.ok) errors.unpaidMinutes = problemText(minutes, { min: String(UNPAID_MINUTES_MIN), max: String(UNPAID_MINUTES_MAX) });
  const days = whole(AUTO_COMPLETE_DAYS_MIN, AUTO_COMPLETE_DAYS_MAX)(form.autoCompleteDays);
  if (!days.ok) errors.autoCompleteDays = problemText(days, { min: String(AUTO_COMPLETE_DAYS_MIN), max: String(AUTO_COMPLETE_DAYS_MAX) });
  if (!shipping.ok || !minutes.ok || !days.ok) return { ok: false, errors };
  return { ok: true, request: { shipping: shipping.template, unpaidMinutes: minutes.value, autoCompleteDays: days.value, version } };
}

/** The province codes already used by a rule or excluded, but for those of `except` (the list being edited). */
export function takenProvinces(form: SettingsForm, except: ProvinceRef[]): Set<string> {
  const mine = new Set(except.map((p) => p.code));
  const all = [...form.provinceRules.flatMap((rule) => rule.provinces), ...form.excluded];
  return new Set(all.map((p) => p.code).filter((code) => !mine.has(code)));
}

// A draft read back from the phone's storage must still be this shape before it fills the form.
const isRuleForm = (value: unknown): value is RuleForm =>
  isRecord(value) && (['firstKg', 'firstYuan', 'stepKg', 'stepYuan', 'freeOverYuan'] as const).every((key) => isString(value[key]));
const isProvinceRefs = (value: unknown): value is ProvinceRef[] =>
  Array.isArray(value) && value.every((p) => isRecord(p) && isString(p.code) && isString(p.name));

export function isSettingsForm(value: unknown): value is SettingsForm {
  return (
    isRecord(value) && isRuleForm(value.defaultRule) && isProvinceRefs(value.excluded) &&
    isString(value.packagingKg) && isString(value.unpaidMinutes) && isString(value.autoCompleteDays) &&
    Array.isArray(value.provinceRules) && value.provinceRules.every((row) => isRecord(row) && isProvinceRefs(row.provinces) && isRuleForm(row.rule))
  );
}
