// The demo shop: on an empty database (no shops at all), a county cooperative with six products
// sold by weight and its first three orders (demo/orders.ts), so a newcomer running `npm start`
// sees a living shop at once. It belongs to the
// simulator's "seller" test identity (openid sim_seller_0001): log in as seller to manage it.
// Written through the models directly, valid against their schemas; tests never depend on it.
import type { Types } from 'mongoose';
import type { Services } from '../services';
import type { Category } from '../../../contract/shops';
import { openidForIdentity } from '../wechat/simulator/state';
import { storePhoto } from '../domain/photos';
import { regionPath } from '../domain/regions';
import { drawPicture, packSvg, produceSvg, type Produce } from './pictures';
import { isDuplicateKey } from '../db/errors';
import type { OrderSettings } from '../models/shop';
import { placeDemoOrders } from './orders';

/** 山西省长治市沁县: millet country (沁州黄). */
const COUNTY = '140430';
export const DEMO_SHOP_NAME = '沁县檀山杂粮专业合作社';
export const DEMO_SELLER_OPENID = openidForIdentity('seller');

interface DemoProduct {
  title: string;
  produce: Produce;
  packLabel: string;
  accent: string;
  category: Category;
  village: string;
  harvestDate: string;
  shelfLifeDays: number;
  storageNote: string;
  paragraphs: string[];
  /** Bulk stock in grams, or null for packs counted per variant. */
  bulkStockGrams: number | null;
  variants: { name: string; priceFen: number; netWeightGrams: number; stock?: number }[];
}

const PRODUCTS: DemoProduct[] = [
  {
    title: '沁州黄小米 2026年新米 农家谷子现碾',
    produce: 'millet',
    packLabel: '沁州黄小米',
    accent: '#c0392b',
    category: 'grain',
    village: '檀山村',
    harvestDate: '2026-10-08',
    shelfLifeDays: 365,
    storageNote: '阴凉干燥处密封保存，开袋后尽快食用',
    paragraphs: [
      '檀山村的谷子种在向阳的山坡地上，一年一季，秋天收割后晾晒脱壳，按订单现碾现发。',
      '米粒金黄、颗粒小，熬粥时火候到了会浮起一层米油，老人孩子都爱喝。',
    ],
    bulkStockGrams: 1_000_000,
    variants: [
      { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500 },
      { name: '5kg 礼盒装', priceFen: 7200, netWeightGrams: 5000 },
    ],
  },
  {
    title: '农家黄豆 非转基因 自家地里种的',
    produce: 'soybean',
    packLabel: '农家黄豆',
    accent: '#b7950b',
    category: 'beans',
    village: '南泉村',
    harvestDate: '2026-10-15',
    shelfLifeDays: 365,
    storageNote: '通风干燥处保存，防潮防虫',
    paragraphs: ['颗粒饱满，适合打豆浆、做豆腐、炖猪蹄。', '人工挑拣去掉了坏豆和小石子，到手就能用。'],
    bulkStockGrams: null,
    variants: [
      { name: '1kg 袋装', priceFen: 1280, netWeightGrams: 1000, stock: 120 },
      { name: '2.5kg 袋装', priceFen: 2990, netWeightGrams: 2500, stock: 8 },
    ],
  },
  {
    title: '秋木耳 肉厚无根 泡发率高',
    produce: 'fungus',
    packLabel: '秋木耳',
    accent: '#34495e',
    category: 'fungi',
    village: '郭村',
    harvestDate: '2026-09-25',
    shelfLifeDays: 540,
    storageNote: '密封避光，放在干燥处',
    paragraphs: ['椴木上长的秋耳，朵小肉厚，晒干后剪去根部。', '一两干木耳能泡出一大碗，凉拌、炒肉都好吃。泡发时用凉水，不要超过四小时。'],
    bulkStockGrams: null,
    variants: [
      { name: '250g 袋装', priceFen: 3900, netWeightGrams: 250, stock: 40 },
      { name: '500g 袋装', priceFen: 7500, netWeightGrams: 500, stock: 25 },
    ],
  },
  {
    title: '薄皮核桃 当季新货 手捏就开',
    produce: 'walnut',
    packLabel: '薄皮核桃',
    accent: '#8e5a2b',
    category: 'nuts',
    village: '故县村',
    harvestDate: '2026-09-12',
    shelfLifeDays: 270,
    storageNote: '冷藏或阴凉处保存，避免受潮',
    paragraphs: ['老核桃树上结的薄皮核桃，两个一捏就开，果仁饱满不苦涩。', '采收后去青皮清洗晾干，没有漂白。'],
    bulkStockGrams: 300_000,
    variants: [
      { name: '1kg 袋装', priceFen: 3600, netWeightGrams: 1000 },
      { name: '2.5kg 箱装', priceFen: 8500, netWeightGrams: 2500 },
    ],
  },
  {
    title: '玉米糁 粗粮熬粥 石磨慢磨',
    produce: 'grits',
    packLabel: '玉米糁',
    accent: '#d68910',
    category: 'grain',
    village: '檀山村',
    harvestDate: '2026-10-20',
    shelfLifeDays: 180,
    storageNote: '开袋后请密封，放冰箱冷藏更好',
    paragraphs: ['本地老品种黄玉米，去皮去胚后磨成小颗粒。', '和小米一起熬粥，口感更香，是山西人家家户户的早饭。'],
    bulkStockGrams: 500_000,
    variants: [
      { name: '2.5kg 袋装', priceFen: 1990, netWeightGrams: 2500 },
      { name: '5kg 袋装', priceFen: 3600, netWeightGrams: 5000 },
    ],
  },
  {
    title: '红小豆 颗粒小 易煮烂 煮粥做豆沙',
    produce: 'adzuki',
    packLabel: '红小豆',
    accent: '#922b21',
    category: 'beans',
    village: '南泉村',
    harvestDate: '2026-10-02',
    shelfLifeDays: 365,
    storageNote: '通风干燥处保存',
    paragraphs: ['山坡地种的红小豆，颗粒小、皮薄，泡两小时就好煮烂。', '煮红豆粥、做豆沙馅都合适。'],
    bulkStockGrams: null,
    variants: [
      { name: '500g 袋装', priceFen: 990, netWeightGrams: 500, stock: 80 },
      { name: '2kg 袋装', priceFen: 3500, netWeightGrams: 2000, stock: 30 },
    ],
  },
];


/**
 * Shipping as a county cooperative prices it: first 1 kg ¥8, each further kg ¥2, free from ¥99;
 * the far west and Inner Mongolia first 1 kg ¥18, each further kg ¥8, never free; a 150 g box.
 * (Hong Kong, Macau and Taiwan are not in the division list, so there is nothing to exclude.)
 */
export const DEMO_ORDER_SETTINGS: OrderSettings = {
  shipping: {
    defaultRule: { firstGrams: 1000, firstFen: 800, stepGrams: 1000, stepFen: 200, freeOverFen: 9900 },
    provinceRules: [{ provinceCodes: ['650000', '540000', '630000', '150000'], firstGrams: 1000, firstFen: 1800, stepGrams: 1000, stepFen: 800, freeOverFen: null }],
    excludedProvinceCodes: [],
    packagingGrams: 150,
  },
  unpaidMinutes: 30,
  autoCompleteDays: 10,
};

export interface DemoResult {
  shopId: Types.ObjectId;
  shopName: string;
  products: number;
  orders: number;
}

/**
 * Step one, quick: when the database has no shop at all, makes sure the demo seller exists and
 * returns their id; otherwise null. main.ts runs this before listening, so the seller's first
 * login never races this upsert.
 */
export async function claimDemo(services: Services): Promise<Types.ObjectId | null> {
  const { User, Shop } = services.models;
  if (await Shop.exists({})) return null;
  const seller = await User.findOneAndUpdate(
    { openid: DEMO_SELLER_OPENID },
    { $setOnInsert: { openid: DEMO_SELLER_OPENID, nickname: '檀山合作社老王', lastLoginAt: services.now() }, $addToSet: { roles: { $each: ['buyer', 'seller'] } } },
    { upsert: true, new: true },
  );
  return seller?._id ?? null;
}

/**
 * Step two, a few seconds (drawing and storing twelve pictures): the shop and its products, or
 * nothing when a shop appeared meanwhile. Pictures are stored before the shop, so an interrupted
 * run leaves no shop behind and the next start tries again. Safe when several instances start
 * together: the shop's unique owner lets only one of them create it.
 */
export async function fillDemo(services: Services, sellerId: Types.ObjectId): Promise<DemoResult | null> {
  const { Shop, Product, User } = services.models;
  const region = regionPath(COUNTY);
  if (!region) throw new Error(`demo: no region ${COUNTY}`);
  const now = services.now();

  // Draw and store every picture at once: drawing and encoding run on libuv's threads.
  const photos = await Promise.all(
    PRODUCTS.map((p, i) =>
      Promise.all([
        drawPicture(produceSvg(p.produce, i + 1)).then((png) => storePhoto(services, sellerId, png)),
        drawPicture(packSvg(p.packLabel, p.variants[0].name.split(' ')[0], DEMO_SHOP_NAME, p.accent)).then((png) => storePhoto(services, sellerId, png)),
      ]),
    ),
  );

  if (await Shop.exists({})) return null;
  let shop;
  try {
    shop = await Shop.create({
      ownerId: sellerId,
      name: DEMO_SHOP_NAME,
      intro: '我们是沁县檀山村的农民专业合作社。社员自家地里种小米和杂粮，当季收获、人工挑拣，从村里直接发货。',
      logoPhotoId: null,
      phone: '13800138000',
      region,
      orderSettings: DEMO_ORDER_SETTINGS,
    });
  } catch (err) {
    if (isDuplicateKey(err)) return null; // another instance got there first, or the seller opened a shop
    throw err;
  }

  await Product.insertMany(
    PRODUCTS.map((p, i) => {
      const [closeUp, pack] = photos[i];
      const bulk = p.bulkStockGrams !== null;
      return {
        shopId: shop._id,
        title: p.title,
        description: [
          { type: 'text', text: p.paragraphs[0] },
          { type: 'image', photoId: pack._id },
          ...p.paragraphs.slice(1).map((text) => ({ type: 'text' as const, text })),
        ],
        photoIds: [closeUp._id, pack._id],
        category: p.category,
        origin: { regionCode: COUNTY, village: p.village },
        harvestDate: p.harvestDate,
        shelfLifeDays: p.shelfLifeDays,
        storageNote: p.storageNote,
        stockMode: bulk ? 'bulk' : 'per_variant',
        bulkStockGrams: p.bulkStockGrams,
        variants: p.variants.map((v) => ({ name: v.name, priceFen: v.priceFen, netWeightGrams: v.netWeightGrams, stock: bulk ? null : (v.stock ?? 0) })),
        status: 'on_sale',
        // A minute apart, so "newest first" lists them in this order, millet first.
        publishedAt: new Date(now.getTime() - i * 60_000),
      };
    }),
  );
  const seller = await User.findById(sellerId);
  if (!seller) throw new Error('demo: the seller is gone');
  const orders = await placeDemoOrders(services, shop._id, seller);
  return { shopId: shop._id, shopName: shop.name, products: PRODUCTS.length, orders };
}

/** Both steps: the demo shop on a database with no shop at all; null (and nothing changed) otherwise. */
export async function seedDemo(services: Services): Promise<DemoResult | null> {
  const sellerId = await claimDemo(services);
  return sellerId ? fillDemo(services, sellerId) : null;
}
