// My orders: tabs by status with counts, each order a card (cover, title "等N件", total, status,
// for unpaid ones how long is left to pay, and for unpaid WeChat Pay ones a "去支付" to the order's
// page, where it is paid; an order paid to the seller directly is paid outside the app, so it gets
// no such button), page by page; logging in first when needed.
import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { OrderCard, OrderCounts, OrderPage } from '../../../../contract/orders';
import { EmptyState } from '../../components/EmptyState';
import { PagedListBody } from '../../components/LoadState';
import { LoginNeeded } from '../../components/LoginNeeded';
import { Tabs } from '../../components/Tabs';
import { useOnChange } from '../../hooks/useOnChange';
import { usePagedList } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import type { Orders } from '../../services/orders';
import { mediaUrl, type Navigate } from '../../services/platform';
import { formatFen } from '../../utils/format';
import { formatWhen } from '../../utils/when';
import { countdownText } from './countdown';
import { ORDER_TABS, statusOfTab, type OrderTab } from './tabs';
import './index.scss';

export interface OrdersScreenProps {
  orders: Pick<Orders, 'myOrders'>;
  go: Navigate;
  openLogin: () => void;
  /** Grows each time the page shows again: a tab may be wanted, orders may have changed. */
  shown?: number;
  takeWantedTab?: () => OrderTab | null;
  reachedBottom?: number;
  /** The clock, for the time left to pay; tests pass a fixed one. */
  now?: () => number;
  /** Whether anyone is logged in (or can log in silently); false shows the way to log in. */
  canLogIn: () => boolean;
}

const PAGE_SIZE = 20;

function tabLabel(tab: OrderTab, counts: OrderCounts | null): string {
  const name = t(tab === 'all' ? 'orders.tab.all' : `order.status.${tab}`);
  if (!counts || tab === 'all' || tab === 'completed' || tab === 'cancelled') return name;
  const count = counts[tab];
  return count > 0 ? `${name} ${count}` : name;
}

export function orderTitle(card: Pick<OrderCard, 'title' | 'lineCount' | 'packCount'>): string {
  return card.lineCount > 1 ? t('orders.titleMore', { title: card.title, count: card.packCount }) : card.title;
}

function OrderCardView({ card, now, onOpen }: { card: OrderCard; now: number; onOpen: () => void }) {
  const unpaid = card.status === 'awaiting_payment';
  const left = unpaid ? countdownText(card.expiresAt, now) : null;
  return (
    <View className='card order-card' role='link' aria-label={card.orderNo} onClick={onOpen}>
      <View className='order-card__head'>
        <Text className='order-card__shop'>{card.shop.name}</Text>
        <Text className={`order-status order-status--${card.status}`}>{t(`order.status.${card.status}`)}</Text>
      </View>
      <View className='media-row'>
        {card.cover ? (
          <Image className='media-row__cover' src={mediaUrl(card.cover.thumbUrl)} mode='aspectFill' />
        ) : (
          <View className='media-row__cover media-row__cover--blank'>{card.title.slice(0, 2)}</View>
        )}
        <View className='media-row__body'>
          <Text className='media-row__title order-card__title'>{orderTitle(card)}</Text>
          <Text className='hint'>{formatWhen(card.createdAt)}</Text>
          <Text className='order-card__total'>
            {t('orders.total')}
            <Text className='price'>{formatFen(card.totalFen)}</Text>
          </Text>
          {left && <Text className='badge badge--warn order-card__countdown'>{left}</Text>}
        </View>
      </View>
      {unpaid && card.paymentMethod === 'wechat' && (
        <View className='order-card__foot'>
          <Button
            className='small-button order-card__pay'
            onClick={(event) => {
              // The card opens the order too: one tap, one page.
              event.stopPropagation();
              onOpen();
            }}
          >
            {t('orders.pay')}
          </Button>
        </View>
      )}
    </View>
  );
}

export function OrdersScreen({ orders, go, openLogin, shown = 0, takeWantedTab, reachedBottom = 0, now = Date.now, canLogIn }: OrdersScreenProps) {
  const [tab, setTab] = useState<OrderTab>(() => takeWantedTab?.() ?? 'all');
  const [loggedOut, setLoggedOut] = useState(() => !canLogIn());
  const [clock, setClock] = useState(now);
  const fetchPage = useCallback(
    (page: number): Promise<OrderPage> =>
      loggedOut ? Promise.resolve({ items: [], page: 1, pageSize: PAGE_SIZE, total: 0, counts: { awaiting_payment: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0 } })
        : orders.myOrders({ status: statusOfTab(tab), page, pageSize: PAGE_SIZE }),
    [orders, tab, loggedOut],
  );
  const list = usePagedList<OrderCard, OrderPage>(fetchPage);
  const { reload, loadMore } = list;

  useOnChange(shown, () => {
    const wanted = takeWantedTab?.() ?? null;
    const out = !canLogIn();
    setLoggedOut(out);
    setClock(now());
    if (wanted && wanted !== tab) setTab(wanted);
    else if (!out) reload();
  });
  useOnChange(reachedBottom, loadMore);

  // The time left to pay counts down while the page is open.
  useEffect(() => {
    const timer = setInterval(() => setClock(now()), 30_000);
    return () => clearInterval(timer);
  }, [now]);

  if (loggedOut) {
    return (
      <View className='screen orders'>
        <LoginNeeded hint={t('orders.loginHint')} openLogin={openLogin} />
      </View>
    );
  }

  const counts = list.first?.counts ?? null;
  return (
    <View className='screen orders'>
      <Tabs tabs={ORDER_TABS} on={tab} label={(one) => tabLabel(one, counts)} onPick={setTab} />
      <Button className='small-button orders-cart' onClick={() => go('cart')}>{t('cart.title')}</Button>
      <PagedListBody
        list={list}
        shown={list.items.length}
        endText={t('orders.allShown')}
        empty={<EmptyState mark='单' title={t('orders.emptyTitle')} hint={t('orders.emptyHint')} />}
      >
        {list.items.map((card) => (
          <OrderCardView key={card.id} card={card} now={clock} onOpen={() => go('order', { id: card.id })} />
        ))}
      </PagedListBody>
    </View>
  );
}
