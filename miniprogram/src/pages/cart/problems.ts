// What is wrong with a line, in the words the cart and the checkout both use.
import type { QuoteLineView } from '../../../../contract/orders';
import { t } from '../../i18n';

export function lineProblemText(line: Pick<QuoteLineView, 'problem' | 'available'>): string | null {
  switch (line.problem) {
    case 'sold_out':
      return t('cart.problem.sold_out');
    case 'not_enough':
      return t('cart.problem.not_enough', { count: line.available });
    case 'unavailable':
      return t('cart.problem.unavailable');
    default:
      return null;
  }
}
