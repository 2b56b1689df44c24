// The operators' list of what WeChat Pay told us that was not applied (see domain/payments.ts):
// newest first, with the order's number where the incident names one of ours.
import type { z } from 'zod';
import type { PaymentIncidentPage, PaymentIncidentQuery } from '../../../contract/payments';
import type { Services } from '../services';
import type { PaymentIncidentRecord } from '../models/payment-incident';

export async function listPaymentIncidents(services: Services, query: z.output<typeof PaymentIncidentQuery>): Promise<PaymentIncidentPage> {
  const filter = query.kind ? { kind: query.kind } : {};
  const { PaymentIncident, Order } = services.models;
  const [items, total] = await Promise.all([
    PaymentIncident.find(filter).sort({ at: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<PaymentIncidentRecord[]>(),
    PaymentIncident.countDocuments(filter),
  ]);
  const orderIds = items.flatMap((i) => (i.orderId ? [i.orderId] : []));
  const orders = new Map((await Order.find({ _id: { $in: orderIds } }, { orderNo: 1 }).lean()).map((o) => [String(o._id), o.orderNo]));
  return {
    items: items.map((i) => ({
      id: String(i._id),
      kind: i.kind,
      outTradeNo: i.outTradeNo,
      orderId: i.orderId ? String(i.orderId) : null,
      orderNo: i.orderId ? (orders.get(String(i.orderId)) ?? null) : null,
      transactionId: i.transactionId,
      expectedFen: i.expectedFen,
      reportedFen: i.reportedFen,
      source: i.source,
      detail: i.detail,
      at: i.at.toISOString(),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
