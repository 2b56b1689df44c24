// Subscription-message credits: each "accept" in WeChat's subscribe dialog lets the mini-program
// send that person one message of that template. Spent with a conditional $inc, so two sends can
// never spend one credit twice.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import { integer } from './fields';

export interface SubscribeCredit {
  userId: Types.ObjectId;
  templateId: string;
  credits: number;
  updatedAt: Date;
}

export type SubscribeCreditModel = Model<SubscribeCredit>;

export const subscribeCreditSchema = new Schema<SubscribeCredit>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    templateId: { type: String, required: true },
    credits: integer({ default: 0, min: 0 }),
  },
  { timestamps: { createdAt: false, updatedAt: true }, strict: 'throw' },
);
subscribeCreditSchema.index({ userId: 1, templateId: 1 }, { unique: true });

export const defineSubscribeCreditModel = (conn: Connection): SubscribeCreditModel =>
  conn.model<SubscribeCredit>('SubscribeCredit', subscribeCreditSchema);
