// One order as its buyer sees it: where it stands (and, unpaid, how to pay), the address, the
// lines and money (paid, refunded, each refund), the note, the parcels with tracking numbers, what
// happened when, and what the buyer may do now (the server's `actions`): pay with WeChat Pay,
// cancel while unpaid, confirm receipt, ask for money back. When the order moved on meanwhile
// (ORDER_NOT_*), it says so and shows the order as it is now.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ClientConfig } from '../../../../contract/auth';
import type { RefundTooLargeDetails } from '../../../../contract/errors';
import type { OrderView } from '../../../../contract/orders';
import type { RequestRefundRequest } from '../../../../contract/payments';
import { fieldErrorsFrom } from '../../components/Field/errors';
import { LoadFailed, Loading } from '../../components/LoadState';
import { LoginNeeded, needsLogin } from '../../components/LoginNeeded';
import { Outcome } from '../../components/Outcome';
import { MoneyRows, OrderLineRow, orderShippingText } from '../../components/OrderSummary';
import { hasMoneyToShow, Refunds } from '../../components/Refunds';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf } from '../../hooks/usePagedList';
import { errorMessage, isFailureCode, t } from '../../i18n';
import { ApiError } from '../../services/http';
import type { Orders } from '../../services/orders';
import type { Navigate } from '../../services/platform';
import { addressLine } from '../../utils/address';
import { formatFen } from '../../utils/format';
import { formatWhen } from '../../utils/when';
import { CancelSheet } from './CancelSheet';
import { Parcels } from './Parcels';
import { payOrder, paymentNotice, type RequestPayment } from './pay';
import { RefundSheet } from './RefundSheet';
import { StatusBanner } from './StatusBanner';
import { Timeline } from './Timeline';
import './index.scss';

export interface OrderScreenProps {
  orderId?: string;
  orders: Pick<Orders, 'order' | 'cancelOrder' | 'confirmReceipt' | 'pay' | 'checkPayment' | 'requestRefund'>;
  /** For the simulator's pay sheet path (the browser build). */
  clientConfig: () => Promise<ClientConfig>;
  /** WeChat's pay sheet (the simulator's in the browser). */
  requestPayment: RequestPayment;
  /** How a payment started at checkout ended ('paid', 'checking', 'cancelled', 'failed' or an error code). */
  payment?: string;
  /** Pauses between payment checks; tests pass one that does not wait. */
  wait?: (ms: number) => Promise<void>;
  go: Navigate;
  openLogin: () => void;
  confirm: (title: string, content: string, yes: string, no: string) => Promise<boolean>;
  copy: (text: string) => Promise<boolean>;
  call: (phone: string) => void;
  shownAgain?: number;
  now?: () => number;
}

const movedOn = (error: unknown) => error instanceof ApiError && error.code.startsWith('ORDER_NOT_');

/** What checkout's payment left to say on arrival: good news or a plain failure. */
function arrivalOutcome(payment: string | undefined): { ok: boolean; text: string } | null {
  const notice = paymentNotice(payment);
  if (notice) return { ok: payment !== 'failed', text: notice };
  if (payment && isFailureCode(payment)) return { ok: false, text: errorMessage(payment) };
  return null;
}

/** A refusal of a payment in the buyer's words: plainer than the shared ORDER_NOT_PAYABLE text, which also covers sellers. */
const payFailureText = (failure: unknown) =>
  failure instanceof ApiError && failure.code === 'ORDER_NOT_PAYABLE' ? t('payment.notPayable') : messageOf(failure);

export function OrderScreen(props: OrderScreenProps) {
  const { orderId, orders, clientConfig, requestPayment, payment, wait, go, openLogin, confirm, copy, call, shownAgain = 0, now = Date.now } = props;
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [paying, setPaying] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const [refundErrors, setRefundErrors] = useState<{ amountFen?: string; reason?: string }>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(() => arrivalOutcome(payment));
  const [config, setConfig] = useState<ClientConfig | null>(null);
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
  useEffect(() => {
    clientConfig().then(setConfig, () => undefined);
  }, [clientConfig]);
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

  async function pay() {
    if (!order || busy) return;
    setBusy(true);
    setPaying(true);
    setOutcome(null);
    try {
      const result = await payOrder(order.id, { orders, requestPayment, simulatorPaySheetPath: config?.simulatorPaySheetPath ?? null, wait });
      if (result.outcome === 'paid') setOrder(result.order);
      else if (result.outcome === 'checking') load();
      setOutcome({ ok: result.outcome !== 'failed', text: paymentNotice(result.outcome) ?? '' });
    } catch (failure) {
      setOutcome({ ok: false, text: payFailureText(failure) });
      if (movedOn(failure) || (failure instanceof ApiError && failure.code === 'PAYMENT_UNAVAILABLE')) load();
    } finally {
      setBusy(false);
      setPaying(false);
    }
  }

  async function requestRefund(request: RequestRefundRequest) {
    if (!order || busy) return;
    setBusy(true);
    setOutcome(null);
    setRefundErrors({});
    try {
      setOrder(await orders.requestRefund(order.id, request));
      setRefunding(false);
      setOutcome({ ok: true, text: t('refund.sent') });
    } catch (failure) {
      const code = failure instanceof ApiError ? failure.code : null;
      if (code === 'REFUND_TOO_LARGE') {
        const most = (failure as ApiError & { details?: Partial<RefundTooLargeDetails> }).details?.refundableFen;
        setRefundErrors({ amountFen: typeof most === 'number' ? t('refund.problem.tooLarge', { max: formatFen(most) }) : messageOf(failure) });
        load();
      } else if (code === 'VALIDATION_FAILED' && fieldErrorsFrom(failure)) {
        const fields = fieldErrorsFrom(failure) ?? {};
        setRefundErrors({
          ...(fields.amountFen ? { amountFen: t('refund.problem.invalid') } : {}),
          ...(fields.reason ? { reason: t('refund.needReason') } : {}),
        });
      } else {
        setOutcome({ ok: false, text: messageOf(failure) });
        // Refunds no longer allowed, or a request already open: show the order as it is now.
        if (code === 'REFUND_NOT_ALLOWED' || code === 'REFUND_REQUEST_OPEN' || movedOn(failure)) {
          setRefunding(false);
          load();
        }
      }
    } finally {
      setBusy(false);
    }
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
  const canPay = order.actions.includes('pay');
  const canRefund = order.actions.includes('request_refund') && order.money.refundableFen > 0;
  const bar = canCancel || canReceive || canPay;

  return (
    <View className={`screen order ${bar ? 'with-bottom-bar' : ''}`}>
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

      {hasMoneyToShow(order.money) && <Refunds money={order.money} lines={order.lines} />}

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

      {canRefund && !refunding && (
        <Button className='big-button secondary order-refund' disabled={busy ? true : undefined} onClick={() => setRefunding(true)}>
          {t('refund.open')}
        </Button>
      )}
      {canRefund && refunding && (
        <RefundSheet
          refundableFen={order.money.refundableFen}
          busy={busy}
          serverErrors={refundErrors}
          onSubmit={(request) => void requestRefund(request)}
          onClose={() => {
            setRefunding(false);
            setRefundErrors({});
          }}
        />
      )}

      {cancelling && (
        <CancelSheet busy={busy} onCancel={(reason) => void act(() => orders.cancelOrder(order.id, reason), t('order.cancelled'))} onClose={() => setCancelling(false)} />
      )}

      <View className={bar ? 'bottom-bar order__bar' : 'order__outcome'}>
        <Outcome
          actions={{
            failure: outcome && !outcome.ok ? { message: outcome.text, conflict: false, error: null } : null,
            notice: outcome?.ok ? outcome.text : null,
            dismiss: () => setOutcome(null),
          }}
          onReload={load}
        />
        {canCancel && !cancelling && (
          <Button className={`big-button quiet order-cancel ${canPay ? 'order-cancel--side' : ''}`} disabled={busy ? true : undefined} onClick={() => setCancelling(true)}>
            {t('order.cancel')}
          </Button>
        )}
        {canPay && (
          <Button className='big-button order-pay' disabled={busy ? true : undefined} onClick={() => void pay()}>
            {paying ? t('payment.paying') : t('payment.payNow', { amount: formatFen(order.totalFen) })}
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
