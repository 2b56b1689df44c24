// An order's money as buyer and seller see it: paid, refunded, what may still be refunded, each
// refund and the buyer's request. Orders from before payments existed read as paid in full when
// they were paid, with nothing refunded.
import type { OrderMoneyView } from '../../../contract/payments';
import type { OrderRecord } from '../models/order';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentMoney(order: Pick<OrderRecord, 'paymentMethod' | 'payment' | 'paidAt' | 'totalFen' | 'paidFen' | 'refundedFen' | 'refundableFen' | 'refunds' | 'refundRequest'>): OrderMoneyView {
  const paidFen = order.paidFen ?? (order.paidAt ? order.totalFen : 0);
  const refundedFen = order.refundedFen ?? 0;
  const payment = order.payment?.state ?? (order.paidAt ? 'paid' : 'none');
  const request = order.refundRequest ?? null;
  return {
    payment,
    paidFen,
    refundedFen,
    refundableFen: order.refundableFen ?? Math.max(0, paidFen - refundedFen),
    refunds: (order.refunds ?? []).map((r) => ({
      refundNo: r.refundNo,
      amountFen: r.amountFen,
      kind: r.kind,
      reason: r.reason,
      status: r.status,
      channel: r.channel,
      createdAt: r.createdAt.toISOString(),
      settledAt: iso(r.settledAt),
    })),
    refundRequest: request && { amountFen: request.amountFen, reason: request.reason, status: request.status, at: request.at.toISOString(), answer: request.answer, answeredAt: iso(request.answeredAt) },
    transactionId: order.payment?.transactionId ?? null,
  };
}
