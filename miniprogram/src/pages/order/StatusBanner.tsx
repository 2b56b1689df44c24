// The top of an order: where it stands and what happens next. Unpaid: pay the seller directly
// (their phone, one tap to call) before the time runs out; the seller ships once paid.
import { Button, Text, View } from '@tarojs/components';
import type { OrderView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { formatWhen } from '../../utils/when';
import { countdownText } from '../orders/countdown';

export function StatusBanner({ order, now, onCall }: { order: OrderView; now: number; onCall: (phone: string) => void }) {
  return (
    <View className={`card status-banner status-banner--${order.status}`}>
      <Text className='status-banner__status'>{t(`order.status.${order.status}`)}</Text>
      {order.status === 'awaiting_payment' && (
        <>
          <Text className='status-banner__line'>{t('order.payDirect')}</Text>
          <Text className='status-banner__line'>{t('order.shipsAfterPaid')}</Text>
          {order.expiresAt && (
            <Text className='status-banner__line status-banner__expiry'>
              {t('order.expiresAt', { at: formatWhen(order.expiresAt), left: countdownText(order.expiresAt, now) ?? '' })}
            </Text>
          )}
          <View className='status-banner__seller'>
            <Text>{t('order.sellerPhone', { phone: order.shop.phone })}</Text>
            <Button className='small-button order-call' onClick={() => onCall(order.shop.phone)}>{t('order.call')}</Button>
          </View>
        </>
      )}
      {order.status === 'paid' && <Text className='status-banner__line'>{t('order.paidHint')}</Text>}
      {order.status === 'shipped' && (
        <Text className='status-banner__line'>
          {order.autoCompleteAt ? t('order.autoComplete', { at: formatWhen(order.autoCompleteAt) }) : t('order.shippedHint')}
        </Text>
      )}
      {order.status === 'completed' && order.completedAt && <Text className='status-banner__line'>{formatWhen(order.completedAt)}</Text>}
      {order.status === 'cancelled' && order.cancelled && (
        <Text className='status-banner__line'>
          {t('order.cancelledBy', { who: t(`order.actor.${order.cancelled.by}`), reason: order.cancelled.reason })}
        </Text>
      )}
    </View>
  );
}
