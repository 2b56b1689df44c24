// The reason a shop is suspended or a product taken down: the seller reads it, so it is required,
// counted as the server counts (trimmed, UTF-16 units) and no longer than the contract allows.
import { Textarea } from '@tarojs/components';
import { SUSPEND_REASON_MAX } from '../../../../../../contract/limits';
import { t } from '../../../../i18n';
import { Field } from '../../../seller/components/Field';
import { textOf } from '../../../seller/components/Field/events';

/** The phone's own check: the message to show, or null when the reason may be sent. */
export function reasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (!trimmed) return t('operator.reasonRequired');
  if (trimmed.length > SUSPEND_REASON_MAX) return t('operator.reasonTooLong', { max: SUSPEND_REASON_MAX });
  return null;
}

export function ReasonField({ value, onChange, error, placeholder }: {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  placeholder: string;
}) {
  return (
    <Field label={t('operator.reason')} error={error} count={{ used: value.trim().length, max: SUSPEND_REASON_MAX }}>
      <Textarea
        className={`textarea ${error ? 'input--bad' : ''}`}
        value={value}
        maxlength={SUSPEND_REASON_MAX}
        placeholder={placeholder}
        aria-label={t('operator.reason')}
        onInput={(event) => onChange(textOf(event))}
      />
    </Field>
  );
}
