// The seller's refund (of their own accord) and their answer to a buyer's request, checked on the
// phone as the server checks them: an amount in yuan read exactly to fen (1 fen up to what may
// still be refunded) and a reason the buyer will read.
import { REFUND_REASON_MAX } from '../../../../../../contract/limits';
import type { SellerRefundRequest } from '../../../../../../contract/payments';
import type { FieldErrors } from '../../../../components/Field/errors';
import { t } from '../../../../i18n';
import { parseYuanToFen } from '../../../../utils/money-input';
import { refundAmountProblem } from '../../../../utils/refund-amount';

/** The refund being written: the amount as typed, and why. */
export interface RefundDraft {
  amount: string;
  reason: string;
}

export const blankRefund = (): RefundDraft => ({ amount: '', reason: '' });

/** A reason's problem (empty, too long), or null. */
export function reasonProblem(reason: string, emptyKey: 'sellerPay.reasonRequired' | 'sellerPay.declineReasonRequired'): string | null {
  const words = reason.trim();
  if (!words) return t(emptyKey);
  if (words.length > REFUND_REASON_MAX) return t('sellerPay.tooLong', { max: REFUND_REASON_MAX });
  return null;
}

/** The amount's problem in words, or its fen. */
export function readRefundAmount(text: string, refundableFen: number): { ok: true; fen: number } | { ok: false; error: string } {
  const parsed = parseYuanToFen(text, refundableFen);
  return parsed.ok ? { ok: true, fen: parsed.value } : { ok: false, error: refundAmountProblem(parsed.problem, refundableFen) };
}

export type RefundCheck = { ok: true; request: SellerRefundRequest } | { ok: false; errors: FieldErrors };

/** The request to send, or errors at the server's field names (`amountFen`, `reason`). */
export function refundRequest(draft: RefundDraft, refundableFen: number): RefundCheck {
  const errors: FieldErrors = {};
  const amount = readRefundAmount(draft.amount, refundableFen);
  if (!amount.ok) errors.amountFen = amount.error;
  const reason = reasonProblem(draft.reason, 'sellerPay.reasonRequired');
  if (reason) errors.reason = reason;
  if (!amount.ok || reason) return { ok: false, errors };
  return { ok: true, request: { amountFen: amount.fen, reason: draft.reason.trim() } };
}
