// Delivery addresses on the phone: the form's state, its checks (the same rules as the contract's
// AddressInput, so the phone never sends what the server refuses), and turning WeChat's address
// book answer into our region codes.
import type { AddressInput, AddressView } from '../../../contract/addresses';
import { ADDRESS_DETAIL_MAX, ADDRESS_NAME_MAX } from '../../../contract/limits';
import type { Region, RegionPath } from '../../../contract/regions';
import type { WeChatAddress } from '../services/platform';
import { isRecord, isRegionPath, isString } from './shapes';
import { formatRegion } from './region';

export interface AddressForm {
  name: string;
  phone: string;
  region: RegionPath | null;
  detail: string;
}

export const emptyAddressForm = (): AddressForm => ({ name: '', phone: '', region: null, detail: '' });

export function isAddressForm(value: unknown): value is AddressForm {
  return (
    isRecord(value) && isString(value.name) && isString(value.phone) && isString(value.detail) && (value.region === null || isRegionPath(value.region))
  );
}

export const addressFormOf = (view: AddressView): AddressForm => ({ name: view.name, phone: view.phone, region: view.region, detail: view.detail });

/** Which field is wrong, by the contract's field name: the same names the server's errors use. */
export type AddressProblem = 'name' | 'phone' | 'regionCode' | 'detail';

const MOBILE = /^1[3-9]\d{9}$/;

/** "+86 138-0013-8000", "86 13800138000", "138 0013 8000" → "13800138000"; anything else as typed. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s\-()（）+]/g, '');
  if (/^\d+$/.test(digits)) return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  return phone.trim();
}

export function addressProblems(form: AddressForm): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const name = form.name.trim();
  if (!name || name.length > ADDRESS_NAME_MAX) problems.push('name');
  if (!MOBILE.test(normalisePhone(form.phone))) problems.push('phone');
  if (!form.region) problems.push('regionCode');
  const detail = form.detail.trim();
  if (detail.length < 2 || detail.length > ADDRESS_DETAIL_MAX) problems.push('detail');
  return problems;
}

/** The address as the server takes it; call only when addressProblems found none. */
export function addressInputOf(form: AddressForm): AddressInput {
  if (!form.region) throw new Error('addressInputOf: no region');
  return { name: form.name.trim(), phone: normalisePhone(form.phone), regionCode: form.region.county.code, detail: form.detail.trim() };
}

/** "黑龙江省 齐齐哈尔市 克东县 前进村 3 号". */
export const addressLine = (address: Pick<AddressView, 'region' | 'detail'>): string => formatRegion(address.region, address.detail);

export interface RegionNames {
  province: string;
  city: string;
  county: string;
}

/**
 * WeChat's address as our form. WeChat's nationalCode is the county's division code: with it,
 * the province and city codes follow (GB/T 2260: 2 + 2 + 2 digits). Without one (older WeChat, or
 * a malformed code) `region` is null and the names are to be matched against our regions.
 */
export function fromWeChatAddress(chosen: WeChatAddress): { form: AddressForm; names: RegionNames } {
  const names = { province: chosen.provinceName.trim(), city: chosen.cityName.trim(), county: chosen.countyName.trim() };
  const code = (chosen.nationalCode ?? '').trim();
  const region: RegionPath | null =
    /^\d{6}$/.test(code) && !code.endsWith('0000')
      ? {
          province: { code: `${code.slice(0, 2)}0000`, name: names.province },
          city: { code: `${code.slice(0, 4)}00`, name: names.city || names.province },
          county: { code, name: names.county || names.city },
        }
      : null;
  return { form: { name: chosen.userName.trim(), phone: normalisePhone(chosen.telNumber), region, detail: chosen.detailInfo.trim() }, names };
}

// Longest first, so 自治区 is taken off before 区.
const SUFFIXES = /(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$/;

/** "广西壮族自治区" and "广西", "北京市" and "北京" name the same place. */
export function sameRegionName(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  return a.replace(SUFFIXES, '') === b.replace(SUFFIXES, '');
}

function findByName(regions: Region[], name: string): Region | null {
  return regions.find((region) => region.name === name) ?? regions.find((region) => sameRegionName(region.name, name)) ?? null;
}

/**
 * Our region path for WeChat's province, city and county names, looked up level by level; null
 * when a name is not found (the person then picks it by hand).
 */
export async function matchRegionNames(names: RegionNames, loadRegions: (parent?: string) => Promise<Region[]>): Promise<RegionPath | null> {
  const province = findByName(await loadRegions(), names.province);
  if (!province) return null;
  const cities = await loadRegions(province.code);
  // Municipalities: WeChat may name the city level "市辖区" or repeat the municipality's name.
  const city = findByName(cities, names.city) ?? (cities.length === 1 ? cities[0] : null);
  if (!city) return null;
  const counties = await loadRegions(city.code);
  // Cities without counties (东莞, 中山…) list themselves as their own county.
  const county = findByName(counties, names.county) ?? (counties.length === 1 && counties[0].code === city.code ? counties[0] : null);
  return county ? { province, city, county } : null;
}
