// The pick list: the orders to pack and ship, one row per order (items joined in one cell, with
// the parcel's weight), oldest first, as a CSV for Excel or a courier's bulk-waybill import. It
// carries full phones because waybills need them; only the shop's owner and operators get it.
import type { OrderRecord } from '../models/order';
import type { Services } from '../services';
import type { Actor } from '../policies/shops';
import { shopToInspect } from './shops';
import { formatChinaDateTime, chinaDayOf } from './china-time';
import { toCsv, type CsvCell } from '../http/csv';
import { gramsToKg } from './units-text';

/** A day's packing is hundreds of orders; past this many the seller ships some first. */
export const PICK_LIST_MAX_ORDERS = 5000;

export const PICK_LIST_HEADER = ['订单号', '下单时间', '收货人', '手机', '省', '市', '区县', '详细地址', '商品', '件数', '重量(kg)', '买家留言', '卖家备注'];


/** "沁州黄小米 2.5kg 袋装×2; 黄豆 1kg×1". */
export const itemsText = (order: Pick<OrderRecord, 'lines'>) => order.lines.map((l) => `${l.title} ${l.variantName}×${l.quantity}`).join('; ');

function row(o: OrderRecord): CsvCell[] {
  return [
    o.orderNo,
    formatChinaDateTime(o.createdAt),
    o.address.name,
    o.address.phone,
    o.address.region.province.name,
    o.address.region.city.name,
    o.address.region.county.name,
    o.address.detail,
    itemsText(o),
    o.lines.reduce((n, l) => n + l.quantity, 0),
    gramsToKg(o.weightGrams),
    o.buyerNote,
    o.sellerNote ?? '',
  ];
}

export async function pickList(services: Services, actor: Actor, shopId: string, status: 'paid' | 'shipped') {
  const shop = await shopToInspect(services, actor, shopId);
  const orders = await services.models.Order.find({ shopId: shop._id, status })
    .sort({ createdAt: 1, _id: 1 })
    .limit(PICK_LIST_MAX_ORDERS)
    .lean<OrderRecord[]>();
  const date = chinaDayOf(services.now()).date.replace(/-/g, '');
  return {
    csv: toCsv([PICK_LIST_HEADER, ...orders.map(row)]),
    filename: `${shop.name}-${status === 'paid' ? '待发货' : '已发货'}-${date}.csv`,
    asciiFilename: `pick-list-${status}-${date}.csv`,
  };
}
