// Addresses on the phone: WeChat's address book answer in our terms, phone numbers, the form's
// checks, and matching WeChat's region names against ours when it gives no code.
import type { Region } from '../../contract/regions';
import {
  addressInputOf, addressProblems, emptyAddressForm, fromWeChatAddress, matchRegionNames, normalisePhone, sameRegionName,
} from '../../miniprogram/src/utils/address';
import { keDong } from './fixtures';

const wechat = {
  userName: ' 张三 ',
  telNumber: '+86 138-0013-8000',
  nationalCode: '230230',
  provinceName: '黑龙江省',
  cityName: '齐齐哈尔市',
  countyName: '克东县',
  detailInfo: '前进村 3 号',
};

test('WeChat’s county code gives the province, city and county codes', () => {
  const { form } = fromWeChatAddress(wechat);
  expect(form).toEqual({ name: '张三', phone: '13800138000', region: keDong, detail: '前进村 3 号' });
  expect(addressProblems(form)).toEqual([]);
  expect(addressInputOf(form)).toEqual({ name: '张三', phone: '13800138000', regionCode: '230230', detail: '前进村 3 号' });
});

test('without a usable code the region is left for matching by name', () => {
  for (const nationalCode of [undefined, '', '2302', 'abcdef', '230000']) {
    const { form, names } = fromWeChatAddress({ ...wechat, nationalCode });
    expect(form.region).toBeNull();
    expect(names).toEqual({ province: '黑龙江省', city: '齐齐哈尔市', county: '克东县' });
  }
});

test('phone numbers lose spaces, dashes and the country code; the checks follow the contract', () => {
  expect(normalisePhone('138 0013 8000')).toBe('13800138000');
  expect(normalisePhone('8613800138000')).toBe('13800138000');
  const form = { ...emptyAddressForm(), name: ' ', phone: '010-12345678', detail: '村' };
  expect(addressProblems(form)).toEqual(['name', 'phone', 'regionCode', 'detail']);
});

const regions: Record<string, Region[]> = {
  '': [{ code: '110000', name: '北京市' }, { code: '230000', name: '黑龙江省' }, { code: '450000', name: '广西壮族自治区' }, { code: '440000', name: '广东省' }],
  '110000': [{ code: '110100', name: '北京市' }],
  '110100': [{ code: '110105', name: '朝阳区' }],
  '230000': [{ code: '230200', name: '齐齐哈尔市' }],
  '230200': [{ code: '230230', name: '克东县' }],
  '450000': [{ code: '450100', name: '南宁市' }],
  '450100': [{ code: '450102', name: '兴宁区' }],
  '440000': [{ code: '441900', name: '东莞市' }],
  '441900': [{ code: '441900', name: '东莞市' }],
};
const loadRegions = jest.fn(async (parent?: string) => regions[parent ?? ''] ?? []);

test('names are matched level by level, with or without 省/市/自治区', async () => {
  expect(await matchRegionNames({ province: '黑龙江省', city: '齐齐哈尔市', county: '克东县' }, loadRegions)).toEqual(keDong);
  expect((await matchRegionNames({ province: '广西', city: '南宁', county: '兴宁区' }, loadRegions))?.county.code).toBe('450102');
  // A municipality's city level may come as "市辖区"; a city without counties is its own county.
  expect((await matchRegionNames({ province: '北京市', city: '市辖区', county: '朝阳区' }, loadRegions))?.county.code).toBe('110105');
  expect((await matchRegionNames({ province: '广东省', city: '东莞市', county: '虎门镇' }, loadRegions))?.county.code).toBe('441900');
  expect(await matchRegionNames({ province: '黑龙江省', city: '齐齐哈尔市', county: '没有这个县' }, loadRegions)).toBeNull();
  expect(sameRegionName('新疆维吾尔自治区', '新疆')).toBe(true);
  expect(sameRegionName('', '')).toBe(false);
});
