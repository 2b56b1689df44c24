// Payments and refunds: WeChat Pay's parameters for wx.requestPayment, what an order shows of its
// payment and refunds, the buyer's refund request and the seller's answer, the seller's own
// refunds, and a shop's payment settings (its WeChat Pay sub-merchant under a service provider).
import { z } from './openapi';
import { REFUND_REASON_MAX } from './limits';
import { Paging, pageOf } from './shops';

// ---------------------------------------------------------------------------------------------
// Paying.

/**
 * Exactly what wx.requestPayment takes (WeChat's names), signed by the server: the client passes
 * it on unchanged. Its "success" is only the phone's word: the order is paid when the server
 * has WeChat Pay's verified notification or its answer to a query.
 */
export const PaymentParams = z
  .object({
    appId: z.string(),
    timeStamp: z.string(),
    nonceStr: z.string(),
    /** "prepay_id=…" */
    package: z.string(),
    signType: z.literal('RSA'),
    paySign: z.string(),
  })
  .openapi('PaymentParams');
export type PaymentParams = z.infer<typeof PaymentParams>;

/** POST /orders/:id/pay answers the parameters, and the amount they are for (fen). */
export const PayOrderResponse = z
  .object({ params: PaymentParams, amountFen: z.number().int(), expiresAt: z.string().datetime() })
  .openapi('PayOrderResponse');
export type PayOrderResponse = z.infer<typeof PayOrderResponse>;

/** The order's payment as the buyer and seller see it. */
export const PaymentState = z.enum(['none', 'pending', 'paid', 'closed']);
export type PaymentState = z.infer<typeof PaymentState>;

// ---------------------------------------------------------------------------------------------
// Refunds.

/**
 * Why money went back: the seller cancelled a paid order; the buyer asked and the seller agreed;
 * the seller refunded part of their own accord; the packed weight was short (多退少补); a payment
 * arrived after the order was already cancelled.
 */
export const RefundKind = z.enum(['cancel', 'requested', 'seller', 'weight', 'late_payment']);
export type RefundKind = z.infer<typeof RefundKind>;

/**
 * pending: asked of WeChat Pay (or about to be); success: the money is back; abnormal: WeChat
 * could not return it (a closed card…) and the seller must settle it by hand; closed: it did not
 * happen, and the amount may be refunded again.
 */
export const RefundStatus = z.enum(['pending', 'success', 'abnormal', 'closed']);
export type RefundStatus = z.infer<typeof RefundStatus>;

/** wechat: through WeChat Pay, back to where the money came from; offline: the seller paid it back themselves. */
export const RefundChannel = z.enum(['wechat', 'offline']);
export type RefundChannel = z.infer<typeof RefundChannel>;

export const RefundView = z
  .object({
    /** Our refund number (WeChat's out_refund_no). */
    refundNo: z.string(),
    amountFen: z.number().int(),
    kind: RefundKind,
    reason: z.string(),
    status: RefundStatus,
    channel: RefundChannel,
    createdAt: z.string().datetime(),
    /** When it succeeded, was found abnormal, or closed. */
    settledAt: z.string().datetime().nullable(),
  })
  .openapi('Refund');
export type RefundView = z.infer<typeof RefundView>;

export const RefundRequestStatus = z.enum(['open', 'approved', 'declined']);
export type RefundRequestStatus = z.infer<typeof RefundRequestStatus>;

/** A buyer's request for money back, and the seller's answer. */
export const RefundRequestView = z
  .object({
    amountFen: z.number().int(),
    reason: z.string(),
    status: RefundRequestStatus,
    at: z.string().datetime(),
    /** The seller's reason when declining. */
    answer: z.string().nullable(),
    answeredAt: z.string().datetime().nullable(),
  })
  .openapi('RefundRequest');
export type RefundRequestView = z.infer<typeof RefundRequestView>;

/** What an order shows of its money: paid, refunded, and what may still be refunded. */
export const OrderMoneyView = z.object({
  payment: PaymentState,
  /** What WeChat Pay (or the seller, for a direct payment) received; 0 until paid. */
  paidFen: z.number().int(),
  /** Refunded or being refunded (pending, success, abnormal). */
  refundedFen: z.number().int(),
  /** Paid less refunded: the most any further refund may be. */
  refundableFen: z.number().int(),
  refunds: z.array(RefundView),
  refundRequest: RefundRequestView.nullable(),
  /** WeChat's transaction id once paid through WeChat Pay (for the seller's reconciliation). */
  transactionId: z.string().nullable(),
});
export type OrderMoneyView = z.infer<typeof OrderMoneyView>;

const amountFen = z.number().int().min(1).max(100_000_000);
const reason = z.string().trim().min(1).max(REFUND_REASON_MAX);

/** The buyer asks for money back (all or part of what is refundable), with a reason. */
export const RequestRefundRequest = z.object({ amountFen, reason }).strict().openapi('RequestRefundRequest');
export type RequestRefundRequest = z.infer<typeof RequestRefundRequest>;

/** The seller answers the open request: approve refunds the amount asked; decline needs a reason. */
export const AnswerRefundRequest = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve') }).strict(),
    z.object({ decision: z.literal('decline'), reason }).strict(),
  ])
  .openapi('AnswerRefundRequest');
export type AnswerRefundRequest = z.infer<typeof AnswerRefundRequest>;

/** The seller refunds part (or all) of a paid order of their own accord. */
export const SellerRefundRequest = z.object({ amountFen, reason }).strict().openapi('SellerRefundRequest');
export type SellerRefundRequest = z.infer<typeof SellerRefundRequest>;

/**
 * What the seller packed of one line when shipping, in grams of goods (no box). Short of the
 * line's net weight × quantity, the difference is refunded in proportion to the line's price.
 */
export const PackedWeightInput = z
  .object({
    variantId: z.string().regex(/^[a-f0-9]{24}$/, 'must be a variant id'),
    grams: z.number().int().min(0).max(10_000_000),
  })
  .strict();
export type PackedWeightInput = z.infer<typeof PackedWeightInput>;

// ---------------------------------------------------------------------------------------------
// A shop's payment settings.

/**
 * How this CunShop takes WeChat Pay: off (buyers pay sellers directly); direct (one merchant
 * account: the seller running their own CunShop); partner (a service provider, each shop its own
 * sub-merchant, so each buyer's money goes straight to that shop).
 */
export const PaymentMode = z.enum(['off', 'direct', 'partner']);
export type PaymentMode = z.infer<typeof PaymentMode>;

/** A WeChat Pay merchant id: digits only. */
export const SubMchid = z.string().trim().regex(/^\d{8,12}$/, 'must be the 8 to 12 digit WeChat Pay merchant id');

export const PaymentSettingsView = z
  .object({
    mode: PaymentMode,
    /** Whether buyers of this shop pay with WeChat Pay now (else: pay the seller directly). */
    wechatPay: z.boolean(),
    /** Partner mode: the shop's sub-merchant id, null until set. */
    subMchid: z.string().nullable(),
    /** Bumped by each change. */
    version: z.number().int(),
  })
  .openapi('PaymentSettings');
export type PaymentSettingsView = z.infer<typeof PaymentSettingsView>;

export const UpdatePaymentSettingsRequest = z
  .object({ subMchid: SubMchid.nullable(), version: z.number().int().min(0) })
  .strict()
  .openapi('UpdatePaymentSettingsRequest');
export type UpdatePaymentSettingsRequest = z.infer<typeof UpdatePaymentSettingsRequest>;

// ---------------------------------------------------------------------------------------------
// For operators: what WeChat Pay told us that was not applied (money may have moved; a person looks).

export const PaymentIncidentKind = z.enum(['amount_mismatch', 'unknown_order', 'merchant_mismatch', 'refund_unknown']);
export type PaymentIncidentKind = z.infer<typeof PaymentIncidentKind>;

/** Where we heard it: a notification, our query, or WeChat Pay's answer to our request. */
export const PaymentIncidentSource = z.enum(['notification', 'query', 'answer']);
export type PaymentIncidentSource = z.infer<typeof PaymentIncidentSource>;

export const PaymentIncidentView = z
  .object({
    id: z.string(),
    kind: PaymentIncidentKind,
    outTradeNo: z.string(),
    orderId: z.string().nullable(),
    /** The order's number, when the incident names one of ours. */
    orderNo: z.string().nullable(),
    /** WeChat's transaction id; for refund_unknown, the refund's number (out_refund_no). */
    transactionId: z.string().nullable(),
    expectedFen: z.number().int().nullable(),
    reportedFen: z.number().int().nullable(),
    source: PaymentIncidentSource,
    detail: z.string(),
    at: z.string().datetime(),
  })
  .openapi('PaymentIncident');
export type PaymentIncidentView = z.infer<typeof PaymentIncidentView>;

export const PaymentIncidentQuery = Paging.extend({ kind: PaymentIncidentKind.optional() }).strict();
export const PaymentIncidentPage = pageOf(PaymentIncidentView).openapi('PaymentIncidentPage');
export type PaymentIncidentPage = z.infer<typeof PaymentIncidentPage>;

// ---------------------------------------------------------------------------------------------
// The simulator's pay sheet (H5 only): what WeChat's pay sheet shows, and the buyer's choice.

export const SimPaySheetView = z.object({
  prepayId: z.string(),
  amountFen: z.number().int(),
  description: z.string(),
  /** The merchant the money goes to (the sub-merchant in partner mode). */
  mchid: z.string(),
});
export type SimPaySheetView = z.infer<typeof SimPaySheetView>;

/** POST to the pay sheet: what wx.requestPayment was given, and what the person tapped. */
export const SimPayRequest = PaymentParams.extend({
  /** pay: money leaves the buyer and the merchant is notified; cancel: nothing happens. */
  choice: z.enum(['pay', 'cancel']),
  /** Who holds the phone (an openid), when the simulator cannot tell from a bearer token. */
  openid: z.string().optional(),
}).strict();
export type SimPayRequest = z.infer<typeof SimPayRequest>;
