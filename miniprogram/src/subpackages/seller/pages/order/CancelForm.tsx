// Why an unpaid order is cancelled, in words the buyer will see: a few common reasons to tap, or
// typed.
import { Input, Text, View } from '@tarojs/components';
import { CANCEL_REASON_MAX } from '../../../../../../contract/limits';
import { Field } from '../../../../components/Field';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';

const QUICK_REASONS = ['sellerOrder.reasonNoPay', 'sellerOrder.reasonBuyerAsked', 'sellerOrder.reasonNoStock'] as const;

export function CancelForm({ reason, onChange, error }: { reason: string; onChange: (reason: string) => void; error?: string | null }) {
  return (
    <View className='card cancel-form'>
      <Text className='section-title'>{t('sellerOrder.cancelTitle')}</Text>
      <View className='chips'>
        {QUICK_REASONS.map((key) => (
          <View key={key} className={`chip ${reason === t(key) ? 'chip--on' : ''}`} role='button' onClick={() => onChange(t(key))}>{t(key)}</View>
        ))}
      </View>
      <Field label={t('sellerOrder.cancelReason')} error={error} count={{ used: reason.trim().length, max: CANCEL_REASON_MAX }}>
        <Input
          className={`input cancel-form__reason ${error ? 'input--bad' : ''}`}
          value={reason}
          maxlength={CANCEL_REASON_MAX}
          placeholder={t('sellerOrder.cancelPlaceholder')}
          aria-label={t('sellerOrder.cancelReason')}
          onInput={(event) => onChange(textOf(event))}
        />
      </Field>
    </View>
  );
}
