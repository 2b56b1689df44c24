// A shop's record of one buyer ("customer"), made by their first order with the shop: the seller's
// view of who buys. Counters move with atomic $inc from the order's transitions; note and tags are
// the seller's, version-guarded.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer, regionPathSchema, type StoredRegion } from './fields';
import type { StoredAddress } from './order';

export interface Customer {
  shopId: Types.ObjectId;
  userId: Types.ObjectId;
  /** The receiver's name and phone of the latest order. */
  name: string;
  phone: string;
  /** Last four digits of the phone, for the seller's search. */
  phoneLast4: string;
  province: StoredRegion;
  nickname: string;
  /** Distinct addresses used with this shop, newest first (at most 10). */
  addresses: (StoredAddress & { lastUsedAt: Date })[];
  orderCount: number;
  paidFen: number;
  firstOrderAt: Date;
  lastOrderAt: Date;
  note: string;
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CustomerDoc = HydratedDocument<Customer>;
export type CustomerRecord = Customer & { _id: Types.ObjectId };
export type CustomerModel = Model<Customer>;

export const CUSTOMER_ADDRESSES_KEPT = 10;

export const customerSchema = new Schema<Customer>(
  {
    shopId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    phoneLast4: { type: String, required: true },
    province: { type: new Schema({ code: String, name: String }, { _id: false }), required: true },
    nickname: { type: String, default: '' },
    addresses: {
      type: [
        new Schema(
          { name: String, phone: String, region: { type: regionPathSchema, required: true }, detail: String, lastUsedAt: { type: Date, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
    orderCount: integer({ default: 0, min: 0 }),
    paidFen: integer({ default: 0, min: 0 }),
    firstOrderAt: { type: Date, required: true },
    lastOrderAt: { type: Date, required: true },
    note: { type: String, default: '' },
    tags: { type: [String], default: [] },
    version: integer({ default: 0, min: 0 }),
  },
  { timestamps: true, strict: 'throw' },
);
customerSchema.index({ shopId: 1, userId: 1 }, { unique: true });
customerSchema.index({ shopId: 1, lastOrderAt: -1 });
customerSchema.index({ shopId: 1, tags: 1, lastOrderAt: -1 });
customerSchema.index({ shopId: 1, phoneLast4: 1 });

export const defineCustomerModel = (conn: Connection): CustomerModel => conn.model<Customer>('Customer', customerSchema);
