// What is wrong with a refund amount as typed (yuan, read exactly to fen by money-input.ts), in
// one set of words for the buyer's request and the seller's refund.
import { t } from '../i18n';
import { formatFen } from './format';
import type { InputProblem } from './money-input';

/** "最多可以退 ¥88.00": also what the server's REFUND_TOO_LARGE says, with its amount. */
export const refundTooLargeText = (maxFen: number) => t('refund.problem.tooLarge', { max: formatFen(maxFen) });

export function refundAmountProblem(problem: InputProblem, maxFen: number): string {
  switch (problem) {
    case 'empty': return t('refund.problem.empty');
    case 'tooPrecise': return t('refund.problem.tooPrecise');
    case 'tooSmall': return t('refund.problem.tooSmall');
    case 'tooLarge': return refundTooLargeText(maxFen);
    default: return t('refund.problem.invalid');
  }
}
