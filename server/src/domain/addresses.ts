// A buyer's address book: at most ADDRESSES_MAX addresses, exactly one of them the default (the
// first one saved; the newest left when the default is deleted). Orders copy an address, so
// nothing here changes where a parcel went.
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { AddressInput, SaveAddressRequest, UpdateAddressRequest } from '../../../contract/addresses';
import { ADDRESSES_MAX } from '../../../contract/limits';
import { AppError, notFound, validationError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { Address, AddressRecord } from '../models/address';
import type { StoredRegionPath } from '../models/fields';
import { regionPath } from './regions';

type SaveAddress = z.output<typeof SaveAddressRequest>;
type UpdateAddress = z.output<typeof UpdateAddressRequest>;

/** The stored region of a county code, or VALIDATION_FAILED naming `regionCode`. */
export function addressRegion(regionCode: string): StoredRegionPath {
  const region = regionPath(regionCode);
  if (!region) throw validationError([{ path: 'regionCode', message: 'must be a county (or district) code', code: 'unknown_region' }]);
  return region;
}

const bookFull = () => new AppError('ADDRESS_BOOK_FULL', `You can keep at most ${ADDRESSES_MAX} addresses; delete one first`);

/** The default first, then the most recently changed. */
export async function myAddresses(services: Services, user: UserDoc): Promise<AddressRecord[]> {
  return services.models.Address.find({ userId: user._id }).sort({ isDefault: -1, updatedAt: -1, _id: -1 }).lean<AddressRecord[]>();
}

async function ownAddress(services: Services, user: UserDoc, addressId: string): Promise<AddressRecord> {
  // Someone else's address is "not found": its existence is not theirs to learn.
  const address = await services.models.Address.findOne({ _id: addressId, userId: user._id }).lean<AddressRecord>();
  if (!address) throw notFound('Address');
  return address;
}

/** Makes this address the one default: set it, then clear every other. */
async function makeDefault(services: Services, userId: Types.ObjectId, addressId: Types.ObjectId): Promise<void> {
  const { Address } = services.models;
  await Address.updateOne({ _id: addressId }, { $set: { isDefault: true } });
  await Address.updateMany({ userId, _id: { $ne: addressId }, isDefault: true }, { $set: { isDefault: false } });
}

/** When none is the default (the default was deleted, or a race), the newest becomes it. */
async function ensureDefault(services: Services, userId: Types.ObjectId): Promise<void> {
  const { Address } = services.models;
  if (await Address.exists({ userId, isDefault: true })) return;
  const newest = await Address.findOne({ userId }, { _id: 1 }).sort({ updatedAt: -1, _id: -1 }).lean();
  if (newest) await makeDefault(services, userId, newest._id);
}

export async function addAddress(services: Services, user: UserDoc, req: SaveAddress): Promise<AddressRecord> {
  const { Address } = services.models;
  const region = addressRegion(req.regionCode);
  if ((await Address.countDocuments({ userId: user._id })) >= ADDRESSES_MAX) throw bookFull();
  const created = await Address.create({ userId: user._id, name: req.name, phone: req.phone, region, detail: req.detail, isDefault: false });
  // Two saves racing past the count: the ones made after the first ADDRESSES_MAX take themselves back.
  if ((await Address.countDocuments({ userId: user._id, _id: { $lt: created._id } })) >= ADDRESSES_MAX) {
    await Address.deleteOne({ _id: created._id });
    throw bookFull();
  }
  if (req.isDefault) await makeDefault(services, user._id, created._id);
  else await ensureDefault(services, user._id);
  return ownAddress(services, user, String(created._id));
}

export async function updateAddress(services: Services, user: UserDoc, addressId: string, req: UpdateAddress): Promise<AddressRecord> {
  const address = await ownAddress(services, user, addressId);
  const set: Partial<Address> = {};
  if (req.regionCode !== undefined) set.region = addressRegion(req.regionCode);
  if (req.name !== undefined) set.name = req.name;
  if (req.phone !== undefined) set.phone = req.phone;
  if (req.detail !== undefined) set.detail = req.detail;
  // `isDefault: false` on the default is ignored: there is always one, chosen by picking another.
  if (Object.keys(set).length) await services.models.Address.updateOne({ _id: address._id, userId: user._id }, { $set: set });
  if (req.isDefault) await makeDefault(services, user._id, address._id);
  return ownAddress(services, user, addressId);
}

export async function deleteAddress(services: Services, user: UserDoc, addressId: string): Promise<void> {
  const address = await ownAddress(services, user, addressId);
  await services.models.Address.deleteOne({ _id: address._id, userId: user._id });
  if (address.isDefault) await ensureDefault(services, user._id);
}

/**
 * Placing an order with "save this address": added unless the same receiver, phone, county and
 * street are already there. ADDRESS_BOOK_FULL when the book is full (the order goes ahead anyway).
 */
export async function saveAddressFromOrder(services: Services, user: UserDoc, address: AddressInput): Promise<void> {
  const known = await services.models.Address.exists({
    userId: user._id,
    name: address.name.trim(),
    phone: address.phone.trim(),
    'region.county.code': address.regionCode,
    detail: address.detail.trim(),
  });
  if (known) return;
  await addAddress(services, user, { ...address, isDefault: false });
}
