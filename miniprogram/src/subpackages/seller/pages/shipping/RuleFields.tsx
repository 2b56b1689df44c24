// One shipping rule as couriers price it: first weight and its price, each further step and its
// price, and free shipping over an amount (empty: never free).
import { Input, Text, View } from '@tarojs/components';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import type { RuleForm } from './form';

export interface RuleFieldsProps {
  rule: RuleForm;
  onChange: (rule: RuleForm) => void;
  /** Where this rule's errors are, e.g. `shipping.defaultRule`. */
  path: string;
  errors: FieldErrors;
  /** The rule's name (default, or its provinces), so each box is told apart by screen readers and tests. */
  name: string;
}

/** `aria` names the rule too ("新疆 首重"), since several rules show the same labels. */
function NumberBox({ label, aria, value, unit, error, onInput }: { label: string; aria: string; value: string; unit: string; error?: string; onInput: (text: string) => void }) {
  return (
    <Field label={label} error={error}>
      <View className='row'>
        <Input className={`input grow ${error ? 'input--bad' : ''}`} type='digit' value={value} aria-label={aria} onInput={(event) => onInput(textOf(event))} />
        <Text className='shipping__unit'>{unit}</Text>
      </View>
    </Field>
  );
}

export function RuleFields({ rule, onChange, path, errors, name }: RuleFieldsProps) {
  const set = (field: keyof RuleForm) => (text: string) => onChange({ ...rule, [field]: text });
  return (
    <View className='rule-fields'>
      <View className='rule-fields__pair'>
        <NumberBox label={t('shipping.firstKg')} aria={`${name} ${t('shipping.firstKg')}`} value={rule.firstKg} unit='kg' error={errors[`${path}.firstGrams`]} onInput={set('firstKg')} />
        <NumberBox label={t('shipping.firstYuan')} aria={`${name} ${t('shipping.firstYuan')}`} value={rule.firstYuan} unit={t('shipping.yuan')} error={errors[`${path}.firstFen`]} onInput={set('firstYuan')} />
      </View>
      <View className='rule-fields__pair'>
        <NumberBox label={t('shipping.stepKg')} aria={`${name} ${t('shipping.stepKg')}`} value={rule.stepKg} unit='kg' error={errors[`${path}.stepGrams`]} onInput={set('stepKg')} />
        <NumberBox label={t('shipping.stepYuan')} aria={`${name} ${t('shipping.stepYuan')}`} value={rule.stepYuan} unit={t('shipping.yuan')} error={errors[`${path}.stepFen`]} onInput={set('stepYuan')} />
      </View>
      <NumberBox label={t('shipping.freeOver')} aria={`${name} ${t('shipping.freeOver')}`} value={rule.freeOverYuan} unit={t('shipping.yuan')} error={errors[`${path}.freeOverFen`]} onInput={set('freeOverYuan')} />
    </View>
  );
}
