// The delivery address form: receiver, mobile number, province → city → county, and the street
// or village. Errors appear beside their field, keyed by the contract's field names.
import { Input, Textarea, View } from '@tarojs/components';
import { ADDRESS_DETAIL_MAX, ADDRESS_NAME_MAX } from '../../../../contract/limits';
import { Field } from '../Field';
import { textOf } from '../Field/events';
import { RegionPicker, type LoadRegions } from '../RegionPicker';
import { t } from '../../i18n';
import type { AddressForm as AddressFormState, AddressProblem } from '../../utils/address';

export type AddressErrors = Partial<Record<AddressProblem, string>>;

export interface AddressFormProps {
  value: AddressFormState;
  onChange: (next: AddressFormState) => void;
  errors: AddressErrors;
  loadRegions: LoadRegions;
  /** Changes when the region is set from outside (WeChat's address), so the picker starts afresh. */
  regionKey: string;
}

export function AddressForm({ value, onChange, errors, loadRegions, regionKey }: AddressFormProps) {
  const set = (changes: Partial<AddressFormState>) => onChange({ ...value, ...changes });
  return (
    <View className='address-form'>
      <Field label={t('address.name')} error={errors.name}>
        <Input
          className={`input ${errors.name ? 'input--bad' : ''} address-form__name`}
          value={value.name}
          maxlength={ADDRESS_NAME_MAX}
          placeholder={t('address.namePlaceholder')}
          aria-label={t('address.name')}
          onInput={(event) => set({ name: textOf(event) })}
        />
      </Field>
      <Field label={t('address.phone')} error={errors.phone}>
        <Input
          className={`input ${errors.phone ? 'input--bad' : ''} address-form__phone`}
          type='number'
          value={value.phone}
          maxlength={11}
          placeholder={t('address.phonePlaceholder')}
          aria-label={t('address.phone')}
          onInput={(event) => set({ phone: textOf(event) })}
        />
      </Field>
      <Field label={t('address.region')} error={errors.regionCode}>
        <RegionPicker key={regionKey} loadRegions={loadRegions} value={value.region} onChange={(region) => set({ region })} bad={!!errors.regionCode} />
      </Field>
      <Field label={t('address.detail')} error={errors.detail} count={{ used: value.detail.trim().length, max: ADDRESS_DETAIL_MAX }}>
        <Textarea
          className='textarea address-form__detail'
          value={value.detail}
          maxlength={ADDRESS_DETAIL_MAX}
          placeholder={t('address.detailPlaceholder')}
          aria-label={t('address.detail')}
          onInput={(event) => set({ detail: textOf(event) })}
        />
      </Field>
    </View>
  );
}

/** One message per wrong field, in plain words. */
export function addressErrorsOf(problems: AddressProblem[]): AddressErrors {
  const messages: Record<AddressProblem, string> = {
    name: t('address.nameInvalid'),
    phone: t('address.phoneInvalid'),
    regionCode: t('address.regionInvalid'),
    detail: t('address.detailInvalid'),
  };
  return Object.fromEntries(problems.map((problem) => [problem, messages[problem]]));
}

/** The server's field errors (`address.phone`, `phone`…) as address errors; empty when none concern it. */
export function addressErrorsFromPaths(paths: string[]): AddressErrors {
  const known: AddressProblem[] = ['name', 'phone', 'regionCode', 'detail'];
  const problems = paths.map((path) => path.split('.').pop() ?? '').filter((name): name is AddressProblem => (known as string[]).includes(name));
  return addressErrorsOf(problems);
}
