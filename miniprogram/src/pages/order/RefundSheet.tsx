// Asking the seller for money back: how much (all that may still be refunded unless changed; the
// yuan typed are read as exact fen), why (the usual reasons, or typed), then the request. What the
// server refuses is shown beside the field it is about.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { REFUND_REASON_MAX } from '../../../../contract/limits';
import type { RequestRefundRequest } from '../../../../contract/payments';
import { Field } from '../../components/Field';
import { textOf } from '../../components/Field/events';
import { t, type MessageKey } from '../../i18n';
import { formatFen } from '../../utils/format';
import { fenToInput, parseYuanToFen } from '../../utils/money-input';
import { refundAmountProblem } from '../../utils/refund-amount';

const REASONS: MessageKey[] = ['refund.reason.changedMind', 'refund.reason.badGoods', 'refund.reason.missing'];

/** A quick reason with what was typed after it ("商品有问题：米里有虫"), or just the typed words for 其他. */
function reasonText(picked: MessageKey | 'other' | null, typed: string): string {
  const words = typed.trim();
  if (picked === 'other' || picked === null) return picked === 'other' ? words : '';
  return words ? `${t(picked)}：${words}` : t(picked);
}

/** Room left for typed words after the longest quick reason and its "：". */
const TYPED_MAX = REFUND_REASON_MAX - 8;

export interface RefundSheetProps {
  /** The most that may be refunded, in fen. */
  refundableFen: number;
  busy: boolean;
  /** Problems the server found, by field (REFUND_TOO_LARGE, VALIDATION_FAILED…). */
  serverErrors?: { amountFen?: string; reason?: string };
  onSubmit: (request: RequestRefundRequest) => void;
  onClose: () => void;
}

export function RefundSheet({ refundableFen, busy, serverErrors = {}, onSubmit, onClose }: RefundSheetProps) {
  const [amount, setAmount] = useState(() => fenToInput(refundableFen));
  const [picked, setPicked] = useState<MessageKey | 'other' | null>(null);
  const [other, setOther] = useState('');
  const [shown, setShown] = useState<{ amount: string | null; reason: string | null }>({ amount: null, reason: null });

  const reason = reasonText(picked, other);

  function submit() {
    const parsed = parseYuanToFen(amount, refundableFen);
    const problems = {
      amount: parsed.ok ? null : refundAmountProblem(parsed.problem, refundableFen),
      reason: reason ? null : t('refund.needReason'),
    };
    setShown(problems);
    if (!parsed.ok || problems.reason) return;
    onSubmit({ amountFen: parsed.value, reason });
  }

  const amountError = shown.amount ?? serverErrors.amountFen ?? null;
  const reasonError = shown.reason ?? serverErrors.reason ?? null;
  return (
    <View className='card refund-sheet' data-testid='refund-sheet'>
      <View className='section-title'>{t('refund.title')}</View>
      <Field label={t('refund.amount')} error={amountError}>
        <View className='refund-sheet__amount'>
          <Input
            className={`input refund-sheet__input ${amountError ? 'input--bad' : ''}`}
            type='digit'
            value={amount}
            aria-label={t('refund.amount')}
            onInput={(event) => {
              setAmount(textOf(event));
              setShown((now) => ({ ...now, amount: null }));
            }}
          />
          <Button className='small-button refund-sheet__whole' onClick={() => setAmount(fenToInput(refundableFen))}>{t('refund.whole')}</Button>
        </View>
        <Text className='hint'>{t('refund.amountHint', { max: formatFen(refundableFen) })}</Text>
      </Field>
      <Field label={t('refund.reasonTitle')} error={reasonError}>
        <View className='chips' role='radiogroup' aria-label={t('refund.reasonTitle')}>
          {REASONS.map((key) => (
            <View key={key} className={`chip ${picked === key ? 'chip--on' : ''}`} role='radio' aria-checked={picked === key} onClick={() => setPicked(key)}>
              {t(key)}
            </View>
          ))}
          <View className={`chip ${picked === 'other' ? 'chip--on' : ''}`} role='radio' aria-checked={picked === 'other'} onClick={() => setPicked('other')}>
            {t('refund.reason.other')}
          </View>
        </View>
        <Input
          className='input refund-sheet__other'
          value={other}
          maxlength={TYPED_MAX}
          placeholder={t('refund.reasonPlaceholder')}
          aria-label={t('refund.reasonPlaceholder')}
          onInput={(event) => {
            setOther(textOf(event));
            setShown((now) => ({ ...now, reason: null }));
          }}
        />
      </Field>
      <Button className='big-button refund-submit' disabled={busy ? true : undefined} onClick={submit}>
        {busy ? t('refund.sending') : t('refund.submit')}
      </Button>
      <Button className='big-button quiet' onClick={onClose}>{t('refund.keep')}</Button>
    </View>
  );
}
