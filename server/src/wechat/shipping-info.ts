// WeChat's shipping-info upload for mini-program payments (POST /wxa/sec/order/upload_shipping_info):
// since 2023 WeChat holds a mini-program's payment until it is told how the goods left. WeChat's
// field names stay here at the edge; refusals throw WeChatApiError with WeChat's errcode.
import type { WeChatClient } from './client';
import { beijingTime, cutText } from './pay/time';

export interface ShippingParcel {
  /** WeChat's delivery id of the courier (contract/couriers.ts codes are those ids). */
  courierCode: string;
  trackingNo: string;
  /** The receiver's phone, masked (e.g. 138****0000): WeChat requires a contact for SF. */
  receiverPhoneMasked: string;
}

export interface ShippingInfoUpload {
  /** The WeChat Pay transaction the goods were paid with. */
  transactionId: string;
  /** Who paid (openid; sp_openid in partner mode, which is the mini-program's openid). */
  payerOpenid: string;
  parcels: ShippingParcel[];
  /** What was shipped, in words the buyer recognises (at most 120 characters are sent). */
  itemDesc: string;
  uploadedAt: Date;
  /** With several parcels: whether these are all of them. */
  allDelivered: boolean;
}

/** WeChat's limits: one parcel list of at most 15, item_desc at most 120 characters. */
export const SHIPPING_PARCELS_MAX = 15;
const ITEM_DESC_MAX = 120;

/** WeChat's codes for the request's fields. */
const ORDER_BY_TRANSACTION_ID = 2;
const LOGISTICS_EXPRESS = 1;
const DELIVERY_UNIFIED = 1;
const DELIVERY_SPLIT = 2;

interface UploadResponse {
  errcode?: number;
  errmsg?: string;
}

/** Uploads how an order's goods left (by express); throws WeChatApiError on WeChat's refusal. */
export async function uploadShippingInfo(client: WeChatClient, i: ShippingInfoUpload): Promise<void> {
  if (i.parcels.length === 0 || i.parcels.length > SHIPPING_PARCELS_MAX) {
    throw new Error(`uploadShippingInfo: 1 to ${SHIPPING_PARCELS_MAX} parcels, not ${i.parcels.length}`);
  }
  const split = i.parcels.length > 1;
  const itemDesc = cutText(i.itemDesc, ITEM_DESC_MAX);
  await client.accessToken.withToken((token) =>
    client.http.call<UploadResponse>('/wxa/sec/order/upload_shipping_info', {
      method: 'POST',
      query: { access_token: token },
      body: {
        order_key: { order_number_type: ORDER_BY_TRANSACTION_ID, transaction_id: i.transactionId },
        logistics_type: LOGISTICS_EXPRESS,
        delivery_mode: split ? DELIVERY_SPLIT : DELIVERY_UNIFIED,
        ...(split ? { is_all_delivered: i.allDelivered } : {}),
        shipping_list: i.parcels.map((p) => ({
          tracking_no: p.trackingNo,
          express_company: p.courierCode,
          item_desc: itemDesc,
          contact: { receiver_contact: p.receiverPhoneMasked },
        })),
        upload_time: beijingTime(i.uploadedAt),
        payer: { openid: i.payerOpenid },
      },
    }),
  );
}
