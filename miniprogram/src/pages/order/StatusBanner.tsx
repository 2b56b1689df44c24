// The top of an order: where it stands and what happens next. Unpaid: pay with WeChat Pay, or pay
// the seller directly (their phone, one tap to call), before the time runs out; the seller ships
// once paid. Paid with WeChat Pay: how much. Then money back: asked for, declined (and why), done.
import { Button, Text, View } from '@tarojs/components';
import type { OrderView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { formatFen } from '../../utils/format';
import { formatWhen } from '../../utils/when';
import { countdownText } from '../orders/countdown';

/** The order's money in one line, when there is something to say: paid, a request, a refund. */
function moneyLine(order: OrderView): string | null {
  const { money } = order;
  const request = money.refundRequest;
  if (request?.status === 'open') return t('payment.refundRequested', { amount: formatFen(request.amountFen) });
  if (order.status === 'cancelled' && money.paidFen > 0 && money.refundedFen >= money.paidFen) {
    return t('payment.refundedAll', { amount: formatFen(money.refundedFen) });
  }
  if (request?.status === 'declined') return t('payment.refundDeclined', { answer: request.answer ?? '' });
  if (money.refundedFen > 0) return t('payment.refundedPart', { amount: formatFen(money.refundedFen) });
  if (order.paymentMethod === 'wechat' && money.payment === 'paid') return t('payment.paidWechat', { amount: formatFen(money.paidFen) });
  return null;
}

export function StatusBanner({ order, now, onCall }: { order: OrderView; now: number; onCall: (phone: string) => void }) {
  const wechat = order.paymentMethod === 'wechat';
  const money = moneyLine(order);
  return (
    <View className={`card status-banner status-banner--${order.status}`}>
      <Text className='status-banner__status'>{t(`order.status.${order.status}`)}</Text>
      {order.status === 'awaiting_payment' && (
        <>
          {wechat ? (
            <Text className='status-banner__line'>{t('payment.awaitingWechat')}</Text>
          ) : (
            <>
              <Text className='status-banner__line'>{t('order.payDirect')}</Text>
              <Text className='status-banner__line'>{t('order.shipsAfterPaid')}</Text>
            </>
          )}
          {order.expiresAt && (
            <Text className='status-banner__line status-banner__expiry'>
              {t('order.expiresAt', { at: formatWhen(order.expiresAt), left: countdownText(order.expiresAt, now) ?? '' })}
            </Text>
          )}
          {!wechat && (
            <View className='status-banner__seller'>
              <Text>{t('order.sellerPhone', { phone: order.shop.phone })}</Text>
              <Button className='small-button order-call' onClick={() => onCall(order.shop.phone)}>{t('order.call')}</Button>
            </View>
          )}
        </>
      )}
      {order.status === 'paid' && <Text className='status-banner__line'>{t(wechat ? 'payment.preparing' : 'order.paidHint')}</Text>}
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
      {money && <Text className='status-banner__line status-banner__money'>{money}</Text>}
    </View>
  );
}
