// An order: items of one shop, snapshotted when placed (title, pack, price, weight, cover) with the
// address, so later edits to products or address books never change what was bought or where it
// goes. `status` changes only by guarded atomic updates (domain/order-transitions.ts); `stock`
// records where the order's stock holds stand, so a crash between steps is finished by a sweeper.
import { Schema, Types, type Connection, type HydratedDocument, type Model } from 'mongoose';
import { integer, regionPathSchema, type StoredRegionPath } from './fields';
import type { OrderActor, OrderEvent, OrderStatus, PaymentMethod } from '../../../contract/orders';
import type { RefundChannel, RefundKind, RefundRequestStatus, RefundStatus } from '../../../contract/payments';

/** `placing`: stock is being reserved; never shown, finished or undone by the placement sweeper. */
export type StoredOrderStatus = OrderStatus | 'placing';

/**
 * Where the order's stock stands: `held` while it may still be returned (unpaid, paid but not
 * shipped), `returned` once given back (cancelled), `settled` once the goods left (shipped).
 */
export type StockState = 'reserving' | 'held' | 'returned' | 'settled';

export interface OrderLine {
  productId: Types.ObjectId;
  variantId: Types.ObjectId;
  title: string;
  variantName: string;
  priceFen: number;
  netWeightGrams: number;
  quantity: number;
  lineFen: number;
  coverPhotoId: string | null;
  /** The key of this line's hold on the product (domain/stock.ts). */
  holdKey: string;
  /** Grams of goods the seller packed, when recorded at shipping (null: as ordered). */
  packedGrams: number | null;
}

/**
 * The order's WeChat Pay payment: who it is paid to and its state there. `pending` from the
 * prepay until WeChat Pay's notification or a query says it is paid (`paid`), or the order ends
 * unpaid and the WeChat order is closed (`closed`). `checkAt`: when the reconcile job next asks.
 */
export interface StoredPayment {
  appid: string;
  mchid: string;
  /** Partner mode: the shop's sub-merchant, which the money goes to; null for a direct merchant. */
  subMchid: string | null;
  outTradeNo: string;
  prepayId: string;
  prepaidAt: Date;
  state: 'pending' | 'paid' | 'closed';
  transactionId: string | null;
  payerOpenid: string;
  checkAt: Date | null;
}

export interface StoredRefund {
  /** Our refund number, WeChat's out_refund_no: the same on every retry, so it is refunded once. */
  refundNo: string;
  amountFen: number;
  kind: RefundKind;
  reason: string;
  channel: RefundChannel;
  status: RefundStatus;
  /** WeChat's refund id once it accepted the refund. */
  refundId: string | null;
  /** Whether WeChat Pay has accepted the request (false: still to be sent, by the request or the job). */
  submitted: boolean;
  actor: OrderActor;
  userId: Types.ObjectId | null;
  createdAt: Date;
  settledAt: Date | null;
  /** When the refund job next sends or asks about it. */
  checkAt: Date | null;
}

export interface StoredRefundRequest {
  amountFen: number;
  reason: string;
  status: RefundRequestStatus;
  at: Date;
  answer: string | null;
  answeredAt: Date | null;
}

/** WeChat holds a mini-program's WeChat Pay money until the shipping is uploaded (wechat/shipping-info.ts). */
export interface StoredShippingUpload {
  state: 'pending' | 'uploaded' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAt: Date | null;
  uploadedAt: Date | null;
}

export interface Parcel {
  courierCode: string;
  trackingNo: string;
  at: Date;
}

export interface TimelineEntry {
  at: Date;
  event: OrderEvent;
  actor: OrderActor;
  /** The person who acted; null for the system. */
  userId: Types.ObjectId | null;
  note: string | null;
}

export interface StoredAddress {
  name: string;
  phone: string;
  region: StoredRegionPath;
  detail: string;
}

export interface Order {
  orderNo: string;
  shopId: Types.ObjectId;
  buyerId: Types.ObjectId;
  /** The shop's record of this buyer (models/customer.ts), set when the order is placed. */
  customerId: Types.ObjectId | null;
  status: StoredOrderStatus;
  lines: OrderLine[];
  subtotalFen: number;
  shippingFen: number;
  totalFen: number;
  /** Goods plus packaging, as the fee was priced. */
  weightGrams: number;
  packagingGrams: number;
  address: StoredAddress;
  buyerNote: string;
  sellerNote: string | null;
  paymentMethod: PaymentMethod;
  paidAt: Date | null;
  /** What was received: the order's total once paid (WeChat Pay or confirmed by the seller). */
  paidFen: number;
  /** Refunds pending, succeeded or abnormal. */
  refundedFen: number;
  /**
   * paidFen − refundedFen, kept as its own field so a refund can take from it with one guarded
   * update ({ refundableFen: { $gte: amount } }, $inc −amount): two refunds at once can never
   * together exceed what was paid.
   */
  refundableFen: number;
  payment: StoredPayment | null;
  refunds: StoredRefund[];
  refundRequest: StoredRefundRequest | null;
  shippingUpload: StoredShippingUpload | null;
  parcels: Parcel[];
  shippedAt: Date | null;
  completedAt: Date | null;
  cancelled: { at: Date; by: OrderActor; userId: Types.ObjectId | null; reason: string } | null;
  /** Unpaid: cancelled by the expiry job at this time. */
  expiresAt: Date | null;
  /** Shipped: completed by the completion job at this time. */
  autoCompleteAt: Date | null;
  stock: StockState;
  /** The buyer's Idempotency-Key for placing it: a retry finds this order instead of making another. */
  placeKey: string | null;
  timeline: TimelineEntry[];
  /** Subscription messages already sent for this order, so a retried job never sends twice. */
  notified: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type OrderDoc = HydratedDocument<Order>;
export type OrderRecord = Order & { _id: Types.ObjectId };
export type OrderModel = Model<Order>;

const lineSchema = new Schema<OrderLine>(
  {
    productId: { type: Schema.Types.ObjectId, required: true },
    variantId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    variantName: { type: String, required: true },
    priceFen: integer({ required: true, min: 1 }),
    netWeightGrams: integer({ required: true, min: 1 }),
    quantity: integer({ required: true, min: 1 }),
    lineFen: integer({ required: true, min: 1 }),
    coverPhotoId: { type: String, default: null },
    holdKey: { type: String, required: true },
    packedGrams: integer({ default: null, min: 0 }),
  },
  { _id: false },
);

const paymentSchema = new Schema<StoredPayment>(
  {
    appid: { type: String, required: true },
    mchid: { type: String, required: true },
    subMchid: { type: String, default: null },
    outTradeNo: { type: String, required: true },
    prepayId: { type: String, required: true },
    prepaidAt: { type: Date, required: true },
    state: { type: String, enum: ['pending', 'paid', 'closed'], required: true },
    transactionId: { type: String, default: null },
    payerOpenid: { type: String, required: true },
    checkAt: { type: Date, default: null },
  },
  { _id: false },
);

const refundSchema = new Schema<StoredRefund>(
  {
    refundNo: { type: String, required: true },
    amountFen: integer({ required: true, min: 1 }),
    kind: { type: String, enum: ['cancel', 'requested', 'seller', 'weight', 'late_payment'], required: true },
    reason: { type: String, required: true },
    channel: { type: String, enum: ['wechat', 'offline'], required: true },
    status: { type: String, enum: ['pending', 'success', 'abnormal', 'closed'], required: true },
    refundId: { type: String, default: null },
    submitted: { type: Boolean, required: true },
    actor: { type: String, enum: ['buyer', 'seller', 'operator', 'system'], required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    settledAt: { type: Date, default: null },
    checkAt: { type: Date, default: null },
  },
  { _id: false },
);

const refundRequestSchema = new Schema<StoredRefundRequest>(
  {
    amountFen: integer({ required: true, min: 1 }),
    reason: { type: String, required: true },
    status: { type: String, enum: ['open', 'approved', 'declined'], required: true },
    at: { type: Date, required: true },
    answer: { type: String, default: null },
    answeredAt: { type: Date, default: null },
  },
  { _id: false },
);

const shippingUploadSchema = new Schema<StoredShippingUpload>(
  {
    state: { type: String, enum: ['pending', 'uploaded', 'failed'], required: true },
    attempts: integer({ required: true, min: 0 }),
    lastError: { type: String, default: null },
    nextAt: { type: Date, default: null },
    uploadedAt: { type: Date, default: null },
  },
  { _id: false },
);

const parcelSchema = new Schema<Parcel>(
  { courierCode: { type: String, required: true }, trackingNo: { type: String, required: true }, at: { type: Date, required: true } },
  { _id: false },
);

const timelineSchema = new Schema<TimelineEntry>(
  {
    at: { type: Date, required: true },
    event: { type: String, required: true },
    actor: { type: String, enum: ['buyer', 'seller', 'operator', 'system'], required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    note: { type: String, default: null },
  },
  { _id: false },
);

export const storedAddressSchema = new Schema<StoredAddress>(
  { name: { type: String, required: true }, phone: { type: String, required: true }, region: { type: regionPathSchema, required: true }, detail: { type: String, required: true } },
  { _id: false },
);

export const orderSchema = new Schema<Order>(
  {
    orderNo: { type: String, required: true, unique: true },
    shopId: { type: Schema.Types.ObjectId, required: true },
    buyerId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, enum: ['placing', 'awaiting_payment', 'paid', 'shipped', 'completed', 'cancelled'], required: true },
    lines: { type: [lineSchema], required: true },
    subtotalFen: integer({ required: true, min: 0 }),
    shippingFen: integer({ required: true, min: 0 }),
    totalFen: integer({ required: true, min: 0 }),
    weightGrams: integer({ required: true, min: 0 }),
    packagingGrams: integer({ required: true, min: 0 }),
    address: { type: storedAddressSchema, required: true },
    buyerNote: { type: String, default: '' },
    sellerNote: { type: String, default: null },
    paymentMethod: { type: String, enum: ['direct', 'wechat'], required: true },
    paidAt: { type: Date, default: null },
    paidFen: integer({ default: 0, min: 0 }),
    refundedFen: integer({ default: 0, min: 0 }),
    refundableFen: integer({ default: 0, min: 0 }),
    payment: { type: paymentSchema, default: null },
    refunds: { type: [refundSchema], default: [] },
    refundRequest: { type: refundRequestSchema, default: null },
    shippingUpload: { type: shippingUploadSchema, default: null },
    parcels: { type: [parcelSchema], default: [] },
    shippedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    cancelled: {
      type: new Schema(
        {
          at: { type: Date, required: true },
          by: { type: String, required: true },
          userId: { type: Schema.Types.ObjectId, default: null },
          reason: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    expiresAt: { type: Date, default: null },
    autoCompleteAt: { type: Date, default: null },
    stock: { type: String, enum: ['reserving', 'held', 'returned', 'settled'], required: true },
    placeKey: { type: String, default: null },
    timeline: { type: [timelineSchema], default: [] },
    notified: { type: [String], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
// The buyer's tabs and the shop's tabs (newest first, `_id` breaking ties so paging is stable and
// the index alone gives the order); a buyer's history with the shop.
orderSchema.index({ buyerId: 1, status: 1, createdAt: -1, _id: -1 });
orderSchema.index({ buyerId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ shopId: 1, status: 1, createdAt: -1, _id: -1 });
orderSchema.index({ shopId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ shopId: 1, customerId: 1, createdAt: -1, _id: -1 });
// The seller's takings today.
orderSchema.index({ shopId: 1, paidAt: 1 });
// The timed jobs: unpaid orders past their expiry, shipped orders past auto-completion, and the
// sweeper for orders whose stock was left mid-step by a crash.
orderSchema.index({ status: 1, expiresAt: 1 });
orderSchema.index({ status: 1, autoCompleteAt: 1 });
orderSchema.index({ stock: 1, status: 1, updatedAt: 1 });
// WeChat Pay: a notification finds its order by out_trade_no; the reconcile, refund and upload
// jobs find what is due.
orderSchema.index({ 'payment.outTradeNo': 1 }, { unique: true, partialFilterExpression: { 'payment.outTradeNo': { $type: 'string' } } });
orderSchema.index({ 'payment.state': 1, 'payment.checkAt': 1 });
orderSchema.index({ 'refunds.checkAt': 1 });
orderSchema.index({ 'refunds.refundNo': 1 });
orderSchema.index({ 'shippingUpload.state': 1, 'shippingUpload.nextAt': 1 });
// The seller's refund requests to answer.
orderSchema.index({ shopId: 1, 'refundRequest.status': 1, createdAt: -1, _id: -1 });
// One order per Idempotency-Key per buyer, even when the remembered answer was lost.
orderSchema.index({ buyerId: 1, placeKey: 1 }, { unique: true, partialFilterExpression: { placeKey: { $type: 'string' } } });

export const defineOrderModel = (conn: Connection): OrderModel => conn.model<Order>('Order', orderSchema);
