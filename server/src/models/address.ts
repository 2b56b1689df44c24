// A buyer's saved delivery address. Orders copy the address they use, so editing or deleting one
// here never changes an order.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { regionPathSchema, type StoredRegionPath } from './fields';

export interface Address {
  userId: Types.ObjectId;
  name: string;
  phone: string;
  region: StoredRegionPath;
  detail: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AddressDoc = HydratedDocument<Address>;
export type AddressRecord = Address & { _id: Types.ObjectId };
export type AddressModel = Model<Address>;

export const addressSchema = new Schema<Address>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    region: { type: regionPathSchema, required: true },
    detail: { type: String, required: true },
    isDefault: { type: Boolean, default: false },
  },
  { timestamps: true, strict: 'throw' },
);
addressSchema.index({ userId: 1, isDefault: -1, updatedAt: -1 });

export const defineAddressModel = (conn: Connection): AddressModel => conn.model<Address>('Address', addressSchema);
