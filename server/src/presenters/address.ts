// Saved addresses → SavedAddressView: the buyer's own, so the phone is shown whole.
import type { SavedAddressView } from '../../../contract/addresses';
import type { AddressRecord } from '../models/address';

export const presentAddress = (a: AddressRecord): SavedAddressView => ({
  id: String(a._id),
  name: a.name,
  phone: a.phone,
  region: { province: { ...a.region.province }, city: { ...a.region.city }, county: { ...a.region.county } },
  detail: a.detail,
  isDefault: a.isDefault,
  updatedAt: a.updatedAt.toISOString(),
});
