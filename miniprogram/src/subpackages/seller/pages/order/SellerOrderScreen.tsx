// One order, for its seller: status and what is due, the receiver with the full phone (call) and
// address (copy for the courier), lines and money, notes, parcels and the timeline; the buttons
// are the order's own `actions`: confirm a direct payment, ship (several parcels), add a parcel,
// cancel an unpaid order with a reason. When the order moved on meanwhile (ORDER_NOT_*), the
// message says so and the order is loaded again.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { CANCEL_REASON_MAX } from '../../../../../../contract/limits';
import type { OrderStatus, OrderView } from '../../../../../../contract/orders';
import type { FieldErrors } from '../../../../components/Field/errors';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { useFormActions } from '../../../../hooks/useFormActions';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { ApiError } from '../../../../services/http';
import type { Orders } from '../../../../services/orders';
import type { Navigate } from '../../../../services/platform';
import type { SellerOrders } from '../../../../services/seller-orders';
import { formatFen } from '../../../../utils/format';
import { formatWhen } from '../../../../utils/when';
import { ORDER_STATUSES } from '../../components/OrderStatusBadge';
import { addressLine } from './address';
import { CancelForm } from './CancelForm';
import { lastCourier, rememberCourier } from './last-courier';
import { LinesCard, ParcelsCard, ReceiverCard, SellerNoteEditor, TimelineCard } from './OrderFacts';
import { blankParcel, parcelsRequest, type ParcelRow } from './parcels';
import { ShipForm } from './ShipForm';
import './index.scss';

export type Confirm = (title: string, content: string, confirmText: string, cancelText: string) => Promise<boolean>;

export interface SellerOrderScreenProps {
  orderId: string;
  orders: Pick<Orders, 'order' | 'cancelOrder'> & Pick<SellerOrders, 'confirmPayment' | 'shipOrder' | 'addParcels' | 'setSellerNote'>;
  confirm: Confirm;
  copyText: (text: string) => Promise<boolean>;
  callPhone: (phone: string) => void;
  /** Scans a waybill's barcode; null where there is none (the browser). */
  scanBarcode: (() => Promise<string | null>) | null;
  go: Navigate;
}

type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; order: OrderView };
type Mode = 'view' | 'ship' | 'add_parcel' | 'cancel';

/** The order moved on (paid, cancelled, shipped elsewhere) since this page loaded it. */
function orderMovedOn(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code.startsWith('ORDER_NOT_');
}

/** The status the server says the order has now (`details.status` of ORDER_NOT_*). */
function statusNow(error: ApiError): OrderStatus | null {
  const status = (error.details as { status?: unknown } | undefined)?.status;
  return ORDER_STATUSES.find((known) => known === status) ?? null;
}

export function SellerOrderScreen({ orderId, orders, confirm, copyText, callPhone, scanBarcode, go }: SellerOrderScreenProps) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [mode, setMode] = useState<Mode>('view');
  const [rows, setRows] = useState<ParcelRow[]>(() => [blankParcel(lastCourier())]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const actions = useFormActions(setErrors);
  const { run, say, fail, clear } = actions;

  const show = useCallback((order: OrderView) => {
    setLoad({ phase: 'ready', order });
    setMode('view');
    setErrors({});
  }, []);

  const reload = useCallback(
    (quiet = false) => {
      if (!quiet) {
        setLoad({ phase: 'loading' });
        clear();
      }
      orders.order(orderId).then(show, (error: unknown) => {
        if (!quiet) setLoad({ phase: 'failed', message: messageOf(error) });
      });
    },
    [orders, orderId, show, clear],
  );
  useEffect(() => reload(), [reload]);

  /** Runs a change; when the order moved on meanwhile, says to what and shows it as it is now. */
  function act(change: () => Promise<OrderView>, done: string) {
    void run(async () => {
      try {
        show(await change());
        say(done);
      } catch (error) {
        if (!orderMovedOn(error)) throw error;
        reload(true);
        const now = statusNow(error);
        const message = now ? t('sellerOrder.movedOnTo', { status: t(`sellerOrders.status.${now}`) }) : error.message;
        throw new ApiError(error.code, message, error.status, error.requestId, error.details);
      }
    });
  }

  if (load.phase === 'loading') return <View className='screen'><Loading /></View>;
  if (load.phase === 'failed') return <View className='screen'><LoadFailed message={load.message} onRetry={() => reload()} /></View>;
  const { order } = load;
  const can = (action: OrderView['actions'][number]) => order.actions.includes(action);

  async function confirmPayment() {
    const yes = await confirm(t('sellerOrder.confirmPaymentTitle'), t('sellerOrder.confirmPaymentText', { total: formatFen(order.totalFen) }), t('sellerOrder.confirmPaymentYes'), t('common.cancel'));
    if (yes) act(() => orders.confirmPayment(order.id), t('sellerOrder.paymentConfirmed'));
  }

  function startParcels(next: Mode) {
    clear();
    setErrors({});
    setRows([blankParcel(lastCourier())]);
    setMode(next);
  }

  function sendParcels() {
    const checked = parcelsRequest(rows);
    if (!checked.ok) {
      setErrors(checked.errors);
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    rememberCourier(checked.request.parcels[checked.request.parcels.length - 1].courierCode);
    if (mode === 'ship') act(() => orders.shipOrder(order.id, checked.request), t('sellerOrder.shipped'));
    else act(() => orders.addParcels(order.id, checked.request), t('sellerOrder.parcelAdded'));
  }

  async function cancelOrder() {
    const words = reason.trim();
    if (!words || words.length > CANCEL_REASON_MAX) {
      setErrors({ reason: t(words ? 'field.tooLong' : 'sellerOrder.reasonRequired') });
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    const yes = await confirm(t('sellerOrder.cancelConfirmTitle'), t('sellerOrder.cancelConfirmText'), t('sellerOrder.cancelYes'), t('sellerOrder.cancelNo'));
    if (yes) act(() => orders.cancelOrder(order.id, words), t('sellerOrder.cancelled'));
  }

  async function copyAddress() {
    const copied = await copyText(addressLine(order.address));
    if (copied) say(t('sellerOrder.addressCopied'));
    else fail(t('sellerOrder.copyFailed'));
  }

  async function copyTracking(trackingNo: string) {
    if (await copyText(trackingNo)) say(t('sellerOrder.trackingCopied'));
    else fail(t('sellerOrder.copyFailed'));
  }

  const disabled = actions.busy ? true : undefined;
  const editing = mode !== 'view';
  return (
    <View className='screen seller-order with-bottom-bar'>
      <View className='card'>
        <Text className='title seller-order__status'>{t(`sellerOrders.status.${order.status}`)}</Text>
        <View className='hint'>{t('sellerOrders.orderNo', { no: order.orderNo })}</View>
        <StatusLine order={order} />
      </View>

      {mode === 'ship' || mode === 'add_parcel' ? (
        <>
          <View className='section-title'>{t(mode === 'ship' ? 'sellerOrder.shipTitle' : 'sellerOrder.addParcelTitle')}</View>
          <ShipForm rows={rows} onChange={setRows} errors={errors} scan={scanBarcode} />
        </>
      ) : mode === 'cancel' ? (
        <CancelForm reason={reason} onChange={setReason} error={errors.reason} />
      ) : null}

      <ReceiverCard order={order} onCall={() => callPhone(order.address.phone)} onCopy={() => void copyAddress()} />
      <LinesCard order={order} />
      <View className='card'>
        {order.buyerNote && (
          <View className='seller-order__buyer-note'>
            <Text className='section-title'>{t('sellerOrder.buyerNote')}</Text>
            <View className='message notice'>{order.buyerNote}</View>
          </View>
        )}
        <SellerNoteEditor
          key={order.updatedAt}
          saved={order.sellerNote ?? ''}
          busy={actions.busy}
          onSave={(note) => act(() => orders.setSellerNote(order.id, note), t('sellerOrder.noteSaved'))}
        />
      </View>
      <ParcelsCard order={order} onCopy={(trackingNo) => void copyTracking(trackingNo)} />
      <TimelineCard order={order} />
      {order.customerId && (
        <Button className='big-button quiet' onClick={() => go('sellerCustomer', { id: order.customerId ?? undefined })}>{t('sellerOrder.openCustomer')}</Button>
      )}

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={() => reload()} />
        <View className='bottom-bar__main seller-order__actions'>
          {editing ? (
            <>
              <Button className='big-button quiet seller-order__back' disabled={disabled} onClick={() => { clear(); setErrors({}); setMode('view'); }}>{t('sellerOrder.back')}</Button>
              {mode === 'cancel' ? (
                <Button className='big-button danger cancel-submit' disabled={disabled} onClick={() => void cancelOrder()}>{t('sellerOrder.cancelSubmit')}</Button>
              ) : (
                <Button className='big-button ship-submit' disabled={disabled} onClick={sendParcels}>{t(mode === 'ship' ? 'sellerOrder.shipSubmit' : 'sellerOrder.addParcelSubmit')}</Button>
              )}
            </>
          ) : (
            <>
              {can('cancel') && (
                <Button className='big-button quiet seller-order-cancel' disabled={disabled} onClick={() => { clear(); setReason(''); setMode('cancel'); }}>{t('sellerOrder.cancel')}</Button>
              )}
              {can('confirm_payment') && (
                <Button className='big-button seller-order-confirm-payment' disabled={disabled} onClick={() => void confirmPayment()}>{t('sellerOrder.confirmPayment')}</Button>
              )}
              {can('ship') && (
                <Button className='big-button seller-order-ship' disabled={disabled} onClick={() => startParcels('ship')}>{t('sellerOrder.ship')}</Button>
              )}
              {can('add_parcel') && (
                <Button className='big-button secondary seller-order-add-parcel' disabled={disabled} onClick={() => startParcels('add_parcel')}>{t('sellerOrder.addParcel')}</Button>
              )}
            </>
          )}
        </View>
      </View>
    </View>
  );
}

/** What is due now, in one line: when an unpaid order lapses, when a shipped one completes. */
function StatusLine({ order }: { order: OrderView }) {
  let text = '';
  if (order.status === 'awaiting_payment' && order.expiresAt) text = t('sellerOrder.expiresAt', { at: formatWhen(order.expiresAt) });
  else if (order.status === 'paid') text = t('sellerOrder.paidAt', { at: formatWhen(order.paidAt) });
  else if (order.status === 'shipped' && order.autoCompleteAt) text = t('sellerOrder.autoCompleteAt', { at: formatWhen(order.autoCompleteAt) });
  else if (order.status === 'completed') text = t('sellerOrder.completedAt', { at: formatWhen(order.completedAt) });
  else if (order.status === 'cancelled' && order.cancelled) text = t('sellerOrder.cancelledBecause', { reason: order.cancelled.reason });
  return text ? <View className='hint seller-order__due'>{text}</View> : null;
}
