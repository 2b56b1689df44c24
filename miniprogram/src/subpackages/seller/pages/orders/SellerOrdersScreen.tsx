// The shop's orders in five tabs (to pay, to ship, shipped, completed, cancelled) with counts; a
// search by order number, name or phone across every tab; and, on "to ship", the pick list.
import { useCallback, useState } from 'react';
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
  orders: Pick<SellerOrders, 'shopOrders' | 'downloadPickList'>;
  pickListFiles: Omit<PickListFiles, 'download'>;
  go: Navigate;
  initialStatus?: OrderStatus;
  reachedBottom?: number;
  /** Grows each time the page shows again (back from an order that was shipped). */
  shown?: number;
}

const NO_COUNTS: OrderCounts = { awaiting_payment: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0 };

function OrdersOfShop({ shop, orders, pickListFiles, go, initialStatus, reachedBottom, shown }: Omit<SellerOrdersScreenProps, 'seller'> & { shop: ShopView }) {
  const [status, setStatus] = useState<OrderStatus>(initialStatus ?? 'paid');
  const [words, setWords] = useState('');
  const [counts, setCounts] = useState<OrderCounts>(NO_COUNTS);

  // A search looks through every tab: the seller on the phone with a buyer does not know the status.
  const fetchPage = useCallback(
    (page: number) =>
      orders.shopOrders(shop.id, words ? { q: words, page, pageSize: 20 } : { status, page, pageSize: 20 }).then((result) => {
        setCounts(result.counts);
        return result;
      }),
    [orders, shop.id, status, words],
  );
  const list = usePagedList<OrderCard, OrderPage>(fetchPage);
  useOnChange(reachedBottom ?? 0, list.loadMore);
  useOnChange(shown ?? 0, list.reload);

  const files: PickListFiles = { ...pickListFiles, download: () => orders.downloadPickList(shop.id) };
  const open = (card: OrderCard) => go('sellerOrder', { id: card.id });

  return (
    <View className='screen seller-orders'>
      {!words && <Tabs tabs={ORDER_TABS} on={status} label={(tab) => `${t(`sellerOrders.tab.${tab}`)} ${counts[tab]}`} onPick={setStatus} />}
      <SearchBox key={words ? 'searching' : 'all'} label={t('sellerOrders.searchLabel')} placeholder={t('sellerOrders.searchPlaceholder')} value={words} onSearch={setWords} />
      {words ? (
        <View className='row seller-orders__found'>
          <Text className='grow hint'>{t('sellerOrders.found', { words, count: list.first?.total ?? 0 })}</Text>
          <Button className='small-button' onClick={() => setWords('')}>{t('sellerOrders.clearSearch')}</Button>
        </View>
      ) : (
        status === 'paid' && counts.paid > 0 && <PickListExport files={files} />
      )}

      <PagedListBody
        list={list}
        shown={list.items.length}
        empty={<EmptyState mark='单' title={words ? t('sellerOrders.noneFound') : t(`sellerOrders.empty.${status}`)} hint={t('sellerOrders.emptyHint')} />}
      >
        {list.items.map((card) => <OrderCardRow key={card.id} card={card} onOpen={() => open(card)} />)}
      </PagedListBody>
    </View>
  );
}

export function SellerOrdersScreen(props: SellerOrdersScreenProps) {
  return <ShopGate seller={props.seller} go={props.go}>{(shop) => <OrdersOfShop {...props} shop={shop} />}</ShopGate>;
}
