// The checkout's lines and money as the server priced them: each line (with what is wrong with
// it), the goods, the shipping (or the province not shipped to), the weight and the total.
import { View } from '@tarojs/components';
import type { QuoteView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { MoneyRows, OrderLineRow } from '../../components/OrderSummary';
import { formatFen } from '../../utils/format';
import { lineProblemText } from '../cart/problems';

export function shippingText(shipping: QuoteView['shipping']): string {
  if (!shipping) return t('checkout.shippingPending');
  if (!shipping.ships) return t('checkout.notShippedTo', { province: shipping.province });
  return shipping.free ? t('checkout.shippingFree') : formatFen(shipping.fen);
}

export function QuoteLines({ quote }: { quote: QuoteView }) {
  return (
    <View className='card checkout-lines'>
      <View className='section-title'>{quote.shop.name}</View>
      {quote.lines.map((line) => <OrderLineRow key={line.variantId} line={line} problem={lineProblemText(line)} />)}
    </View>
  );
}

export function QuoteMoney({ quote }: { quote: QuoteView }) {
  const shipping = quote.shipping;
  return (
    <View className='card checkout-money'>
      <MoneyRows
        subtotalFen={quote.subtotalFen}
        weightGrams={quote.weightGrams}
        shipping={shippingText(shipping)}
        shippingRefused={Boolean(shipping && !shipping.ships)}
        totalFen={quote.totalFen}
      />
      {shipping && !shipping.ships && (
        <View className='message error' role='alert'>{t('checkout.notShippedTo', { province: shipping.province })}</View>
      )}
    </View>
  );
}
