// The seller centre's hub: with no shop, one big "open my shop"; with one, the shop's status,
// today's orders and what waits to ship or be paid (and refund requests to answer), product
// counts, low stock, new-order alerts and the ways to everything else (payment settings too).
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ShopView } from '../../../../../../contract/shops';
import { EmptyState } from '../../../../components/EmptyState';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { useOnChange } from '../../../../hooks/useOnChange';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { ApiError } from '../../../../services/http';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import { formatRegion } from '../../../../utils/region';
import { NewProductBar, NoShop } from '../../components/SellerBlocks';
import { ShopStatusBadge } from '../../../../components/ShopStatusBadge';
import { NewOrderAlerts, type NewOrderAlertsProps } from './NewOrderAlerts';
import { TodayCard, type TodayCardProps } from './TodayCard';
import './index.scss';

export interface SellerHomeScreenProps {
  seller: Pick<Seller, 'myShop'>;
  /** Today's figures, and recording the new-order alerts the seller allowed. */
  orders: TodayCardProps['orders'] & NewOrderAlertsProps['orders'];
  /** client-config (the alert's template id) and WeChat's subscribe dialog. */
  alerts: Pick<NewOrderAlertsProps, 'config' | 'requestSubscribe'>;
  go: Navigate;
  /** Opens the Me tab to log in. */
  openLogin: () => void;
  /** Grows each time the page shows again (back from an editor). */
  shown?: number;
}

type State = { phase: 'loading' } | { phase: 'failed'; message: string; login: boolean } | { phase: 'ready'; shop: ShopView | null };

export function SellerHomeScreen({ seller, orders, alerts, go, openLogin, shown = 0 }: SellerHomeScreenProps) {
  const [state, setState] = useState<State>({ phase: 'loading' });

  const load = useCallback((quiet = false) => {
    if (!quiet) setState({ phase: 'loading' });
    seller.myShop().then(
      (shop) => setState({ phase: 'ready', shop }),
      (failure: unknown) =>
        setState({
          phase: 'failed',
          message: messageOf(failure),
          login: failure instanceof ApiError && (failure.code === 'LOGIN_REQUIRED' || failure.status === 401),
        }),
    );
  }, [seller]);

  useEffect(() => load(), [load]);
  useOnChange(shown, () => load(true));

  if (state.phase === 'loading') return <View className='screen'><Loading /></View>;
  if (state.phase === 'failed') {
    return (
      <View className='screen'>
        {state.login ? (
          <>
            <EmptyState mark='店' title={t('seller.loginFirst')} hint={t('seller.loginHint')} />
            <Button className='big-button' onClick={openLogin}>{t('seller.goLogin')}</Button>
          </>
        ) : (
          <LoadFailed message={state.message} onRetry={() => load()} />
        )}
      </View>
    );
  }

  const { shop } = state;
  if (!shop) {
    return <NoShop onOpen={() => go('sellerShop')} bigButtonClass='seller-home__open' />;
  }

  const counts = shop.productCounts;
  return (
    <View className='screen seller-home with-bottom-bar'>
      <View className='card'>
        <View className='row'>
          <Text className='title grow'>{shop.name}</Text>
          <ShopStatusBadge shop={shop} />
        </View>
        <Text className='hint'>{formatRegion(shop.region)}</Text>
        {shop.suspended && (
          <View className='message error' role='alert'>{t('seller.suspendedNotice', { reason: shop.suspended.reason })}</View>
        )}
        <View className='seller-home__counts'>
          <View className='seller-home__count' role='link' onClick={() => go('sellerProducts', { status: 'on_sale' })}>
            <Text className='seller-home__number'>{counts.on_sale}</Text>
            <Text className='hint'>{t('listing.tab.on_sale')}</Text>
          </View>
          <View className='seller-home__count' role='link' onClick={() => go('sellerProducts', { status: 'off_shelf' })}>
            <Text className='seller-home__number'>{counts.off_shelf}</Text>
            <Text className='hint'>{t('listing.tab.off_shelf')}</Text>
          </View>
          <View className='seller-home__count' role='link' onClick={() => go('sellerProducts', { status: 'draft' })}>
            <Text className='seller-home__number'>{counts.draft}</Text>
            <Text className='hint'>{t('listing.tab.draft')}</Text>
          </View>
        </View>
        {counts.lowStock > 0 && (
          <View className='message notice' role='status' onClick={() => go('sellerProducts', { status: 'on_sale' })}>
            {t('seller.lowStockWarning', { count: counts.lowStock })}
          </View>
        )}
      </View>

      <TodayCard shopId={shop.id} orders={orders} go={go} shown={shown} />

      <View className='seller-home__ways'>
        <Button className='big-button seller-home-orders' onClick={() => go('sellerOrders')}>{t('sellerHome.orders')}</Button>
        <Button className='big-button secondary seller-home-customers' onClick={() => go('sellerCustomers')}>{t('sellerHome.customers')}</Button>
        <Button className='big-button secondary seller-home-shipping' onClick={() => go('sellerShipping')}>{t('sellerHome.shipping')}</Button>
        <Button className='big-button secondary seller-home-payment' onClick={() => go('sellerPayment')}>{t('sellerPay.paymentRow')}</Button>
      </View>
      <NewOrderAlerts config={alerts.config} orders={orders} requestSubscribe={alerts.requestSubscribe} />

      <Button className='big-button secondary' onClick={() => go('sellerProducts')}>{t('seller.manageProducts')}</Button>
      <Button className='big-button secondary' onClick={() => go('sellerShop')}>{t('seller.editShop')}</Button>
      <Button className='big-button quiet' onClick={() => go('shop', { id: shop.id })}>{t('seller.viewShop')}</Button>

      <NewProductBar onNew={() => go('sellerEditor')} />
    </View>
  );
}
