// The reason a shop is suspended or a product taken down: the seller reads it, so it is required,
// counted as the server counts (trimmed, UTF-16 units) and no longer than the contract allows.
import { useState } from 'react';
import { Textarea } from '@tarojs/components';
import { SUSPEND_REASON_MAX } from '../../../../../../contract/limits';
import { t } from '../../../../i18n';
import { Field } from '../../../../components/Field';
import { textOf } from '../../../../components/Field/events';

/** The phone's own check: the message to show, or null when the reason may be sent. */
function reasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (!trimmed) return t('operator.reasonRequired');
  if (trimmed.length > SUSPEND_REASON_MAX) return t('operator.reasonTooLong', { max: SUSPEND_REASON_MAX });
  return null;
}

export interface Reason {
  value: string;
  error: string | null;
  /** Typing puts the last error away. */
  onChange(value: string): void;
  /** The trimmed reason to send, or null once the problem is shown beside the field. */
  checked(): string | null;
  reset(): void;
}

/** The reason being written and its error, for one `ReasonField`. */
export function useReason(): Reason {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return {
    value,
    error,
    onChange: (next) => {
      setValue(next);
      setError(null);
    },
    checked: () => {
      const problem = reasonProblem(value);
      setError(problem);
      return problem ? null : value.trim();
    },
    reset: () => {
      setValue('');
      setError(null);
    },
  };
}

export function ReasonField({ reason, placeholder }: { reason: Reason; placeholder: string }) {
  const { value, onChange, error } = reason;
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
