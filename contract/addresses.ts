// Delivery addresses: what a buyer types (or WeChat's chooseAddress fills in), saved for next time
// and copied into each order, so a later edit never changes where a parcel went.
import { z } from './openapi';
import { ADDRESS_DETAIL_MAX, ADDRESS_NAME_MAX } from './limits';
import { RegionCode, RegionPath } from './regions';

/** A mainland mobile number: couriers text the receiver, so a landline will not do. */
export const MobilePhone = z.string().trim().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number');

export const AddressInput = z
  .object({
    /** The receiver's name. */
    name: z.string().trim().min(1).max(ADDRESS_NAME_MAX),
    phone: MobilePhone,
    /** The county (or district) code; province and city follow from it. */
    regionCode: RegionCode,
    /** Street, village, house number. */
    detail: z.string().trim().min(2).max(ADDRESS_DETAIL_MAX),
  })
  .strict()
  .openapi('AddressInput');
export type AddressInput = z.input<typeof AddressInput>;

export const SaveAddressRequest = AddressInput.extend({ isDefault: z.boolean().default(false) }).strict().openapi('SaveAddressRequest');
export type SaveAddressRequest = z.input<typeof SaveAddressRequest>;

/** PATCH: any of the fields; `isDefault: true` makes it the default (there is always exactly one). */
export const UpdateAddressRequest = AddressInput.extend({ isDefault: z.boolean() }).partial().strict().openapi('UpdateAddressRequest');
export type UpdateAddressRequest = z.input<typeof UpdateAddressRequest>;

/** An address as stored with an order or in the buyer's list. */
export const AddressView = z
  .object({ name: z.string(), phone: z.string(), region: RegionPath, detail: z.string() })
  .openapi('Address');
export type AddressView = z.infer<typeof AddressView>;

export const SavedAddressView = AddressView.extend({ id: z.string(), isDefault: z.boolean(), updatedAt: z.string().datetime() }).openapi('SavedAddress');
export type SavedAddressView = z.infer<typeof SavedAddressView>;

export const SavedAddressList = z.object({ items: z.array(SavedAddressView) }).openapi('SavedAddressList');
export type SavedAddressList = z.infer<typeof SavedAddressList>;

/** A phone as lists show it: 138****1234. */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
