// Orders as records, for the tests of what surrounds orders (customers, dashboard, pick list,
// messages): inserted with the model in exactly the state a test needs, times included, without
// going through checkout each time (the orders tests cover checkout itself).
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { Harness } from './harness';
import type { Order, OrderLine, OrderRecord } from '../../server/src/models/order';
import { regionPath } from '../../server/src/domain/regions';
import { COUNTY } from './catalog-fixtures';


/** One line of an order: `quantity` packs of `grams` each at `priceFen`. */
export const orderLine = (title: string, variantName: string, quantity: number, grams = 2500, priceFen = 3800): OrderLine => ({
  productId: new Types.ObjectId(),
  variantId: new Types.ObjectId(),
  title,
  variantName,
  priceFen,
  netWeightGrams: grams,
  quantity,
  lineFen: priceFen * quantity,
  coverPhotoId: null,
  holdKey: `h${randomInt(1e9)}`,
  packedGrams: null,
});

export interface OrderFixture extends Partial<Omit<Order, 'address' | 'shopId' | 'buyerId'>> {
  shopId: Types.ObjectId | string;
  buyerId: Types.ObjectId | string;
  address?: { name?: string; phone?: string; regionCode?: string; detail?: string };
}

/** What a test says about an order besides whose it is. */
export type OrderDetails = Omit<OrderFixture, 'shopId' | 'buyerId'>;

export async function insertOrder(h: Harness, f: OrderFixture): Promise<OrderRecord> {
  const createdAt = f.createdAt ?? new Date();
  const lines = f.lines ?? [orderLine('沁州黄小米', '2.5kg', 2)];
  const subtotalFen = lines.reduce((n, l) => n + l.lineFen, 0);
  const status = f.status ?? 'paid';
  const { address, shopId, buyerId, ...rest } = f;
  const region = regionPath(address?.regionCode ?? COUNTY);
  if (!region) throw new Error('bad region in fixture');
  const doc = {
    orderNo: `${createdAt.toISOString().slice(0, 10).replace(/-/g, '')}-${String(randomInt(1e7)).padStart(7, '0')}`,
    customerId: null,
    lines,
    subtotalFen,
    shippingFen: 1000,
    totalFen: subtotalFen + 1000,
    weightGrams: lines.reduce((n, l) => n + l.netWeightGrams * l.quantity, 0) + 200,
    packagingGrams: 200,
    buyerNote: '',
    sellerNote: null,
    paymentMethod: 'direct' as const,
    paidAt: status === 'awaiting_payment' || status === 'placing' ? null : createdAt,
    paidFen: status === 'awaiting_payment' || status === 'placing' ? 0 : subtotalFen + 1000,
    refundableFen: status === 'awaiting_payment' || status === 'placing' ? 0 : subtotalFen + 1000,
    parcels: [],
    shippedAt: null,
    completedAt: null,
    cancelled: null,
    expiresAt: null,
    autoCompleteAt: null,
    stock: 'held' as const,
    placeKey: null,
    timeline: [],
    notified: [],
    updatedAt: createdAt,
    ...rest,
    status,
    createdAt,
    shopId: new Types.ObjectId(String(shopId)),
    buyerId: new Types.ObjectId(String(buyerId)),
    address: {
      name: address?.name ?? '张三',
      phone: address?.phone ?? '13912345678',
      region,
      detail: address?.detail ?? '次村 12 号',
    },
  };
  const [created] = await h.boot.services.models.Order.create([doc], { timestamps: false });
  return created.toObject() as OrderRecord;
}
