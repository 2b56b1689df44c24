// Shops: what a seller opens and edits, what buyers see, what operators manage.
import { z } from './openapi';
import { SHOP_INTRO_MAX, SHOP_NAME_MAX, PAGE_SIZE_MAX, SUSPEND_REASON_MAX } from './limits';
import { RegionCode, RegionPath } from './regions';
import { PhotoId, PhotoView } from './photos';

/** A mainland mobile number (11 digits from 1[3-9]) or a landline with area code (0xxx-xxxxxxx). */
export const ContactPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number or a landline with area code');

/** open: taking orders; paused: the seller's own pause (buyers see a notice, no orders). */
export const ShopStatus = z.enum(['open', 'paused']);
export type ShopStatus = z.infer<typeof ShopStatus>;

const shopFields = {
  name: z.string().trim().min(1).max(SHOP_NAME_MAX),
  intro: z.string().trim().max(SHOP_INTRO_MAX),
  logoPhotoId: PhotoId.nullable(),
  phone: ContactPhone,
  /** The county (or district) code; province and city follow from it. */
  regionCode: RegionCode,
};

export const CreateShopRequest = z
  .object({ ...shopFields, intro: shopFields.intro.default(''), logoPhotoId: shopFields.logoPhotoId.default(null) })
  .strict()
  .openapi('CreateShopRequest');
export type CreateShopRequest = z.input<typeof CreateShopRequest>;

/** Any subset of the fields, with the version the editor loaded (a stale version is refused). */
export const UpdateShopRequest = z
  .object(shopFields)
  .partial()
  .extend({ version: z.number().int().min(0) })
  .strict()
  .openapi('UpdateShopRequest');
export type UpdateShopRequest = z.input<typeof UpdateShopRequest>;

/** A product category; the mini-program names each one (category.<code>). */
export const Category = z.enum(['grain', 'beans', 'nuts', 'fungi', 'dried', 'fruit', 'vegetables', 'oil', 'honey', 'tea', 'meat_eggs', 'other']);
export type Category = z.infer<typeof Category>;

/** What anyone sees of a shop. */
export const PublicShopView = z
  .object({
    id: z.string(),
    name: z.string(),
    intro: z.string(),
    logo: PhotoView.nullable(),
    /** The first on-sale product's cover, for the shop page header. */
    cover: PhotoView.nullable(),
    phone: z.string(),
    region: RegionPath,
    status: ShopStatus,
    /** False when paused (or suspended, which only the owner and operators see). */
    acceptingOrders: z.boolean(),
    /** Categories with products on sale, and how many, for the filter. */
    categories: z.array(z.object({ category: Category, count: z.number().int() })),
    createdAt: z.string().datetime(),
  })
  .openapi('PublicShop');
export type PublicShopView = z.infer<typeof PublicShopView>;

/** What the owner (and an operator) sees: adds the version and the platform's suspension. */
export const ShopView = PublicShopView.extend({
  ownerId: z.string(),
  version: z.number().int(),
  suspended: z.object({ at: z.string().datetime(), reason: z.string() }).nullable(),
  productCounts: z.object({ draft: z.number().int(), on_sale: z.number().int(), off_shelf: z.number().int(), lowStock: z.number().int() }),
  updatedAt: z.string().datetime(),
}).openapi('Shop');
export type ShopView = z.infer<typeof ShopView>;

export const Paging = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
  })
  .strict();

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const ShopPage = pageOf(PublicShopView).openapi('ShopPage');
export type ShopPage = z.infer<typeof ShopPage>;

/** Operators: list every shop, find one by name, filter suspended ones. */
export const AdminShopQuery = Paging.extend({
  /** Part of a shop's name. */
  q: z.string().trim().max(SHOP_NAME_MAX).optional(),
  suspended: z.enum(['true', 'false']).optional(),
}).strict();
export const AdminShopPage = pageOf(ShopView).openapi('AdminShopPage');
export type AdminShopPage = z.infer<typeof AdminShopPage>;

export const SuspendShopRequest = z
  .object({ reason: z.string().trim().min(1).max(SUSPEND_REASON_MAX) })
  .strict()
  .openapi('SuspendShopRequest');
export type SuspendShopRequest = z.infer<typeof SuspendShopRequest>;
