// The seller's day at a glance: today's orders and takings, what waits to ship (big, the first
// thing to do) and to be paid, buyers' refund requests waiting for an answer, and products
// running out; each opens where it is dealt with.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { SellerDashboardView } from '../../../../../../contract/orders';
import { useOnChange } from '../../../../hooks/useOnChange';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Navigate } from '../../../../services/platform';
import type { SellerOrders } from '../../../../services/seller-orders';
import { formatFen } from '../../../../utils/format';

export interface TodayCardProps {
  shopId: string;
  orders: Pick<SellerOrders, 'shopDashboard'>;
  go: Navigate;
  /** Grows each time the page shows again (back from shipping an order). */
  shown: number;
}

/** Low-stock products named on the home page; the rest are on the products page. */
const LOW_STOCK_SHOWN = 5;

export function TodayCard({ shopId, orders, go, shown }: TodayCardProps) {
  const [dashboard, setDashboard] = useState<SellerDashboardView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    orders.shopDashboard(shopId).then(setDashboard, (failure: unknown) => setError(messageOf(failure)));
  }, [orders, shopId]);
  useEffect(() => load(), [load]);
  useOnChange(shown, load);

  if (error && !dashboard) {
    return (
      <View className='card'>
        <View className='message error' role='alert'>{error}</View>
        <Button className='small-button' onClick={load}>{t('common.retry')}</Button>
      </View>
    );
  }
  if (!dashboard) return <View className='card hint'>{t('common.loading')}</View>;

  const { today, counts, lowStock } = dashboard;
  return (
    <View className='card seller-home__today'>
      <View className='seller-home__counts'>
        <View className='seller-home__count'>
          <Text className='seller-home__number'>{today.orders}</Text>
          <Text className='hint'>{t('sellerHome.todayOrders')}</Text>
        </View>
        <View className='seller-home__count'>
          <Text className='seller-home__number'>{formatFen(today.revenueFen)}</Text>
          <Text className='hint'>{t('sellerHome.todayRevenue')}</Text>
        </View>
      </View>
      <View className='seller-home__due'>
        <View className={`seller-home__to-ship seller-home-to-ship ${counts.paid > 0 ? 'seller-home__to-ship--waiting' : ''}`} role='link'
          onClick={() => go('sellerOrders', { status: 'paid' })}
        >
          <Text className='seller-home__big-number'>{counts.paid}</Text>
          <Text>{t('sellerHome.toShip')}</Text>
        </View>
        <View className='seller-home__to-pay seller-home-to-pay' role='link' onClick={() => go('sellerOrders', { status: 'awaiting_payment' })}>
          <Text className='seller-home__number'>{counts.awaiting_payment}</Text>
          <Text className='hint'>{t('sellerHome.toPay')}</Text>
        </View>
      </View>
      {dashboard.openRefundRequests > 0 && (
        // A buyer waits for money back: as urgent as shipping, so it stands out the same way.
        <View className='seller-home__refunds seller-home-refunds' role='link' onClick={() => go('sellerOrders', { refundRequest: 'open' })}>
          <Text>{t('sellerPay.openRefunds', { count: dashboard.openRefundRequests })}</Text>
          <Text>›</Text>
        </View>
      )}
      {lowStock.length > 0 && (
        <View className='seller-home__low-stock'>
          {lowStock.slice(0, LOW_STOCK_SHOWN).map((product) => (
            <View key={product.productId} className='row seller-home__low' role='link' onClick={() => go('sellerEditor', { id: product.productId })}>
              <Text className='grow'>{product.title}</Text>
              <Text className='badge badge--warn'>{t('sellerHome.left', { count: product.available })}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
