// The simulator's upload_shipping_info (发货信息录入, POST /wxa/sec/order/upload_shipping_info):
// WeChat holds a mini-program's payment until its shipping is uploaded. Checked as WeChat's
// documentation lists (errcodes 10060001…, 268485194…), against the simulated WeChat Pay's
// transactions; what it accepts is kept for /dev/shipping-info.
import type Koa from 'koa';
import type Router from '@koa/router';
import { COURIER_CODES } from '../../../../contract/couriers';
import { readJson } from '../../http/body';
import { checkAccessToken } from './index';
import type { SimulatorState } from './state';
import type { PayState, SimPayOrder } from './pay-state';

/** WeChat's errcodes for this API (its documentation's table), by what they mean. */
export const SHIPPING_ERR = {
  ORDER_NOT_EXIST: 10060001, // 支付单不存在
  RESHIP_USED: 10060003, // 支付单已使用重新发货机会
  NOT_SHIPPABLE: 10060004, // 支付单处于不可发货的状态
  BAD_LOGISTICS_TYPE: 10060005, // 物流类型有误
  SPLIT_NOT_EXPRESS: 10060006, // 非快递发货时不允许分拆发货
  SPLIT_NEEDS_ALL_DELIVERED: 10060007, // 分拆发货模式下必须填写 is_all_delivered
  ITEM_DESC_EMPTY: 10060008, // 商品描述 item_desc 字段不能为空
  ITEM_DESC_TOO_LONG: 10060009, // 商品描述 item_desc 字段太长
  PARAM_ERROR: 10060014, // 参数错误
  NOT_UPDATED: 10060023, // 发货信息未更新
  LIST_TOO_LONG: 10060024, // 物流信息列表太长（不可大于 15）
  COMPANY_TOO_LONG: 10060025, // 物流公司编码太长
  TRACKING_TOO_LONG: 10060026, // 物流单号太长
  NOT_PAYER: 10060031, // 该笔支付单不属于 openid 所指定的用户
  BAD_NUMBER_TYPE: 268485194, // 订单单号类型非法
  NEEDS_TRANSACTION_ID: 268485195, // 微信支付单号形式下 transaction_id 字段不能为空
  NEEDS_MCHID: 268485196, // 商户侧单号形式下 mchid 字段不能为空
  NEEDS_OUT_TRADE_NO: 268485197, // 商户侧单号形式下 out_trade_no 字段不能为空
  BAD_UPLOAD_TIME: 268485216, // 上传时间非法，请按照 RFC 3339 格式填写
  BAD_DELIVERY_MODE: 268485224, // 发货模式非法
  NEEDS_TRACKING_NO: 268485226, // 物流单号不能为空
  NEEDS_COMPANY: 268485227, // 物流公司编码不能为空
  UNIFIED_NEEDS_ONE: 268485228, // 统一发货模式下，物流信息列表长度必须为 1
} as const;

const LIST_MAX = 15;
const ITEM_DESC_MAX = 120;
const FIELD_BYTES_MAX = 128;
const LOGISTICS_EXPRESS = 1;
const DELIVERY_UNIFIED = 1;
const DELIVERY_SPLIT = 2;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Masked as WeChat asks: some digits replaced by *, the last four left (189****1234). */
const MASKED_CONTACT = /^[\d*+-]*\*[\d*+-]*\d{4}$/;
const knownCouriers = new Set<string>(COURIER_CODES);

export interface ShippingUpload {
  at: string;
  transactionId: string;
  outTradeNo: string;
  mchid: string;
  subMchid: string | null;
  request: Record<string, unknown>;
}

interface ShippingRecord {
  uploads: number;
  allDelivered: boolean;
  /** The one re-shipment WeChat allows after everything was shipped has been used. */
  reshipped: boolean;
  lastUploadTime: number;
  lastContent: string;
}

/** What WeChat's order shipping service knows, per transaction, and an errcode for the next upload (tests). */
export class ShippingState {
  readonly uploads: ShippingUpload[] = [];
  readonly records = new Map<string, ShippingRecord>();
  failNext: number | null = null;
}

const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: sim` });
type Problem = ReturnType<typeof err>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The order the key names: by transaction_id, or by the ordering merchant's mchid and out_trade_no. */
function findOrder(pay: PayState, key: Record<string, unknown>): SimPayOrder | Problem {
  const type = key.order_number_type;
  if (type === 2) {
    if (typeof key.transaction_id !== 'string' || !key.transaction_id) return err(SHIPPING_ERR.NEEDS_TRANSACTION_ID, '微信支付单号形式下 transaction_id 字段不能为空');
    return pay.findByTransactionId(key.transaction_id) ?? err(SHIPPING_ERR.ORDER_NOT_EXIST, '支付单不存在');
  }
  if (type !== 1) return err(SHIPPING_ERR.BAD_NUMBER_TYPE, '订单单号类型非法');
  if (typeof key.mchid !== 'string' || !key.mchid) return err(SHIPPING_ERR.NEEDS_MCHID, '商户侧单号形式下 mchid 字段不能为空');
  if (typeof key.out_trade_no !== 'string' || !key.out_trade_no) return err(SHIPPING_ERR.NEEDS_OUT_TRADE_NO, '商户侧单号形式下 out_trade_no 字段不能为空');
  // Partner mode: the ordering merchant is the sub-merchant; the service provider's id is accepted when it names one order.
  const matches = [...pay.orders.values()].filter(
    (o) => o.outTradeNo === key.out_trade_no && (o.subMchid === key.mchid || o.mchid === key.mchid),
  );
  return matches.length === 1 ? matches[0] : err(SHIPPING_ERR.ORDER_NOT_EXIST, '支付单不存在');
}

/** Why WeChat would refuse the shipping list, or null. */
function listProblem(logisticsType: number, deliveryMode: number, list: unknown): Problem | null {
  if (!Array.isArray(list) || list.length === 0) return err(SHIPPING_ERR.PARAM_ERROR, '参数错误 shipping_list 不能为空');
  if (list.length > LIST_MAX) return err(SHIPPING_ERR.LIST_TOO_LONG, '物流信息列表太长');
  if (deliveryMode === DELIVERY_UNIFIED && list.length !== 1) return err(SHIPPING_ERR.UNIFIED_NEEDS_ONE, '统一发货模式下，物流信息列表长度必须为 1');
  for (const item of list) {
    if (!isObject(item)) return err(SHIPPING_ERR.PARAM_ERROR, '参数错误 shipping_list');
    if (typeof item.item_desc !== 'string' || !item.item_desc.trim()) return err(SHIPPING_ERR.ITEM_DESC_EMPTY, '商品描述 item_desc 字段不能为空');
    if ([...item.item_desc].length > ITEM_DESC_MAX) return err(SHIPPING_ERR.ITEM_DESC_TOO_LONG, '商品描述 item_desc 字段太长');
    if (logisticsType !== LOGISTICS_EXPRESS) continue;
    if (typeof item.tracking_no !== 'string' || !item.tracking_no) return err(SHIPPING_ERR.NEEDS_TRACKING_NO, '物流单号不能为空');
    if (bytes(item.tracking_no) > FIELD_BYTES_MAX) return err(SHIPPING_ERR.TRACKING_TOO_LONG, '物流单号太长');
    if (typeof item.express_company !== 'string' || !item.express_company) return err(SHIPPING_ERR.NEEDS_COMPANY, '物流公司编码不能为空');
    if (bytes(item.express_company) > FIELD_BYTES_MAX) return err(SHIPPING_ERR.COMPANY_TOO_LONG, '物流公司编码太长');
    if (!knownCouriers.has(item.express_company)) return err(SHIPPING_ERR.PARAM_ERROR, `参数错误 express_company ${item.express_company} 不在运力 id 列表中`);
    const contact = isObject(item.contact) ? item.contact : {};
    for (const field of ['consignor_contact', 'receiver_contact'] as const) {
      const v = contact[field];
      if (v !== undefined && (typeof v !== 'string' || !MASKED_CONTACT.test(v))) return err(SHIPPING_ERR.PARAM_ERROR, `参数错误 ${field} 须掩码传输，最后4位数字不能打掩码`);
    }
    // SF Express needs a contact: the receiver's or the sender's, either will do.
    if (item.express_company === 'SF' && !contact.receiver_contact && !contact.consignor_contact) {
      return err(SHIPPING_ERR.PARAM_ERROR, '参数错误 顺丰快递须填写 contact.receiver_contact 或 contact.consignor_contact');
    }
  }
  return null;
}

function upload(pay: PayState, shipping: ShippingState, b: Record<string, unknown>): Problem {
  if (!isObject(b.order_key)) return err(SHIPPING_ERR.BAD_NUMBER_TYPE, '订单单号类型非法');
  const logisticsType = b.logistics_type;
  if (typeof logisticsType !== 'number' || ![1, 2, 3, 4].includes(logisticsType)) return err(SHIPPING_ERR.BAD_LOGISTICS_TYPE, '物流类型有误');
  const mode = b.delivery_mode;
  if (mode !== DELIVERY_UNIFIED && mode !== DELIVERY_SPLIT) return err(SHIPPING_ERR.BAD_DELIVERY_MODE, '发货模式非法');
  if (mode === DELIVERY_SPLIT && logisticsType !== LOGISTICS_EXPRESS) return err(SHIPPING_ERR.SPLIT_NOT_EXPRESS, '非快递发货时不允许分拆发货');
  if (mode === DELIVERY_SPLIT && typeof b.is_all_delivered !== 'boolean') return err(SHIPPING_ERR.SPLIT_NEEDS_ALL_DELIVERED, '分拆发货模式下必须填写 is_all_delivered 字段');
  const listIssue = listProblem(logisticsType, mode, b.shipping_list);
  if (listIssue) return listIssue;
  if (typeof b.upload_time !== 'string' || !RFC3339.test(b.upload_time) || Number.isNaN(Date.parse(b.upload_time))) {
    return err(SHIPPING_ERR.BAD_UPLOAD_TIME, '上传时间非法，请按照 RFC 3339 格式填写');
  }
  const openid = isObject(b.payer) ? b.payer.openid : undefined;
  if (typeof openid !== 'string' || !openid || bytes(openid) > FIELD_BYTES_MAX) return err(SHIPPING_ERR.PARAM_ERROR, '参数错误 payer.openid 不能为空');

  const found = findOrder(pay, b.order_key);
  if ('errcode' in found) return found;
  // An unpaid prepay is not a payment (支付单) at all.
  if (found.state !== 'SUCCESS' || !found.transactionId) return err(SHIPPING_ERR.ORDER_NOT_EXIST, '支付单不存在');
  if (found.openid !== openid) return err(SHIPPING_ERR.NOT_PAYER, '该笔支付单不属于 openid 所指定的用户');
  // Refunded in full: nothing is left to ship.
  if (pay.refundedFen(found) >= found.totalFen) return err(SHIPPING_ERR.NOT_SHIPPABLE, '支付单处于不可发货的状态');
  if (shipping.failNext !== null) {
    const errcode = shipping.failNext;
    shipping.failNext = null;
    return err(errcode, 'simulated failure');
  }

  const uploadTime = Date.parse(b.upload_time);
  const content = JSON.stringify([logisticsType, mode, b.shipping_list, b.is_all_delivered ?? null]);
  const record = shipping.records.get(found.transactionId);
  if (record) {
    if (record.lastContent === content) return err(SHIPPING_ERR.NOT_UPDATED, '发货信息未更新');
    if (record.allDelivered && record.reshipped) return err(SHIPPING_ERR.RESHIP_USED, '支付单已使用重新发货机会');
    if (uploadTime <= record.lastUploadTime) return err(SHIPPING_ERR.PARAM_ERROR, '参数错误 upload_time 须晚于上一次上传');
    if (record.allDelivered) record.reshipped = true;
  }
  const next: ShippingRecord = record ?? { uploads: 0, allDelivered: false, reshipped: false, lastUploadTime: 0, lastContent: '' };
  next.uploads += 1;
  next.allDelivered = next.allDelivered || mode === DELIVERY_UNIFIED || b.is_all_delivered === true;
  next.lastUploadTime = uploadTime;
  next.lastContent = content;
  shipping.records.set(found.transactionId, next);
  shipping.uploads.push({
    at: new Date(pay.now()).toISOString(),
    transactionId: found.transactionId,
    outTradeNo: found.outTradeNo,
    mchid: found.mchid,
    subMchid: found.subMchid,
    request: b,
  });
  return { errcode: 0, errmsg: 'ok' };
}

async function readObject(ctx: Koa.Context): Promise<Record<string, unknown> | null> {
  const read = await readJson(ctx.req, 64 * 1024);
  const body = 'value' in read ? read.value : undefined;
  return isObject(body) ? body : null;
}

export function registerShippingInfo(router: Router, state: SimulatorState, pay: PayState, shipping: ShippingState): void {
  router.post('/wxa/sec/order/upload_shipping_info', async (ctx) => {
    const denied = checkAccessToken(state, typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (denied) return void (ctx.body = denied);
    const b = await readObject(ctx);
    ctx.body = b ? upload(pay, shipping, b) : err(47001, 'data format error');
  });

  /** Every upload WeChat accepted, oldest first. */
  router.get('/dev/shipping-info', (ctx) => {
    ctx.body = { items: shipping.uploads };
  });

  /** Simulator control: answer the next (otherwise valid) upload with this errcode (retry tests). */
  router.post('/dev/shipping-info-fail-next', async (ctx) => {
    const errcode = (await readObject(ctx))?.errcode;
    if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
      ctx.status = 400;
      ctx.body = { error: { code: 'VALIDATION_FAILED', message: 'errcode must be an integer' } };
      return;
    }
    shipping.failNext = errcode;
    ctx.status = 204;
  });
}
