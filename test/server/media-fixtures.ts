// Shops and products for the media and sharing tests, written straight through the models (valid
// against their schemas) so these tests do not depend on the catalog endpoints.
import { Types } from 'mongoose';
import type { Harness } from './harness';
import { bearer } from './harness';
import { testPhoto } from './images';
import type { ProductDoc } from '../../server/src/models/product';
import type { ShopDoc } from '../../server/src/models/shop';

export interface Person {
  id: string;
  token: string;
  auth: ReturnType<typeof bearer>;
}

/** A logged-in person with these roles (buyer is everyone's). */
export async function person(h: Harness, roles: ('seller' | 'operator')[] = []): Promise<Person> {
  const { token, user } = await h.login();
  if (roles.length) await h.boot.services.models.User.updateOne({ _id: user.id }, { $addToSet: { roles: { $each: roles } } });
  return { id: user.id, token, auth: bearer(token) };
}

const REGION = {
  province: { code: '140000', name: '山西省' },
  city: { code: '140400', name: '长治市' },
  county: { code: '140430', name: '沁县' },
};

export async function makeShop(h: Harness, ownerId: string, overrides: Partial<{ name: string; suspended: boolean }> = {}): Promise<ShopDoc> {
  return h.boot.services.models.Shop.create({
    ownerId: new Types.ObjectId(ownerId),
    name: overrides.name ?? '沁县南泉杂粮合作社',
    intro: '自家地里种的小米和杂粮',
    phone: '13800138000',
    region: REGION,
    suspended: overrides.suspended ? { at: new Date(), reason: 'test', by: new Types.ObjectId() } : null,
  });
}

export interface ProductFixture {
  title?: string;
  status?: 'draft' | 'on_sale' | 'off_shelf';
  photoIds?: string[];
  withOrigin?: boolean;
}

/** A millet product sold from bulk stock in two packs; the 2.5 kg bag at ¥38.00 is the cheapest. */
export async function makeProduct(h: Harness, shop: ShopDoc, f: ProductFixture = {}): Promise<ProductDoc> {
  const status = f.status ?? 'on_sale';
  return h.boot.services.models.Product.create({
    shopId: shop._id,
    title: f.title ?? '沁州黄小米 新米 农家自种',
    description: [{ type: 'text', text: '今年新收的小米，熬粥有米油。' }],
    photoIds: f.photoIds ?? [],
    category: 'grain',
    origin: f.withOrigin === false ? null : { regionCode: '140430', village: '南泉村' },
    harvestDate: '2026-09-20',
    shelfLifeDays: 365,
    storageNote: '阴凉干燥处保存',
    stockMode: 'bulk',
    bulkStockGrams: 1_000_000,
    variants: [
      { name: '5kg 箱装', priceFen: 7200, netWeightGrams: 5000, stock: null },
      { name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: null },
    ],
    status,
    publishedAt: status === 'on_sale' ? new Date() : null,
  });
}

/** Uploads a generated photo through the API and returns its id. */
export async function uploadPhoto(h: Harness, who: Person, width = 1200, height = 900): Promise<string> {
  const res = await h.api.post('/api/v1/photos').set(who.auth).attach('file', await testPhoto('jpeg', width, height), 'p.jpg');
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
