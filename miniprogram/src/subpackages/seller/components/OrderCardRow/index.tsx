// One order in the seller's lists: number and status, who it goes to (name, masked phone,
// province), what is in it, its total and weight. Tapping opens the order.
import { Image, Text, View } from '@tarojs/components';
import type { OrderCard } from '../../../../../../contract/orders';
import { t } from '../../../../i18n';
import { mediaUrl } from '../../../../services/platform';
import { formatFen, formatGrams } from '../../../../utils/format';
import { formatWhen } from '../../../../utils/when';
import { OrderStatusBadge } from '../OrderStatusBadge';
import './index.scss';

export function OrderCardRow({ card, onOpen }: { card: OrderCard; onOpen: () => void }) {
  const what = card.lineCount > 1 ? t('sellerOrders.titleMore', { title: card.title, count: card.lineCount }) : card.title;
  return (
    <View className='card seller-order-card' role='link' aria-label={t('sellerOrders.cardLabel', { no: card.orderNo })} onClick={onOpen}>
      <View className='row'>
        <Text className='grow hint'>{t('sellerOrders.orderNo', { no: card.orderNo })}</Text>
        <OrderStatusBadge status={card.status} />
      </View>
      <View className='seller-order-card__receiver'>
        <Text className='seller-order-card__name'>{card.receiver.name}</Text>
        <Text>{card.receiver.phoneMasked}</Text>
        <Text className='hint'>{card.receiver.province}</Text>
      </View>
      <View className='media-row seller-order-card__goods'>
        {card.cover ? (
          <Image className='media-row__cover' src={mediaUrl(card.cover.thumbUrl)} mode='aspectFill' />
        ) : (
          <View className='media-row__cover media-row__cover--blank'>{t('listing.noPhoto')}</View>
        )}
        <View className='media-row__body'>
          <Text className='media-row__title'>{what}</Text>
          <Text className='hint'>{t('sellerOrders.packs', { count: card.packCount, weight: formatGrams(card.weightGrams) })}</Text>
          <Text className='price'>{formatFen(card.totalFen)}</Text>
        </View>
      </View>
      <Text className='hint seller-order-card__when'>{formatWhen(card.createdAt)}</Text>
    </View>
  );
}
