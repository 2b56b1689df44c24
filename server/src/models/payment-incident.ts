// Something WeChat Pay told us that we refused to act on (a wrong amount, a payment for an order
// we do not know, another merchant's payment), kept for the operator alongside the error log:
// money may have moved, and a person has to look.
import { Schema, type Connection, type HydratedDocument, type Model, type Types } from 'mongoose';
import { integer } from './fields';

import type { PaymentIncidentKind, PaymentIncidentSource } from '../../../contract/payments';

export interface PaymentIncident {
  kind: PaymentIncidentKind;
  outTradeNo: string;
  orderId: Types.ObjectId | null;
  /** WeChat's transaction id; for refund_unknown, the refund's number. */
  transactionId: string | null;
  /** What the order expects, and what WeChat Pay said (fen). */
  expectedFen: number | null;
  reportedFen: number | null;
  source: PaymentIncidentSource;
  detail: string;
  at: Date;
}

export type PaymentIncidentModel = Model<PaymentIncident>;
export type PaymentIncidentRecord = PaymentIncident & { _id: Types.ObjectId };
export type PaymentIncidentDoc = HydratedDocument<PaymentIncident>;

const schema = new Schema<PaymentIncident>(
  {
    kind: { type: String, enum: ['amount_mismatch', 'unknown_order', 'merchant_mismatch', 'refund_unknown'], required: true },
    outTradeNo: { type: String, required: true },
    orderId: { type: Schema.Types.ObjectId, default: null },
    transactionId: { type: String, default: null },
    expectedFen: integer({ default: null }),
    reportedFen: integer({ default: null }),
    source: { type: String, enum: ['notification', 'query', 'answer'], required: true },
    detail: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { strict: 'throw' },
);
// The operators' list, newest first, all or by kind.
schema.index({ at: -1, _id: -1 });
schema.index({ kind: 1, at: -1, _id: -1 });
// The same notification retried is one incident, not fifteen.
schema.index({ kind: 1, outTradeNo: 1, transactionId: 1, reportedFen: 1 }, { unique: true });

export const definePaymentIncidentModel = (conn: Connection): PaymentIncidentModel => conn.model<PaymentIncident>('PaymentIncident', schema);
