// One order, for its seller: status and what is due, the receiver with the full phone (call) and
// address (copy for the courier), lines and money, notes, parcels and the timeline; the buttons
// are the order's own `actions`: confirm a direct payment, ship (several parcels, with what was
// really packed: a short line is refunded), add a parcel, cancel with a reason (a paid order's
// money goes back in full), answer the buyer's refund request, refund part or all of it. The
// money (paid, refunds, the request) shows in the shared Refunds card. When the order moved on
// meanwhile (ORDER_NOT_*, REFUND_*), the message says so and the order is loaded again.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { CANCEL_REASON_MAX } from '../../../../../../contract/limits';
import type { OrderStatus, OrderView } from '../../../../../../contract/orders';
import type { RefundTooLargeDetails } from '../../../../../../contract/errors';
import type { FieldErrors } from '../../../../components/Field/errors';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { hasMoneyToShow, Refunds } from '../../../../components/Refunds';
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
import { packedWeightsRequest, type PackedTexts } from './packed-weights';
import { blankParcel, parcelsRequest, type ParcelRow } from './parcels';
import { blankRefund, reasonProblem, refundRequest, type RefundDraft } from './refund-form';
import { DeclineForm, RefundForm, RefundRequestPanel } from './RefundForms';
import { ShipForm } from './ShipForm';
import './index.scss';
import { refundTooLargeText } from '../../../../utils/refund-amount';

export type Confirm = (title: string, content: string, confirmText: string, cancelText: string) => Promise<boolean>;

export interface SellerOrderScreenProps {
  orderId: string;
  orders: Pick<Orders, 'order' | 'cancelOrder'> &
    Pick<SellerOrders, 'confirmPayment' | 'shipOrder' | 'addParcels' | 'setSellerNote' | 'answerRefund' | 'refund'>;
  confirm: Confirm;
  copyText: (text: string) => Promise<boolean>;
  callPhone: (phone: string) => void;
  /** Scans a waybill's barcode; null where there is none (the browser). */
  scanBarcode: (() => Promise<string | null>) | null;
  go: Navigate;
}

type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; order: OrderView };
type Mode = 'view' | 'ship' | 'add_parcel' | 'cancel' | 'decline' | 'refund';

/** The order moved on (paid, cancelled, shipped elsewhere) since this page loaded it. */
function orderMovedOn(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code.startsWith('ORDER_NOT_');
}

/** The request was answered, or the order can no longer be refunded, since this page loaded it. */
function refundMovedOn(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && (error.code === 'REFUND_NOT_ALLOWED' || error.code === 'REFUND_REQUEST_OPEN');
}

/** REFUND_TOO_LARGE's `details.refundableFen`: the most that may be refunded now. */
function refundableNow(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'REFUND_TOO_LARGE') return null;
  const most = (error.details as Partial<RefundTooLargeDetails> | undefined)?.refundableFen;
  return typeof most === 'number' && Number.isSafeInteger(most) ? most : null;
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
  const [packed, setPacked] = useState<PackedTexts>({});
  const [refundDraft, setRefundDraft] = useState<RefundDraft>(blankRefund);
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

  /** The order as it is now, without leaving the form the seller is in (a refund refused as too large). */
  const refresh = useCallback(() => {
    orders.order(orderId).then((order) => setLoad({ phase: 'ready', order }), () => undefined);
  }, [orders, orderId]);

  /** Runs a change; when the order moved on meanwhile, says to what and shows it as it is now. */
  function act(change: () => Promise<OrderView>, done: string) {
    void run(async () => {
      try {
        show(await change());
        say(done);
      } catch (error) {
        const most = refundableNow(error);
        if (error instanceof ApiError && most !== null) {
          // Someone refunded meanwhile (a weight refund, the buyer's request): say the most now.
          const message = refundTooLargeText(most);
          setErrors({ amountFen: message });
          refresh();
          throw new ApiError(error.code, message, error.status, error.requestId, error.details);
        }
        if (refundMovedOn(error)) {
          reload(true);
          throw error;
        }
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

  const { money } = order;
  /** Money back goes the way it came: through WeChat Pay, or by the seller's own hand. */
  const moneyBackText = t(order.paymentMethod === 'wechat' ? 'sellerPay.backWechat' : 'sellerPay.backOffline');

  async function confirmPayment() {
    const yes = await confirm(t('sellerOrder.confirmPaymentTitle'), t('sellerOrder.confirmPaymentText', { total: formatFen(order.totalFen) }), t('sellerOrder.confirmPaymentYes'), t('common.cancel'));
    if (yes) act(() => orders.confirmPayment(order.id), t('sellerOrder.paymentConfirmed'));
  }

  function startParcels(next: Mode) {
    clear();
    setErrors({});
    setRows([blankParcel(lastCourier())]);
    setPacked({});
    setMode(next);
  }

  function sendParcels() {
    const checked = parcelsRequest(rows);
    const weighed = mode === 'ship' ? packedWeightsRequest(order.lines, packed) : null;
    if (!checked.ok || (weighed && !weighed.ok)) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...(weighed && !weighed.ok ? weighed.errors : {}) });
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    rememberCourier(checked.request.parcels[checked.request.parcels.length - 1].courierCode);
    if (mode !== 'ship') {
      act(() => orders.addParcels(order.id, checked.request), t('sellerOrder.parcelAdded'));
      return;
    }
    // Lines left empty went out as ordered: only the weighed ones are sent.
    const packedWeights = weighed?.ok && weighed.packedWeights.length ? weighed.packedWeights : null;
    const request = packedWeights ? { ...checked.request, packedWeights } : checked.request;
    const refundFen = weighed?.ok ? Math.min(weighed.refundFen, money.refundableFen) : 0;
    const done = refundFen > 0 ? t('sellerPay.shippedRefund', { amount: formatFen(refundFen) }) : t('sellerOrder.shipped');
    act(() => orders.shipOrder(order.id, request), done);
  }

  function startMode(next: Mode) {
    clear();
    setErrors({});
    setReason('');
    setRefundDraft(blankRefund());
    setMode(next);
  }

  async function approveRefund() {
    const request = money.refundRequest;
    if (!request) return;
    const amount = formatFen(request.amountFen);
    const yes = await confirm(t('sellerPay.approveTitle', { amount }), moneyBackText, t('sellerPay.approveYes'), t('common.cancel'));
    if (yes) act(() => orders.answerRefund(order.id, { decision: 'approve' }), t('sellerPay.approved', { amount }));
  }

  function declineRefund() {
    const problem = reasonProblem(reason, 'sellerPay.declineReasonRequired');
    if (problem) {
      setErrors({ reason: problem });
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    act(() => orders.answerRefund(order.id, { decision: 'decline', reason: reason.trim() }), t('sellerPay.declined'));
  }

  async function sendRefund() {
    const checked = refundRequest(refundDraft, money.refundableFen);
    if (!checked.ok) {
      setErrors(checked.errors);
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    const amount = formatFen(checked.request.amountFen);
    const yes = await confirm(t('sellerPay.refundConfirmTitle', { amount }), moneyBackText, t('sellerPay.refundSubmit'), t('common.cancel'));
    if (yes) act(() => orders.refund(order.id, checked.request), t('sellerPay.refundDone', { amount }));
  }

  async function copyTransaction(transactionId: string) {
    if (await copyText(transactionId)) say(t('sellerPay.transactionCopied'));
    else fail(t('sellerOrder.copyFailed'));
  }

  async function cancelOrder() {
    const words = reason.trim();
    if (!words || words.length > CANCEL_REASON_MAX) {
      setErrors({ reason: t(words ? 'field.tooLong' : 'sellerOrder.reasonRequired') });
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    // A paid order's money goes back in full with the cancel: the seller must see how much first.
    let text = t('sellerOrder.cancelConfirmText');
    if (money.paidFen > 0) {
      text = t('sellerPay.cancelPaidText', { amount: formatFen(money.refundableFen) });
      if (order.paymentMethod !== 'wechat') text += ` ${moneyBackText}`;
    }
    const yes = await confirm(t('sellerOrder.cancelConfirmTitle'), text, t('sellerOrder.cancelYes'), t('sellerOrder.cancelNo'));
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

      {mode === 'view' && can('answer_refund') && money.refundRequest?.status === 'open' && (
        <RefundRequestPanel request={money.refundRequest} busy={actions.busy} onApprove={() => void approveRefund()} onDecline={() => startMode('decline')} />
      )}

      {mode === 'ship' || mode === 'add_parcel' ? (
        <>
          <View className='section-title'>{t(mode === 'ship' ? 'sellerOrder.shipTitle' : 'sellerOrder.addParcelTitle')}</View>
          <ShipForm
            rows={rows} onChange={setRows} errors={errors} scan={scanBarcode}
            packed={mode === 'ship' ? { lines: order.lines, texts: packed, onChange: setPacked, refundableFen: money.refundableFen } : undefined}
          />
        </>
      ) : mode === 'cancel' ? (
        <CancelForm reason={reason} onChange={setReason} error={errors.reason} />
      ) : mode === 'decline' ? (
        <DeclineForm reason={reason} onChange={setReason} error={errors.reason} />
      ) : mode === 'refund' ? (
        <RefundForm draft={refundDraft} refundableFen={money.refundableFen} onChange={setRefundDraft} errors={errors} />
      ) : null}

      <ReceiverCard order={order} onCall={() => callPhone(order.address.phone)} onCopy={() => void copyAddress()} />
      <LinesCard order={order} />
      {hasMoneyToShow(money) && <Refunds money={money} lines={order.lines} />}
      {money.transactionId && (
        <Button className='small-button seller-order__transaction copy-transaction' onClick={() => void copyTransaction(money.transactionId ?? '')}>
          {t('sellerPay.transactionId')}
        </Button>
      )}
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
              ) : mode === 'decline' ? (
                <Button className='big-button danger decline-submit' disabled={disabled} onClick={declineRefund}>{t('sellerPay.declineSubmit')}</Button>
              ) : mode === 'refund' ? (
                <Button className='big-button refund-submit' disabled={disabled} onClick={() => void sendRefund()}>{t('sellerPay.refundSubmit')}</Button>
              ) : (
                <Button className='big-button ship-submit' disabled={disabled} onClick={sendParcels}>{t(mode === 'ship' ? 'sellerOrder.shipSubmit' : 'sellerOrder.addParcelSubmit')}</Button>
              )}
            </>
          ) : (
            <>
              {can('cancel') && (
                <Button className='big-button quiet seller-order-cancel' disabled={disabled} onClick={() => { clear(); setReason(''); setMode('cancel'); }}>{t('sellerOrder.cancel')}</Button>
              )}
              {can('refund') && (
                <Button className='big-button secondary seller-order-refund' disabled={disabled} onClick={() => startMode('refund')}>{t('sellerPay.refund')}</Button>
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
