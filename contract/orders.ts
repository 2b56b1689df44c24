// Orders: the checkout quote, placing an order, its life (awaiting payment → paid → shipped →
// completed, or cancelled), what buyers and sellers see, the shop's order settings (shipping
// templates, timeouts), the shop's buyers ("customers") and subscription-message credits.
import { z } from './openapi';
import {
  AUTO_COMPLETE_DAYS_MAX, AUTO_COMPLETE_DAYS_MIN, BUYER_NOTE_MAX, CANCEL_REASON_MAX, CUSTOMER_NOTE_MAX, CUSTOMER_TAG_MAX,
  CUSTOMER_TAGS_MAX, FREE_OVER_FEN_MAX, ORDER_LINES_MAX, ORDER_QUANTITY_MAX, PACKAGING_GRAMS_MAX, PARCELS_MAX,
  PROVINCE_RULES_MAX, SELLER_NOTE_MAX, SHIPPING_FEE_FEN_MAX, SHIPPING_GRAMS_MAX, TRACKING_NO_MAX, UNPAID_MINUTES_MAX,
  UNPAID_MINUTES_MIN,
} from './limits';
import { COURIER_CODES } from './couriers';
import { RegionCode, RegionPath } from './regions';
import { PhotoView } from './photos';
import { AddressInput, AddressView } from './addresses';
import { Paging, pageOf } from './shops';
import { OrderMoneyView, PackedWeightInput } from './payments';

const objectId = (what: string) => z.string().regex(/^[a-f0-9]{24}$/, `must be a ${what} id`);

// ---------------------------------------------------------------------------------------------
// Order settings: shipping templates and timeouts, set by the seller.

const ShippingRuleInput = z
  .object({
    firstGrams: z.number().int().min(1).max(SHIPPING_GRAMS_MAX),
    firstFen: z.number().int().min(0).max(SHIPPING_FEE_FEN_MAX),
    stepGrams: z.number().int().min(1).max(SHIPPING_GRAMS_MAX),
    stepFen: z.number().int().min(0).max(SHIPPING_FEE_FEN_MAX),
    freeOverFen: z.number().int().min(1).max(FREE_OVER_FEN_MAX).nullable(),
  })
  .strict();

/** A province's six-digit code (ends in 0000). */
export const ProvinceCode = z.string().regex(/^\d{2}0000$/, 'must be a province code like 140000');

export const ShippingTemplateInput = z
  .object({
    defaultRule: ShippingRuleInput,
    provinceRules: z
      .array(ShippingRuleInput.extend({ provinceCodes: z.array(ProvinceCode).min(1).max(34) }).strict())
      .max(PROVINCE_RULES_MAX),
    excludedProvinceCodes: z.array(ProvinceCode).max(34),
    packagingGrams: z.number().int().min(0).max(PACKAGING_GRAMS_MAX),
  })
  .strict();
export type ShippingTemplateInput = z.infer<typeof ShippingTemplateInput>;

export const OrderSettingsInput = z
  .object({
    shipping: ShippingTemplateInput,
    /** An unpaid order is cancelled (and its stock returned) after this many minutes. */
    unpaidMinutes: z.number().int().min(UNPAID_MINUTES_MIN).max(UNPAID_MINUTES_MAX),
    /** A shipped order completes this many days after shipping if the buyer does not confirm. */
    autoCompleteDays: z.number().int().min(AUTO_COMPLETE_DAYS_MIN).max(AUTO_COMPLETE_DAYS_MAX),
  })
  .strict();

/** PUT: the whole settings, with the shop's version (two phones cannot overwrite each other). */
export const UpdateOrderSettingsRequest = OrderSettingsInput.extend({ version: z.number().int().min(0) }).strict().openapi('UpdateOrderSettingsRequest');
export type UpdateOrderSettingsRequest = z.input<typeof UpdateOrderSettingsRequest>;

export const OrderSettingsView = OrderSettingsInput.extend({
  /** The shop's version after the last change, to send back with the next one. */
  version: z.number().int(),
  /** Province names for the codes used, so the page needs no second request. */
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
}).openapi('OrderSettings');
export type OrderSettingsView = z.infer<typeof OrderSettingsView>;

// ---------------------------------------------------------------------------------------------
// Checkout.

export const OrderLineInput = z
  .object({
    productId: objectId('product'),
    variantId: objectId('variant'),
    /** Whole packs. */
    quantity: z.number().int().min(1).max(ORDER_QUANTITY_MAX),
  })
  .strict();
export type OrderLineInput = z.infer<typeof OrderLineInput>;

const Lines = z
  .array(OrderLineInput)
  .min(1)
  .max(ORDER_LINES_MAX)
  .refine((lines) => new Set(lines.map((l) => l.variantId)).size === lines.length, 'must list each variant once');

export const PaymentMethod = z.enum(['direct', 'wechat']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Prices a cart for checkout, before the buyer commits: nothing is reserved. */
export const QuoteRequest = z
  .object({
    shopId: objectId('shop'),
    lines: Lines,
    /** Where it goes (a county, or just a province); absent: no shipping fee yet. */
    regionCode: RegionCode.optional(),
  })
  .strict()
  .openapi('QuoteRequest');
export type QuoteRequest = z.input<typeof QuoteRequest>;

/** Why a line cannot be bought as asked. */
export const LineProblem = z.enum(['unavailable', 'sold_out', 'not_enough']);
export type LineProblem = z.infer<typeof LineProblem>;

/** A line as bought: the pack, its price and weight then, and how many. */
export const OrderLineView = z.object({
  productId: z.string(),
  variantId: z.string(),
  title: z.string(),
  variantName: z.string(),
  priceFen: z.number().int(),
  netWeightGrams: z.number().int(),
  quantity: z.number().int(),
  lineFen: z.number().int(),
  cover: PhotoView.nullable(),
  /** Grams of goods the seller packed, when recorded at shipping (null: as ordered). */
  packedGrams: z.number().int().nullable().optional(),
});
export type OrderLineView = z.infer<typeof OrderLineView>;

export const QuoteLineView = OrderLineView.extend({
  /** Packs that can be bought now. */
  available: z.number().int(),
  problem: LineProblem.nullable(),
});
export type QuoteLineView = z.infer<typeof QuoteLineView>;

export const QuoteView = z
  .object({
    shop: z.object({ id: z.string(), name: z.string(), logo: PhotoView.nullable(), acceptingOrders: z.boolean() }),
    lines: z.array(QuoteLineView),
    subtotalFen: z.number().int(),
    /** Goods plus the shop's packaging. */
    weightGrams: z.number().int(),
    /** Null until a region is given. */
    shipping: z
      .discriminatedUnion('ships', [
        z.object({ ships: z.literal(true), fen: z.number().int(), free: z.boolean() }),
        z.object({ ships: z.literal(false), province: z.string() }),
      ])
      .nullable(),
    /** Subtotal plus shipping (when known). */
    totalFen: z.number().int(),
    paymentMethods: z.array(PaymentMethod),
    unpaidMinutes: z.number().int(),
  })
  .openapi('Quote');
export type QuoteView = z.infer<typeof QuoteView>;

export const PlaceOrderRequest = z
  .object({
    shopId: objectId('shop'),
    lines: Lines,
    address: AddressInput,
    buyerNote: z.string().trim().max(BUYER_NOTE_MAX).default(''),
    paymentMethod: PaymentMethod,
    /**
     * The total the buyer saw. The server always charges its own total; when it differs (a price
     * or the shipping changed meanwhile) the order is refused with PRICE_CHANGED and a new quote.
     */
    expectedTotalFen: z.number().int().min(0).optional(),
    /** Also save the address to the buyer's list. */
    saveAddress: z.boolean().default(false),
  })
  .strict()
  .openapi('PlaceOrderRequest');
export type PlaceOrderRequest = z.input<typeof PlaceOrderRequest>;

// ---------------------------------------------------------------------------------------------
// The order.

export const OrderStatus = z.enum(['awaiting_payment', 'paid', 'shipped', 'completed', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Who did something to an order. */
export const OrderActor = z.enum(['buyer', 'seller', 'operator', 'system']);
export type OrderActor = z.infer<typeof OrderActor>;

export const OrderEvent = z.enum([
  'placed', 'paid', 'shipped', 'parcel_added', 'received', 'completed', 'cancelled', 'expired', 'note',
  // Money back: asked, answered, done (or not).
  'refund_requested', 'refund_declined', 'refund_started', 'refunded', 'refund_failed',
]);
export type OrderEvent = z.infer<typeof OrderEvent>;

/** What the person looking at an order may do to it now (the buttons to show). */
export const OrderAction = z.enum([
  'cancel', 'confirm_payment', 'ship', 'add_parcel', 'confirm_receipt',
  // The buyer: pay with WeChat Pay, ask for money back. The seller: answer that, refund of their own accord.
  'pay', 'request_refund', 'answer_refund', 'refund',
]);
export type OrderAction = z.infer<typeof OrderAction>;


export const ParcelView = z.object({
  courierCode: z.string(),
  courierName: z.string(),
  trackingNo: z.string(),
  at: z.string().datetime(),
});
export type ParcelView = z.infer<typeof ParcelView>;

export const TimelineEntryView = z.object({
  at: z.string().datetime(),
  event: OrderEvent,
  actor: OrderActor,
  /** A reason, a tracking number, a note: in the words of whoever acted. */
  note: z.string().nullable(),
});
export type TimelineEntryView = z.infer<typeof TimelineEntryView>;

export const OrderView = z
  .object({
    id: z.string(),
    /** Short and readable, for phone calls and waybills: 20261128-4821937. */
    orderNo: z.string(),
    status: OrderStatus,
    shop: z.object({ id: z.string(), name: z.string(), logo: PhotoView.nullable(), phone: z.string() }),
    /** The buyer's WeChat nickname (the receiver is in `address`). */
    buyer: z.object({ id: z.string(), nickname: z.string() }),
    /** The shop's record of this buyer; present for the seller. */
    customerId: z.string().nullable(),
    lines: z.array(OrderLineView),
    subtotalFen: z.number().int(),
    shippingFen: z.number().int(),
    totalFen: z.number().int(),
    /** Goods plus packaging, as the shipping fee was priced. */
    weightGrams: z.number().int(),
    /** The full address: the buyer's own, and the seller's to ship to. */
    address: AddressView,
    buyerNote: z.string(),
    /** The seller's own note; only the seller sees it. */
    sellerNote: z.string().nullable(),
    paymentMethod: PaymentMethod,
    paidAt: z.string().datetime().nullable(),
    /** Paid, refunded, refunds and the buyer's refund request. */
    money: OrderMoneyView,
    parcels: z.array(ParcelView),
    shippedAt: z.string().datetime().nullable(),
    completedAt: z.string().datetime().nullable(),
    cancelled: z.object({ at: z.string().datetime(), by: OrderActor, reason: z.string() }).nullable(),
    /** Unpaid orders: when they will be cancelled. */
    expiresAt: z.string().datetime().nullable(),
    /** Shipped orders: when they will complete by themselves. */
    autoCompleteAt: z.string().datetime().nullable(),
    timeline: z.array(TimelineEntryView),
    actions: z.array(OrderAction),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('Order');
export type OrderView = z.infer<typeof OrderView>;

/** An order in a list. Sellers see the receiver's name and a masked phone. */
export const OrderCard = z
  .object({
    id: z.string(),
    orderNo: z.string(),
    status: OrderStatus,
    shop: z.object({ id: z.string(), name: z.string() }),
    /** The first line's title and cover, and how many lines and packs in all. */
    title: z.string(),
    cover: PhotoView.nullable(),
    lineCount: z.number().int(),
    packCount: z.number().int(),
    totalFen: z.number().int(),
    weightGrams: z.number().int(),
    receiver: z.object({ name: z.string(), phoneMasked: z.string(), province: z.string() }),
    /** How the buyer pays: the list offers WeChat Pay ("去支付") only on unpaid 'wechat' orders. */
    paymentMethod: PaymentMethod,
    expiresAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi('OrderCard');
export type OrderCard = z.infer<typeof OrderCard>;

export const OrderCounts = z.object({
  awaiting_payment: z.number().int(),
  paid: z.number().int(),
  shipped: z.number().int(),
  completed: z.number().int(),
  cancelled: z.number().int(),
});
export type OrderCounts = z.infer<typeof OrderCounts>;

export const OrderPage = pageOf(OrderCard).extend({ counts: OrderCounts }).openapi('OrderPage');
export type OrderPage = z.infer<typeof OrderPage>;

/** The buyer's orders; all statuses when `status` is absent. */
export const MyOrdersQuery = Paging.extend({ status: OrderStatus.optional() }).strict();

/** A shop's orders: by tab, by one buyer, or found by order number, name or phone. */
export const ShopOrdersQuery = Paging.extend({
  status: OrderStatus.optional(),
  customerId: objectId('customer').optional(),
  q: z.string().trim().min(1).max(30).optional(),
  /** Only orders whose buyer's refund request waits for an answer. */
  refundRequest: z.literal('open').optional(),
}).strict();

export const CancelOrderRequest = z.object({ reason: z.string().trim().min(1).max(CANCEL_REASON_MAX) }).strict().openapi('CancelOrderRequest');
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;

export const ParcelInput = z
  .object({
    courierCode: z.enum(COURIER_CODES),
    /** Letters and digits, as printed on the waybill (scanned or typed). */
    trackingNo: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{6,40}$/, 'must be 6 to 40 letters or digits').max(TRACKING_NO_MAX),
  })
  .strict();
export type ParcelInput = z.input<typeof ParcelInput>;

/** Ship a paid order (one or more parcels), or add parcels to a shipped one. */
export const ShipOrderRequest = z
  .object({
    parcels: z
      .array(ParcelInput)
      .min(1)
      .max(PARCELS_MAX)
      .refine((ps) => new Set(ps.map((p) => `${p.courierCode}:${p.trackingNo.toUpperCase()}`)).size === ps.length, 'must not list a parcel twice'),
    /**
     * Shipping only: what was really packed, per line, when it differs from what was ordered
     * (produce is weighed by hand). A short line is refunded in proportion (多退少补).
     */
    packedWeights: z
      .array(PackedWeightInput)
      .max(ORDER_LINES_MAX)
      .refine((ws) => new Set(ws.map((w) => w.variantId)).size === ws.length, 'must list each variant once')
      .optional(),
  })
  .strict()
  .openapi('ShipOrderRequest');
export type ShipOrderRequest = z.input<typeof ShipOrderRequest>;

export const SellerNoteRequest = z.object({ sellerNote: z.string().trim().max(SELLER_NOTE_MAX) }).strict().openapi('SellerNoteRequest');
export type SellerNoteRequest = z.infer<typeof SellerNoteRequest>;

/** The seller's home screen. "Today" is the day in China (UTC+8). */
export const SellerDashboardView = z
  .object({
    today: z.object({ orders: z.number().int(), revenueFen: z.number().int(), date: z.string() }),
    counts: OrderCounts,
    /** Buyers' refund requests waiting for the seller's answer. */
    openRefundRequests: z.number().int(),
    lowStock: z.array(z.object({ productId: z.string(), title: z.string(), available: z.number().int() })),
  })
  .openapi('SellerDashboard');
export type SellerDashboardView = z.infer<typeof SellerDashboardView>;

// ---------------------------------------------------------------------------------------------
// The shop's buyers.

export const CustomerCard = z
  .object({
    id: z.string(),
    name: z.string(),
    phoneMasked: z.string(),
    province: z.string(),
    orderCount: z.number().int(),
    paidFen: z.number().int(),
    tags: z.array(z.string()),
    firstOrderAt: z.string().datetime(),
    lastOrderAt: z.string().datetime(),
  })
  .openapi('CustomerCard');
export type CustomerCard = z.infer<typeof CustomerCard>;

export const CustomerView = CustomerCard.extend({
  nickname: z.string(),
  note: z.string(),
  /** Addresses this buyer has used with the shop (phones masked), newest first. */
  addresses: z.array(z.object({ name: z.string(), phoneMasked: z.string(), region: RegionPath, detail: z.string() })),
  /** Bumped by each change of note or tags. */
  version: z.number().int(),
}).openapi('Customer');
export type CustomerView = z.infer<typeof CustomerView>;

export const CustomerQuery = Paging.extend({
  /** Part of a name, the last four digits of a phone, or a whole phone. */
  q: z.string().trim().min(1).max(20).optional(),
  tag: z.string().trim().min(1).max(CUSTOMER_TAG_MAX).optional(),
}).strict();
export const CustomerPage = pageOf(CustomerCard).openapi('CustomerPage');
export type CustomerPage = z.infer<typeof CustomerPage>;

export const UpdateCustomerRequest = z
  .object({
    note: z.string().trim().max(CUSTOMER_NOTE_MAX).optional(),
    tags: z
      .array(z.string().trim().min(1).max(CUSTOMER_TAG_MAX))
      .max(CUSTOMER_TAGS_MAX)
      .refine((t) => new Set(t).size === t.length, 'must not repeat a tag')
      .optional(),
    version: z.number().int().min(0),
  })
  .strict()
  .openapi('UpdateCustomerRequest');
export type UpdateCustomerRequest = z.input<typeof UpdateCustomerRequest>;

// ---------------------------------------------------------------------------------------------
// Subscription messages: which messages a person may be sent, and the credits their taps gave.

/** The messages CunShop sends; each maps to a template id in the server's configuration. */
export const SubscribeTopic = z.enum(['order_paid', 'order_shipped', 'new_order']);
export type SubscribeTopic = z.infer<typeof SubscribeTopic>;

/** In client-config: the template ids to ask for, by topic (null when not configured). */
export const SubscribeTemplates = z.object({ order_paid: z.string().nullable(), order_shipped: z.string().nullable(), new_order: z.string().nullable() });
export type SubscribeTemplates = z.infer<typeof SubscribeTemplates>;

/**
 * What wx.requestSubscribeMessage answered, passed on as it came: template id → accept, reject,
 * ban or filter. Each accept is one message the server may send.
 */
export const SubscribeResultRequest = z
  .object({ results: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.enum(['accept', 'reject', 'ban', 'filter'])) })
  .strict()
  .openapi('SubscribeResultRequest');
export type SubscribeResultRequest = z.infer<typeof SubscribeResultRequest>;

export const SubscriptionCreditsView = z
  .object({ credits: z.object({ order_paid: z.number().int(), order_shipped: z.number().int(), new_order: z.number().int() }) })
  .openapi('SubscriptionCredits');
export type SubscriptionCreditsView = z.infer<typeof SubscriptionCreditsView>;
