// The shop's orders in five tabs (to pay, to ship, shipped, completed, cancelled) with counts; a
// "refund requests" chip (orders whose buyer waits for an answer, counted by the dashboard); a
// search by order number, name or phone across every tab; and, on "to ship", the pick list.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { OrderCard, OrderCounts, OrderPage, OrderStatus } from '../../../../../../contract/orders';
import type { ShopView } from '../../../../../../contract/shops';
import { EmptyState } from '../../../../components/EmptyState';
import { PagedListBody } from '../../../../components/LoadState';
import { Tabs } from '../../../../components/Tabs';
import { useOnChange } from '../../../../hooks/useOnChange';
import { usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import type { SellerOrders } from '../../../../services/seller-orders';
import { OrderCardRow } from '../../components/OrderCardRow';
import { ORDER_STATUSES } from '../../components/OrderStatusBadge';
import { SearchBox } from '../../components/SearchBox';
import { ShopGate } from '../../components/ShopGate';
import { PickListExport, type PickListFiles } from './PickListExport';
import './index.scss';

export const ORDER_TABS = ORDER_STATUSES;

export interface SellerOrdersScreenProps {
  seller: Pick<Seller, 'myShop'>;
  orders: Pick<SellerOrders, 'shopOrders' | 'downloadPickList' | 'shopDashboard'>;
  pickListFiles: Omit<PickListFiles, 'download'>;
  go: Navigate;
  initialStatus?: OrderStatus;
  /** Open on the refund requests (from the home screen's tile). */
  initialRefunds?: boolean;
  reachedBottom?: number;
  /** Grows each time the page shows again (back from an order that was shipped). */
  shown?: number;
}

const NO_COUNTS: OrderCounts = { awaiting_payment: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0 };

/** A status tab, or the orders whose buyer asked for money back (any status). */
type Showing = OrderStatus | 'refunds';

function OrdersOfShop({ shop, orders, pickListFiles, go, initialStatus, initialRefunds, reachedBottom, shown }: Omit<SellerOrdersScreenProps, 'seller'> & { shop: ShopView }) {
  const [view, setView] = useState<Showing>(initialRefunds ? 'refunds' : (initialStatus ?? 'paid'));
  const [words, setWords] = useState('');
  const [counts, setCounts] = useState<OrderCounts>(NO_COUNTS);
  const [openRefunds, setOpenRefunds] = useState(0);

  // The page's counts are by status; open refund requests are counted by the dashboard.
  const countRefunds = useCallback(() => {
    orders.shopDashboard(shop.id).then((dashboard) => setOpenRefunds(dashboard.openRefundRequests), () => undefined);
  }, [orders, shop.id]);
  useEffect(() => countRefunds(), [countRefunds]);
  useOnChange(shown ?? 0, countRefunds);

  // A search looks through every tab: the seller on the phone with a buyer does not know the status.
  const fetchPage = useCallback(
    (page: number) => {
      const which = words ? { q: words } : view === 'refunds' ? { refundRequest: 'open' as const } : { status: view };
      return orders.shopOrders(shop.id, { ...which, page, pageSize: 20 }).then((result) => {
        setCounts(result.counts);
        if (!words && view === 'refunds') setOpenRefunds(result.total);
        return result;
      });
    },
    [orders, shop.id, view, words],
  );
  const list = usePagedList<OrderCard, OrderPage>(fetchPage);
  useOnChange(reachedBottom ?? 0, list.loadMore);
  useOnChange(shown ?? 0, list.reload);

  const files: PickListFiles = { ...pickListFiles, download: () => orders.downloadPickList(shop.id) };
  const open = (card: OrderCard) => go('sellerOrder', { id: card.id });
  const emptyTitle = words ? t('sellerOrders.noneFound') : view === 'refunds' ? t('sellerPay.refundTabEmpty') : t(`sellerOrders.empty.${view}`);

  return (
    <View className='screen seller-orders'>
      {!words && (
        <Tabs<Showing> tabs={ORDER_TABS} on={view} label={(tab) => (tab === 'refunds' ? '' : `${t(`sellerOrders.tab.${tab}`)} ${counts[tab]}`)} onPick={setView} />
      )}
      {!words && (openRefunds > 0 || view === 'refunds') && (
        <View className='chips seller-orders__filters'>
          <View
            className={`chip seller-orders-refunds ${view === 'refunds' ? 'chip--on' : ''}`}
            role='button'
            aria-pressed={view === 'refunds'}
            onClick={() => setView(view === 'refunds' ? 'paid' : 'refunds')}
          >
            {t('sellerPay.refundTab', { count: openRefunds })}
          </View>
        </View>
      )}
      <SearchBox key={words ? 'searching' : 'all'} label={t('sellerOrders.searchLabel')} placeholder={t('sellerOrders.searchPlaceholder')} value={words} onSearch={setWords} />
      {words ? (
        <View className='row seller-orders__found'>
          <Text className='grow hint'>{t('sellerOrders.found', { words, count: list.first?.total ?? 0 })}</Text>
          <Button className='small-button' onClick={() => setWords('')}>{t('sellerOrders.clearSearch')}</Button>
        </View>
      ) : (
        view === 'paid' && counts.paid > 0 && <PickListExport files={files} />
      )}

      <PagedListBody
        list={list}
        shown={list.items.length}
        empty={<EmptyState mark='单' title={emptyTitle} hint={t('sellerOrders.emptyHint')} />}
      >
        {list.items.map((card) => <OrderCardRow key={card.id} card={card} onOpen={() => open(card)} />)}
      </PagedListBody>
    </View>
  );
}

export function SellerOrdersScreen(props: SellerOrdersScreenProps) {
  return <ShopGate seller={props.seller} go={props.go}>{(shop) => <OrdersOfShop {...props} shop={shop} />}</ShopGate>;
}
