// An order's lines and money as checkout, the buyer's order page and the seller's order page all
// show them: one row per pack bought (and, once shipped, what was really packed when it differs),
// then goods, weight, shipping and total.
import { Image, Text, View } from '@tarojs/components';
import type { OrderLineView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { mediaUrl } from '../../services/platform';
import { formatFen, formatGrams, formatJin } from '../../utils/format';
import './index.scss';

/** What was packed when it differs from what was ordered: "实发 2.35 kg（订 2.5 kg）"; null when as ordered. */
export function packedText(line: OrderLineView): string | null {
  if (line.packedGrams === null || line.packedGrams === undefined) return null;
  const ordered = line.netWeightGrams * line.quantity;
  if (line.packedGrams === ordered) return null;
  return t('refunds.packed', { packed: formatGrams(line.packedGrams), ordered: formatGrams(ordered) });
}

export interface OrderLineRowProps {
  line: OrderLineView;
  /** What is wrong with the line now (checkout only). */
  problem?: string | null;
  onOpen?: () => void;
}

export function OrderLineRow({ line, problem, onOpen }: OrderLineRowProps) {
  const packed = packedText(line);
  return (
    <View className='media-row order-line' role={onOpen ? 'link' : undefined} onClick={onOpen}>
      {line.cover ? (
        <Image className='media-row__cover' src={mediaUrl(line.cover.thumbUrl)} mode='aspectFill' />
      ) : (
        <View className='media-row__cover media-row__cover--blank'>{line.title.slice(0, 2)}</View>
      )}
      <View className='media-row__body'>
        <Text className='media-row__title'>{line.title}</Text>
        <Text className='hint'>{line.variantName}</Text>
        <Text>{t('checkout.lineQuantity', { price: formatFen(line.priceFen), count: line.quantity })}</Text>
        {packed && <Text className='order-line__packed'>{packed}</Text>}
        {problem && <View className='badge badge--danger' role='alert'>{problem}</View>}
      </View>
      <Text className='price order-line__total'>{formatFen(line.lineFen)}</Text>
    </View>
  );
}

export interface MoneyRowsProps {
  subtotalFen: number;
  /** Goods plus packaging. */
  weightGrams: number;
  /** The shipping as words: an amount, free, not yet known, or not shipped there. */
  shipping: string;
  /** The shipping cannot be had (a province the shop does not ship to). */
  shippingRefused?: boolean;
  totalFen: number;
}

export function MoneyRows({ subtotalFen, weightGrams, shipping, shippingRefused, totalFen }: MoneyRowsProps) {
  return (
    <>
      <View className='money-row'>
        <Text>{t('checkout.subtotal')}</Text>
        <Text>{formatFen(subtotalFen)}</Text>
      </View>
      <View className='money-row'>
        <Text>{t('checkout.weight')}</Text>
        <Text>{`${formatGrams(weightGrams)}（${formatJin(weightGrams)}）`}</Text>
      </View>
      <View className='money-row'>
        <Text>{t('checkout.shipping')}</Text>
        <Text className={shippingRefused ? 'money-row__refused' : ''}>{shipping}</Text>
      </View>
      <View className='money-row money-row--total'>
        <Text>{t('checkout.total')}</Text>
        <Text className='price price--big order-total'>{formatFen(totalFen)}</Text>
      </View>
    </>
  );
}

/** An order's shipping in words: its fee, or free. */
export const orderShippingText = (shippingFen: number): string => (shippingFen === 0 ? t('checkout.shippingFree') : formatFen(shippingFen));
