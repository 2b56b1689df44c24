// The demo shop's first orders, so a newcomer logging in as the test seller finds the order pages
// alive: one waiting for the buyer's transfer, one paid and waiting to ship, one on its way. They
// belong to the simulator's "buyer" test identity and go through the same domain operations as
// real orders (prices, shipping, stock holds, the buyer record), never around them.
import type { Types } from 'mongoose';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import { openidForIdentity } from '../wechat/simulator/state';
import { placeOrder } from '../domain/checkout';
import { confirmDirectPayment, shipOrder } from '../domain/order-transitions';

export const DEMO_BUYER_OPENID = openidForIdentity('buyer');

interface DemoOrder {
  /** Which product (by a word of its title) and which pack, how many. */
  lines: { titleHas: string; variant: number; quantity: number }[];
  address: { name: string; phone: string; regionCode: string; detail: string };
  buyerNote: string;
  /** How far it has got. */
  stage: 'awaiting_payment' | 'paid' | 'shipped';
}

const ORDERS: DemoOrder[] = [
  {
    lines: [{ titleHas: '小米', variant: 1, quantity: 1 }, { titleHas: '核桃', variant: 0, quantity: 1 }],
    address: { name: '张桂兰', phone: '13911112222', regionCode: '310104', detail: '漕河泾街道 田林路 140 弄 6 号 502 室' },
    buyerNote: '家里有老人，麻烦打电话再送',
    stage: 'shipped',
  },
  {
    lines: [{ titleHas: '小米', variant: 0, quantity: 2 }, { titleHas: '红小豆', variant: 0, quantity: 1 }],
    address: { name: '李秀英', phone: '13912345678', regionCode: '110105', detail: '望京街道 阜通东大街 6 号院 3 号楼 1 单元 1201' },
    buyerNote: '',
    stage: 'paid',
  },
  {
    lines: [{ titleHas: '木耳', variant: 0, quantity: 2 }],
    address: { name: '王建国', phone: '13700001111', regionCode: '440106', detail: '天河南街道 体育东路 112 号' },
    buyerNote: '周末在家',
    stage: 'awaiting_payment',
  },
];

/** Places the demo orders for the shop; returns how many. */
export async function placeDemoOrders(services: Services, shopId: Types.ObjectId, seller: UserDoc): Promise<number> {
  const { User, Product } = services.models;
  const buyer = await User.findOneAndUpdate(
    { openid: DEMO_BUYER_OPENID },
    { $setOnInsert: { openid: DEMO_BUYER_OPENID, nickname: '北京的李阿姨', lastLoginAt: services.now() }, $addToSet: { roles: 'buyer' } },
    { upsert: true, new: true },
  );
  if (!buyer) throw new Error('demo: no buyer');
  const products = await Product.find({ shopId, status: 'on_sale' }, { title: 1, variants: 1 }).lean();
  const pick = (titleHas: string, variant: number) => {
    const product = products.find((p) => p.title.includes(titleHas));
    if (!product?.variants[variant]) throw new Error(`demo: no product "${titleHas}" with pack ${variant}`);
    return { productId: String(product._id), variantId: String(product.variants[variant]._id) };
  };

  for (const demo of ORDERS) {
    const { order } = await placeOrder(
      services,
      buyer,
      {
        shopId: String(shopId),
        lines: demo.lines.map((l) => ({ ...pick(l.titleHas, l.variant), quantity: l.quantity })),
        address: demo.address,
        buyerNote: demo.buyerNote,
        paymentMethod: 'direct',
        saveAddress: demo === ORDERS[1],
      },
      null,
    );
    if (demo.stage === 'awaiting_payment') continue;
    await confirmDirectPayment(services, seller, String(order._id));
    if (demo.stage === 'shipped') {
      await shipOrder(services, seller, String(order._id), { parcels: [{ courierCode: 'YUNDA', trackingNo: '4312345678901' }] });
    }
  }
  return ORDERS.length;
}
