// The checkout's lines and money as the server priced them: each line (with what is wrong with
// it), the goods, the shipping (or the province not shipped to), the weight and the total.
import { Image, Text, View } from '@tarojs/components';
import type { QuoteView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { mediaUrl } from '../../services/platform';
import { formatFen, formatGrams, formatJin } from '../../utils/format';
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
      {quote.lines.map((line) => {
        const problem = lineProblemText(line);
        return (
          <View key={line.variantId} className='media-row checkout-line'>
            {line.cover ? (
              <Image className='media-row__cover' src={mediaUrl(line.cover.thumbUrl)} mode='aspectFill' />
            ) : (
              <View className='media-row__cover media-row__cover--blank'>{line.title.slice(0, 2)}</View>
            )}
            <View className='media-row__body'>
              <Text className='media-row__title'>{line.title}</Text>
              <Text className='hint'>{line.variantName}</Text>
              <Text>{t('checkout.lineQuantity', { price: formatFen(line.priceFen), count: line.quantity })}</Text>
              {problem && <View className='badge badge--danger' role='alert'>{problem}</View>}
            </View>
            <Text className='price checkout-line__total'>{formatFen(line.lineFen)}</Text>
          </View>
        );
      })}
    </View>
  );
}

export function MoneyRows({ quote }: { quote: QuoteView }) {
  const shipping = quote.shipping;
  return (
    <View className='card checkout-money'>
      <View className='money-row'>
        <Text>{t('checkout.subtotal')}</Text>
        <Text>{formatFen(quote.subtotalFen)}</Text>
      </View>
      <View className='money-row'>
        <Text>{t('checkout.weight')}</Text>
        <Text>{`${formatGrams(quote.weightGrams)}（${formatJin(quote.weightGrams)}）`}</Text>
      </View>
      <View className='money-row'>
        <Text>{t('checkout.shipping')}</Text>
        <Text className={shipping && !shipping.ships ? 'checkout-money__no-ship' : ''}>{shippingText(shipping)}</Text>
      </View>
      {shipping && !shipping.ships && (
        <View className='message error' role='alert'>{t('checkout.notShippedTo', { province: shipping.province })}</View>
      )}
      <View className='money-row money-row--total'>
        <Text>{t('checkout.total')}</Text>
        <Text className='price price--big checkout-total'>{formatFen(quote.totalFen)}</Text>
      </View>
    </View>
  );
}
