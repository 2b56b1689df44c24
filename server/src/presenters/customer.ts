// Customer records → CustomerCard (lists) and CustomerView (one buyer). Phones are always masked
// here: the full phone is shown only on an order's detail, where the seller needs it to ship.
import { maskPhone } from '../../../contract/addresses';
import type { CustomerCard, CustomerView } from '../../../contract/orders';
import type { CustomerRecord } from '../models/customer';

const regionOf = (r: { code: string; name: string }) => ({ code: r.code, name: r.name });

export const presentCustomerCard = (c: CustomerRecord): CustomerCard => ({
  id: String(c._id),
  name: c.name,
  phoneMasked: maskPhone(c.phone),
  province: c.province.name,
  orderCount: c.orderCount,
  paidFen: c.paidFen,
  tags: [...c.tags],
  firstOrderAt: c.firstOrderAt.toISOString(),
  lastOrderAt: c.lastOrderAt.toISOString(),
});

export const presentCustomer = (c: CustomerRecord): CustomerView => ({
  ...presentCustomerCard(c),
  nickname: c.nickname,
  note: c.note,
  addresses: c.addresses.map((a) => ({
    name: a.name,
    phoneMasked: maskPhone(a.phone),
    region: { province: regionOf(a.region.province), city: regionOf(a.region.city), county: regionOf(a.region.county) },
    detail: a.detail,
  })),
  version: c.version,
});
