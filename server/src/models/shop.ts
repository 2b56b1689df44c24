// A seller's shop. One per owner. `version` guards edits from two phones at once; `suspended` is
// the platform's (operators') switch, separate from the seller's own pause.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer, regionPathSchema, type StoredRegionPath } from './fields';
import { DEFAULT_SHIPPING_TEMPLATE, type ShippingTemplate } from '../../../contract/shipping-fee';
import { AUTO_COMPLETE_DAYS_DEFAULT, UNPAID_MINUTES_DEFAULT } from '../../../contract/limits';

/** How the shop takes orders: shipping fees, and the timeouts of unpaid and shipped orders. */
export interface OrderSettings {
  shipping: ShippingTemplate;
  unpaidMinutes: number;
  autoCompleteDays: number;
}

export const defaultOrderSettings = (): OrderSettings => ({
  shipping: structuredClone(DEFAULT_SHIPPING_TEMPLATE),
  unpaidMinutes: UNPAID_MINUTES_DEFAULT,
  autoCompleteDays: AUTO_COMPLETE_DAYS_DEFAULT,
});

export interface Shop {
  ownerId: Types.ObjectId;
  name: string;
  intro: string;
  logoPhotoId: string | null;
  phone: string;
  region: StoredRegionPath;
  status: 'open' | 'paused';
  suspended: { at: Date; reason: string; by: Types.ObjectId } | null;
  orderSettings: OrderSettings;
  /** WeChat Pay in partner mode: the shop's sub-merchant id (null: not set), with its own version. */
  payment: { subMchid: string | null; version: number };
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ShopDoc = HydratedDocument<Shop>;
/** A shop as read with lean(). */
export type ShopRecord = Shop & { _id: Types.ObjectId };
export type ShopModel = Model<Shop>;

const shippingRuleFields = {
  firstGrams: integer({ required: true, min: 1 }),
  firstFen: integer({ required: true, min: 0 }),
  stepGrams: integer({ required: true, min: 1 }),
  stepFen: integer({ required: true, min: 0 }),
  freeOverFen: integer({ default: null, min: 1 }),
};

const orderSettingsSchema = new Schema<OrderSettings>(
  {
    shipping: {
      type: new Schema(
        {
          defaultRule: { type: new Schema(shippingRuleFields, { _id: false }), required: true },
          provinceRules: { type: [new Schema({ ...shippingRuleFields, provinceCodes: { type: [String], required: true } }, { _id: false })], default: [] },
          excludedProvinceCodes: { type: [String], default: [] },
          packagingGrams: integer({ default: 0, min: 0 }),
        },
        { _id: false },
      ),
      required: true,
    },
    unpaidMinutes: integer({ required: true, min: 1 }),
    autoCompleteDays: integer({ required: true, min: 1 }),
  },
  { _id: false },
);

export const shopSchema = new Schema<Shop>(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true, unique: true },
    name: { type: String, required: true, maxlength: 30 },
    intro: { type: String, default: '', maxlength: 200 },
    logoPhotoId: { type: String, default: null },
    phone: { type: String, required: true },
    region: { type: regionPathSchema, required: true },
    status: { type: String, enum: ['open', 'paused'], default: 'open' },
    suspended: {
      type: new Schema({ at: { type: Date, required: true }, reason: { type: String, required: true }, by: { type: Schema.Types.ObjectId, required: true } }, { _id: false }),
      default: null,
    },
    orderSettings: { type: orderSettingsSchema, default: defaultOrderSettings },
    payment: {
      type: new Schema({ subMchid: { type: String, default: null }, version: integer({ required: true, default: 0, min: 0 }) }, { _id: false }),
      default: () => ({ subMchid: null, version: 0 }),
    },
    version: integer({ required: true, default: 0, min: 0 }),
  },
  { timestamps: true, strict: 'throw' },
);
// The public directory lists shops that are not suspended, newest first; operators search by name.
shopSchema.index({ status: 1, createdAt: -1 });
shopSchema.index({ suspended: 1, createdAt: -1 });
shopSchema.index({ name: 1 });

export const defineShopModel = (conn: Connection): ShopModel => conn.model<Shop>('Shop', shopSchema);
