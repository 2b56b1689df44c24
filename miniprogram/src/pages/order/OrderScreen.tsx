// One order as its buyer sees it: where it stands (and, unpaid, how to pay the seller), the
// address, the lines and money, the note, the parcels with tracking numbers, what happened when,
// and what the buyer may do now (the server's `actions`): cancel while unpaid, confirm receipt.
// When the order moved on meanwhile (ORDER_NOT_*), it says so and shows the order as it is now.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { OrderView } from '../../../../contract/orders';
import { LoadFailed, Loading } from '../../components/LoadState';
import { LoginNeeded, needsLogin } from '../../components/LoginNeeded';
import { Outcome } from '../../components/Outcome';
import { MoneyRows, OrderLineRow, orderShippingText } from '../../components/OrderSummary';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import { ApiError } from '../../services/http';
import type { Orders } from '../../services/orders';
import type { Navigate } from '../../services/platform';
import { addressLine } from '../../utils/address';
import { formatWhen } from '../../utils/when';
import { CancelSheet } from './CancelSheet';
import { Parcels } from './Parcels';
import { StatusBanner } from './StatusBanner';
import { Timeline } from './Timeline';
import './index.scss';

export interface OrderScreenProps {
  orderId?: string;
  orders: Pick<Orders, 'order' | 'cancelOrder' | 'confirmReceipt'>;
  go: Navigate;
  openLogin: () => void;
  confirm: (title: string, content: string, yes: string, no: string) => Promise<boolean>;
  copy: (text: string) => Promise<boolean>;
  call: (phone: string) => void;
  shownAgain?: number;
  now?: () => number;
}

const movedOn = (error: unknown) => error instanceof ApiError && error.code.startsWith('ORDER_NOT_');

export function OrderScreen({ orderId, orders, go, openLogin, confirm, copy, call, shownAgain = 0, now = Date.now }: OrderScreenProps) {
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [clock, setClock] = useState(now);

  const load = useCallback(() => {
    if (!orderId) return;
    setError(null);
    orders.order(orderId).then(
      (loaded) => {
        setOrder(loaded);
        setClock(now());
      },
      setError,
    );
  }, [orders, orderId, now]);

  useEffect(load, [load]);
  useOnChange(shownAgain, load);
  useEffect(() => {
    const timer = setInterval(() => setClock(now()), 30_000);
    return () => clearInterval(timer);
  }, [now]);

  async function act(action: () => Promise<OrderView>, done: string) {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOrder(await action());
      setCancelling(false);
      setOutcome({ ok: true, text: done });
    } catch (failure) {
      setOutcome({ ok: false, text: messageOf(failure) });
      if (movedOn(failure)) {
        setCancelling(false);
        load();
      }
    } finally {
      setBusy(false);
    }
  }

  async function confirmReceipt() {
    if (!order) return;
    const yes = await confirm(t('order.receiveTitle'), t('order.receiveConfirm'), t('order.receiveYes'), t('common.cancel'));
    if (yes) await act(() => orders.confirmReceipt(order.id), t('order.received'));
  }

  async function copyTracking(trackingNo: string) {
    setOutcome((await copy(trackingNo)) ? { ok: true, text: t('order.copied', { number: trackingNo }) } : { ok: false, text: t('order.copyFailed') });
  }

  if (!orderId) return <View className='screen'><LoadFailed message={t('error.NOT_FOUND')} onRetry={() => go('orders')} /></View>;
  if (error && needsLogin(error)) return <View className='screen'><LoginNeeded hint={t('orders.loginHint')} openLogin={openLogin} /></View>;
  if (error && !order) return <View className='screen'><LoadFailed message={messageOf(error)} onRetry={load} /></View>;
  if (!order) return <View className='screen'><Loading /></View>;

  const canCancel = order.actions.includes('cancel');
  const canReceive = order.actions.includes('confirm_receipt');

  return (
    <View className={`screen order ${canCancel || canReceive ? 'with-bottom-bar' : ''}`}>
      <StatusBanner order={order} now={clock} onCall={call} />

      <View className='card order-address'>
        <View className='section-title'>{t('order.address')}</View>
        <Text className='order-address__who'>{`${order.address.name} ${order.address.phone}`}</Text>
        <Text className='order-address__where'>{addressLine(order.address)}</Text>
      </View>

      <View className='card order-lines'>
        <View className='section-title' role='link' onClick={() => go('shop', { id: order.shop.id })}>{order.shop.name}</View>
        {order.lines.map((line) => (
          <OrderLineRow key={line.variantId} line={line} onOpen={() => go('product', { id: line.productId })} />
        ))}
        <MoneyRows
          subtotalFen={order.subtotalFen}
          weightGrams={order.weightGrams}
          shipping={orderShippingText(order.shippingFen)}
          totalFen={order.totalFen}
        />
      </View>

      <View className='card order-facts'>
        <View className='money-row'>
          <Text>{t('order.number')}</Text>
          <Text className='order-number'>{order.orderNo}</Text>
        </View>
        <View className='money-row'>
          <Text>{t('order.placedAt')}</Text>
          <Text>{formatWhen(order.createdAt)}</Text>
        </View>
        <View className='money-row'>
          <Text>{t('checkout.payment')}</Text>
          <Text>{t(order.paymentMethod === 'direct' ? 'order.paymentDirect' : 'order.paymentWechat')}</Text>
        </View>
        {order.buyerNote && (
          <View className='order-note'>
            <Text className='hint'>{t('checkout.note')}</Text>
            <Text className='order-note__text'>{order.buyerNote}</Text>
          </View>
        )}
      </View>

      {order.parcels.length > 0 && <Parcels parcels={order.parcels} onCopy={(no) => void copyTracking(no)} />}
      {order.timeline.length > 0 && <Timeline entries={order.timeline} />}

      {cancelling && (
        <CancelSheet busy={busy} onCancel={(reason) => void act(() => orders.cancelOrder(order.id, reason), t('order.cancelled'))} onClose={() => setCancelling(false)} />
      )}

      <View className={canCancel || canReceive ? 'bottom-bar' : 'order__outcome'}>
        <Outcome
          actions={{
            failure: outcome && !outcome.ok ? { message: outcome.text, conflict: false, error: null } : null,
            notice: outcome?.ok ? outcome.text : null,
            dismiss: () => setOutcome(null),
          }}
          onReload={load}
        />
        {canCancel && !cancelling && (
          <Button className='big-button quiet order-cancel' disabled={busy ? true : undefined} onClick={() => setCancelling(true)}>
            {t('order.cancel')}
          </Button>
        )}
        {canReceive && (
          <Button className='big-button order-confirm-receipt' disabled={busy ? true : undefined} onClick={() => void confirmReceipt()}>
            {t('order.confirmReceipt')}
          </Button>
        )}
      </View>
    </View>
  );
}
