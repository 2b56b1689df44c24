// Shops: opening one (the opener becomes its owner and a seller), editing with a version check,
// the owner's pause, the platform's suspension, and the lists people browse.
import { escapeRegExp } from '../db/regex';
import type { AdminShopQuery, CreateShopRequest, Paging, UpdateShopRequest } from '../../../contract/shops';
import type { FieldIssue } from '../../../contract/errors';
import type { z } from 'zod';
import { AppError, notFound, validationError, versionConflict } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { Shop, ShopRecord } from '../models/shop';
import { regionPath } from './regions';
import { foreignPhotoIssues } from './photo-ownership';
import { authorizeAction, authorizeRead, shopPolicy, type Actor } from '../policies/shops';
import { isDuplicateKey } from '../db/errors';

type CreateShop = z.output<typeof CreateShopRequest>;
type UpdateShop = z.output<typeof UpdateShopRequest>;


/** The stored fields for a request's logo and region, or the issues that refuse them. */
async function checkShopFields(services: Services, user: UserDoc, fields: Partial<CreateShop>) {
  const issues: FieldIssue[] = [];
  const set: Partial<Shop> = {};
  if (fields.regionCode !== undefined) {
    const region = regionPath(fields.regionCode);
    if (region) set.region = region;
    else issues.push({ path: 'regionCode', message: 'must be a county (or district) code', code: 'unknown_region' });
  }
  if (fields.logoPhotoId) issues.push(...(await foreignPhotoIssues(services, user._id, [{ path: 'logoPhotoId', id: fields.logoPhotoId }])));
  if (issues.length) throw validationError(issues);
  for (const key of ['name', 'intro', 'phone', 'logoPhotoId'] as const) {
    if (fields[key] !== undefined) (set as Record<string, unknown>)[key] = fields[key];
  }
  return set;
}

export async function openShop(services: Services, user: UserDoc, req: CreateShop): Promise<ShopRecord> {
  const { Shop, User } = services.models;
  const fields = await checkShopFields(services, user, req);
  let shop;
  try {
    // The unique index on ownerId decides a race between two "open shop" taps.
    shop = await Shop.create({ ...fields, ownerId: user._id });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('SHOP_ALREADY_OPEN', 'You already have a shop');
    throw err;
  }
  await User.updateOne({ _id: user._id }, { $addToSet: { roles: 'seller' } });
  return shop.toObject() as ShopRecord;
}

async function findShop(services: Services, shopId: string): Promise<ShopRecord> {
  const shop = await services.models.Shop.findById(shopId).lean<ShopRecord>();
  if (!shop) throw notFound('Shop');
  return shop;
}

/** A shop the actor may manage (edit, pause, list products in): 404 when absent, 403 when not theirs. */
export async function shopToManage(services: Services, actor: Actor, shopId: string): Promise<ShopRecord> {
  const shop = await findShop(services, shopId);
  authorizeAction(shopPolicy.manage(actor, shop), 'Only the shop owner may do this');
  return shop;
}

/** A shop the actor may see privately (owner, operators); 404 for everyone else. */
export async function shopToInspect(services: Services, actor: Actor, shopId: string): Promise<ShopRecord> {
  const shop = await findShop(services, shopId);
  authorizeRead(shopPolicy.viewPrivate(actor, shop), 'Shop');
  return shop;
}

/** A shop as the public sees it: a suspended shop is 404 to all but its owner and operators. */
export async function publicShop(services: Services, actor: Actor, shopId: string): Promise<ShopRecord> {
  const shop = await findShop(services, shopId);
  authorizeRead(shopPolicy.view(actor, shop), 'Shop');
  return shop;
}

export async function myShop(services: Services, user: UserDoc): Promise<ShopRecord> {
  const shop = await services.models.Shop.findOne({ ownerId: user._id }).lean<ShopRecord>();
  if (!shop) throw notFound('Shop');
  return shop;
}

export async function updateShop(services: Services, user: UserDoc, shopId: string, req: UpdateShop): Promise<ShopRecord> {
  const shop = await shopToManage(services, user, shopId);
  const { version, ...changes } = req;
  const set = await checkShopFields(services, user, changes);
  if (Object.keys(set).length === 0) {
    if (shop.version !== version) throw versionConflict('shop', shop.version);
    return shop;
  }
  const updated = await services.models.Shop.findOneAndUpdate({ _id: shop._id, version }, { $set: set, $inc: { version: 1 } }, { new: true }).lean<ShopRecord>();
  if (updated) return updated;
  const now = await services.models.Shop.findById(shop._id, { version: 1 }).lean();
  if (!now) throw notFound('Shop');
  throw versionConflict('shop', now.version);
}

// Pausing is the owner's own switch: it does not change the version, because nothing the edit
// form holds changes with it.
async function setStatus(services: Services, user: UserDoc, shopId: string, status: 'open' | 'paused'): Promise<ShopRecord> {
  const shop = await shopToManage(services, user, shopId);
  const updated = await services.models.Shop.findOneAndUpdate({ _id: shop._id }, { $set: { status } }, { new: true }).lean<ShopRecord>();
  if (!updated) throw notFound('Shop');
  return updated;
}

export const pauseShop = (services: Services, user: UserDoc, shopId: string) => setStatus(services, user, shopId, 'paused');
export const reopenShop = (services: Services, user: UserDoc, shopId: string) => setStatus(services, user, shopId, 'open');

/** Operators: hide a shop from buyers, with the reason its owner will see. Suspending twice keeps the first. */
export async function suspendShop(services: Services, operator: UserDoc, shopId: string, reason: string): Promise<ShopRecord> {
  authorizeAction(shopPolicy.moderate(operator), 'Only operators may suspend shops');
  const shop = await findShop(services, shopId);
  const updated = await services.models.Shop.findOneAndUpdate(
    { _id: shop._id, suspended: null },
    { $set: { suspended: { at: services.now(), reason, by: operator._id } } },
    { new: true },
  ).lean<ShopRecord>();
  return updated ?? findShop(services, shopId);
}

export async function unsuspendShop(services: Services, operator: UserDoc, shopId: string): Promise<ShopRecord> {
  authorizeAction(shopPolicy.moderate(operator), 'Only operators may unsuspend shops');
  const shop = await findShop(services, shopId);
  const updated = await services.models.Shop.findOneAndUpdate({ _id: shop._id }, { $set: { suspended: null } }, { new: true }).lean<ShopRecord>();
  if (!updated) throw notFound('Shop');
  return updated;
}

type Page = z.output<typeof Paging>;

async function pageOfShops(services: Services, filter: Record<string, unknown>, page: Page) {
  const { Shop } = services.models;
  const [items, total] = await Promise.all([
    Shop.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<ShopRecord[]>(),
    Shop.countDocuments(filter),
  ]);
  return { items, total, page: page.page, pageSize: page.pageSize };
}

/** The public directory: every shop the platform has not suspended (paused ones show their notice). */
export const shopDirectory = (services: Services, page: Page) => pageOfShops(services, { suspended: null }, page);


/** Operators: every shop, by name (a substring) and suspension. */
export async function listShopsForOperators(services: Services, operator: UserDoc, query: z.output<typeof AdminShopQuery>) {
  authorizeAction(shopPolicy.moderate(operator), 'Only operators may list every shop');
  const filter: Record<string, unknown> = {};
  if (query.q) filter.name = { $regex: escapeRegExp(query.q), $options: 'i' };
  if (query.suspended === 'true') filter.suspended = { $ne: null };
  if (query.suspended === 'false') filter.suspended = null;
  return pageOfShops(services, filter, query);
}
