// The seller's side of money back: the buyer's open request with its two answers (agree, with the
// amount on the button; decline, which needs a reason), and the seller's own refund of part or all
// of what may still be refunded.
import { Button, Input, Text, View } from '@tarojs/components';
import { REFUND_REASON_MAX } from '../../../../../../contract/limits';
import type { RefundRequestView } from '../../../../../../contract/payments';
import { Field } from '../../../../components/Field';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import { fenToInput } from '../../../../utils/money-input';
import { formatFen } from '../../../../utils/format';
import { formatWhen } from '../../../../utils/when';
import type { RefundDraft } from './refund-form';

export interface RefundRequestPanelProps {
  request: RefundRequestView;
  busy: boolean;
  onApprove: () => void;
  onDecline: () => void;
}

/** The buyer's open request, what they ask and why, and the seller's two big answers. */
export function RefundRequestPanel({ request, busy, onApprove, onDecline }: RefundRequestPanelProps) {
  const disabled = busy ? true : undefined;
  return (
    <View className='card seller-refund-request' role='region' aria-label={t('sellerPay.requestTitle')}>
      <Text className='section-title'>{t('sellerPay.requestTitle')}</Text>
      <View className='seller-refund-request__amount'>{t('sellerPay.requestAmount', { amount: formatFen(request.amountFen) })}</View>
      <View className='message notice'>{t('sellerPay.requestReason', { reason: request.reason })}</View>
      <View className='hint'>{t('sellerPay.requestAt', { at: formatWhen(request.at) })}</View>
      <View className='seller-order__actions seller-refund-request__answers'>
        <Button className='big-button quiet refund-decline' disabled={disabled} onClick={onDecline}>{t('sellerPay.decline')}</Button>
        <Button className='big-button refund-approve' disabled={disabled} onClick={onApprove}>{t('sellerPay.approve', { amount: formatFen(request.amountFen) })}</Button>
      </View>
    </View>
  );
}

function ReasonInput({ label, value, placeholder, error, className, onChange }: {
  label: string; value: string; placeholder: string; error?: string | null; className: string; onChange: (value: string) => void;
}) {
  return (
    <Field label={label} error={error} count={{ used: value.trim().length, max: REFUND_REASON_MAX }}>
      <Input
        className={`input ${className} ${error ? 'input--bad' : ''}`}
        value={value}
        maxlength={REFUND_REASON_MAX}
        placeholder={placeholder}
        aria-label={label}
        onInput={(event) => onChange(textOf(event))}
      />
    </Field>
  );
}

/** Declining: the reason the buyer will read (required). */
export function DeclineForm({ reason, onChange, error }: { reason: string; onChange: (reason: string) => void; error?: string | null }) {
  return (
    <View className='card decline-form'>
      <Text className='section-title'>{t('sellerPay.declineTitle')}</Text>
      <ReasonInput
        label={t('sellerPay.declineReason')} value={reason} placeholder={t('sellerPay.declinePlaceholder')} error={error}
        className='decline-form__reason' onChange={onChange}
      />
    </View>
  );
}

export interface RefundFormProps {
  draft: RefundDraft;
  refundableFen: number;
  onChange: (draft: RefundDraft) => void;
  errors: { amountFen?: string; reason?: string };
}

/** Refunding of the seller's own accord: how much (at most what is left) and why. */
export function RefundForm({ draft, refundableFen, onChange, errors }: RefundFormProps) {
  return (
    <View className='card refund-form'>
      <Text className='section-title'>{t('sellerPay.refundTitle')}</Text>
      <Field label={t('sellerPay.refundAmount')} error={errors.amountFen}>
        <View className='row'>
          <Input
            className={`input grow refund-form__amount ${errors.amountFen ? 'input--bad' : ''}`}
            type='digit'
            value={draft.amount}
            placeholder='0.00'
            aria-label={t('sellerPay.refundAmount')}
            onInput={(event) => onChange({ ...draft, amount: textOf(event) })}
          />
          <Button className='small-button refund-form__all' onClick={() => onChange({ ...draft, amount: fenToInput(refundableFen) })}>{t('sellerPay.refundAll')}</Button>
        </View>
      </Field>
      <View className='hint refund-form__most'>{t('sellerPay.refundMost', { amount: formatFen(refundableFen) })}</View>
      <ReasonInput
        label={t('sellerPay.refundReason')} value={draft.reason} placeholder={t('sellerPay.refundPlaceholder')} error={errors.reason}
        className='refund-form__reason' onChange={(reason) => onChange({ ...draft, reason })}
      />
    </View>
  );
}
