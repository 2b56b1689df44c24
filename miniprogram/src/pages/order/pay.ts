// Paying an order with WeChat Pay, as checkout and the order page both do it: the server signs the
// parameters, the platform's pay sheet takes the money, then the server is asked whether WeChat
// Pay really has it. The phone never decides an order is paid: the sheet's "success" only starts
// the asking, a few times with a short pause, since WeChat may take a moment to confirm.
import type { OrderView } from '../../../../contract/orders';
import type { PaymentParams } from '../../../../contract/payments';
import { t } from '../../i18n';
import type { Orders } from '../../services/orders';
import type { PaymentOutcome } from '../../services/platform';

export type RequestPayment = (params: PaymentParams, simulatorPaySheetPath: string | null) => Promise<PaymentOutcome>;

export interface PayDeps {
  orders: Pick<Orders, 'pay' | 'checkPayment'>;
  requestPayment: RequestPayment;
  simulatorPaySheetPath: string | null;
  /** Pauses between checks; tests pass one that does not wait. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * paid: the server confirmed it (`order` as it now is, which may even be cancelled and refunded
 * when the money came too late); checking: the sheet said yes but the server does not know yet;
 * cancelled / failed: the sheet's own answer, nothing was paid.
 */
export type PayResult =
  | { outcome: 'paid'; order: OrderView }
  | { outcome: 'checking'; order: OrderView | null }
  | { outcome: 'cancelled' | 'failed' };

/** Pauses before the 2nd, 3rd and 4th check (the 1st is at once). */
export const CHECK_PAUSES_MS = [1000, 2000, 3000];

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks the server (which asks WeChat Pay) until the order is no longer awaiting payment. */
export async function confirmPaid(orderId: string, deps: Pick<PayDeps, 'orders' | 'wait'>): Promise<PayResult> {
  const wait = deps.wait ?? realWait;
  let last: OrderView | null = null;
  for (let attempt = 0; attempt <= CHECK_PAUSES_MS.length; attempt += 1) {
    if (attempt > 0) await wait(CHECK_PAUSES_MS[attempt - 1]);
    try {
      last = await deps.orders.checkPayment(orderId);
      if (last.status !== 'awaiting_payment') return { outcome: 'paid', order: last };
    } catch {
      // A dropped network or a busy WeChat: the next check may get through; the order page
      // shows the real status in any case.
    }
  }
  return { outcome: 'checking', order: last };
}

/** The whole payment; a refusal from our server (ORDER_NOT_PAYABLE, PAYMENT_UNAVAILABLE…) is thrown. */
export async function payOrder(orderId: string, deps: PayDeps): Promise<PayResult> {
  const { params } = await deps.orders.pay(orderId);
  const outcome = await deps.requestPayment(params, deps.simulatorPaySheetPath);
  if (outcome !== 'paid') return { outcome };
  return confirmPaid(orderId, deps);
}

/** How the order page reports a payment that did not (yet) show as paid; null for none. */
export function paymentNotice(outcome: string | undefined): string | null {
  if (outcome === 'paid') return t('payment.paid');
  if (outcome === 'checking') return t('payment.checking');
  if (outcome === 'cancelled') return t('payment.cancelled');
  if (outcome === 'failed') return t('payment.failed');
  return null;
}
