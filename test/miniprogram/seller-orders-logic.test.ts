// The seller's order pages' pure logic: the address line couriers paste, the ship form's parcel
// rows and packed weights (exact grams, the shared weight refund), the refund form (exact fen, at
// most what is refundable), the sub-merchant id, and the shipping settings form ↔ template.
import type { AddressView } from '../../contract/addresses';
import type { OrderLineView, OrderSettingsView } from '../../contract/orders';
import { weightRefundFen } from '../../contract/packed-weight';
import { checkSubMchid } from '../../miniprogram/src/components/PaymentSettingsForm';
import { packedRefundPreview, packedWeightsRequest, readPackedLine } from '../../miniprogram/src/subpackages/seller/pages/order/packed-weights';
import { refundRequest } from '../../miniprogram/src/subpackages/seller/pages/order/refund-form';
import { shippingFeeFor } from '../../contract/shipping-fee';
import { setLocale } from '../../miniprogram/src/i18n';
import { addressLine } from '../../miniprogram/src/subpackages/seller/pages/order/address';
import {
  addParcelRow, blankParcel, courierOfTrackingNo, normaliseTrackingNo, parcelsRequest, removeParcelRow, withTrackingNo,
} from '../../miniprogram/src/subpackages/seller/pages/order/parcels';
import {
  formFromSettings, isSettingsForm, newProvinceRule, settingsRequest, takenProvinces, templateFrom,
} from '../../miniprogram/src/subpackages/seller/pages/shipping/form';
import { keDong } from './fixtures';

beforeEach(() => setLocale('zh-CN'));

describe('copy address', () => {
  test('name, phone, region and detail on one line', () => {
    const address: AddressView = { name: ' 王小明 ', phone: '13800138000', region: keDong, detail: '前进村3组12号 ' };
    expect(addressLine(address)).toBe('王小明 13800138000 黑龙江省 齐齐哈尔市 克东县 前进村3组12号');
  });

  test("a municipality's repeated name once", () => {
    const beijing = { province: { code: '110000', name: '北京市' }, city: { code: '110100', name: '北京市' }, county: { code: '110101', name: '东城区' } };
    expect(addressLine({ name: '李', phone: '13900000000', region: beijing, detail: '东四十条1号' })).toBe('李 13900000000 北京市 东城区 东四十条1号');
  });
});

describe('parcel rows', () => {
  test('a new row takes the courier of the row above; the last row cannot go', () => {
    const first = { ...blankParcel('SF'), trackingNo: 'SF1234567890' };
    const rows = addParcelRow([first]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ courierCode: 'SF', trackingNo: '' });
    expect(removeParcelRow(rows, rows[1].key)).toEqual([first]);
    expect(removeParcelRow([first], first.key)).toEqual([first]);
  });

  test('no more than ten parcels', () => {
    let rows = [blankParcel()];
    for (let i = 0; i < 15; i += 1) rows = addParcelRow(rows);
    expect(rows).toHaveLength(10);
  });

  test('tracking numbers as typed or scanned: spaces, full-width and lower case tidied', () => {
    expect(normaliseTrackingNo(' sf 1234 5678 9012 ')).toBe('SF123456789012');
    expect(normaliseTrackingNo('ＹＴ１２３４５６７８')).toBe('YT12345678');
  });

  test.each([
    ['SF1234567890123', 'SF'],
    ['sf 1234 5678 90123', 'SF'],
    ['JT3001234567890', 'JTSD'],
    ['YT6601234567890', 'YTO'],
    ['JDV012345678901', 'JDL'],
    ['DPK123456789', 'DB'],
    ['EA123456789CN', 'EMS'],
    ['73001234567890', null],
    ['SF12', null],
  ])('the number %s names the courier %s', (number, courier) => {
    expect(courierOfTrackingNo(number)).toBe(courier);
  });

  test('typing a number that names its courier picks it, unless the seller chose one by hand', () => {
    const row = blankParcel('EMS');
    expect(withTrackingNo(row, 'SF1234567890123')).toMatchObject({ courierCode: 'SF', trackingNo: 'SF1234567890123' });
    expect(withTrackingNo(row, '7300123456')).toMatchObject({ courierCode: 'EMS' });
    expect(withTrackingNo({ ...row, courierCode: 'ZTO', courierPicked: true }, 'SF1234567890123')).toMatchObject({ courierCode: 'ZTO' });
  });

  test('a request with every parcel, or errors at the server paths', () => {
    const ok = parcelsRequest([{ ...blankParcel('ZTO'), trackingNo: '7300 1234 5678' }, { ...blankParcel('ZTO'), trackingNo: '73001234999' }]);
    expect(ok).toEqual({ ok: true, request: { parcels: [{ courierCode: 'ZTO', trackingNo: '730012345678' }, { courierCode: 'ZTO', trackingNo: '73001234999' }] } });

    const bad = parcelsRequest([
      { ...blankParcel('ZTO'), trackingNo: '' },
      { ...blankParcel('ZTO'), trackingNo: '12#4' },
      { ...blankParcel('SF'), trackingNo: 'SF100200300' },
      { ...blankParcel('SF'), trackingNo: 'sf100200300' },
      { ...blankParcel('NOPE'), trackingNo: '1234567' },
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({
      'parcels.0.trackingNo': '请填快递单号',
      'parcels.1.trackingNo': '单号是 6 到 40 位字母或数字，请检查',
      'parcels.3.trackingNo': '这个单号重复了',
      'parcels.4.courierCode': '请选快递公司',
    });
  });
});

describe('shipping settings form', () => {
  const settings: OrderSettingsView = {
    shipping: {
      defaultRule: { firstGrams: 1000, firstFen: 800, stepGrams: 1000, stepFen: 200, freeOverFen: null },
      provinceRules: [{ provinceCodes: ['650000', '540000'], firstGrams: 1000, firstFen: 2000, stepGrams: 500, stepFen: 1050, freeOverFen: 29900 }],
      excludedProvinceCodes: ['710000'],
      packagingGrams: 150,
    },
    unpaidMinutes: 30,
    autoCompleteDays: 10,
    version: 4,
    provinces: [{ code: '650000', name: '新疆维吾尔自治区' }, { code: '540000', name: '西藏自治区' }, { code: '710000', name: '台湾省' }],
  };

  test('the saved settings as text in yuan and kg, and back exactly', () => {
    const form = formFromSettings(settings);
    expect(form.defaultRule).toEqual({ firstKg: '1', firstYuan: '8', stepKg: '1', stepYuan: '2', freeOverYuan: '' });
    expect(form.provinceRules[0].rule).toEqual({ firstKg: '1', firstYuan: '20', stepKg: '0.5', stepYuan: '10.5', freeOverYuan: '299' });
    expect(form.provinceRules[0].provinces.map((p) => p.name)).toEqual(['新疆维吾尔自治区', '西藏自治区']);
    expect(form.packagingKg).toBe('0.15');
    expect(isSettingsForm(form)).toBe(true);
    const { shipping, unpaidMinutes, autoCompleteDays } = settings;
    expect(settingsRequest(form, 4)).toEqual({ ok: true, request: { shipping, unpaidMinutes, autoCompleteDays, version: 4 } });
  });

  test('yuan and kg parsed as digits, never floats: 0.1 + 0.2 style values stay exact', () => {
    const form = formFromSettings(settings);
    const edited = { ...form, defaultRule: { firstKg: '1.005', firstYuan: '0.29', stepKg: '0.1', stepYuan: '0.07', freeOverYuan: '99.9' }, packagingKg: '' };
    const result = templateFrom(edited);
    expect(result.ok && result.template.defaultRule).toEqual({ firstGrams: 1005, firstFen: 29, stepGrams: 100, stepFen: 7, freeOverFen: 9990 });
    expect(result.ok && result.template.packagingGrams).toBe(0);
  });

  test('a ¥0 fee is allowed; mistakes come back at the server paths', () => {
    const form = formFromSettings(settings);
    const edited = {
      ...form,
      defaultRule: { ...form.defaultRule, firstYuan: '0', stepYuan: '1.234', firstKg: '' },
      provinceRules: [...form.provinceRules, newProvinceRule(form.defaultRule)],
      packagingKg: '0.0005',
      unpaidMinutes: '2',
      autoCompleteDays: 'ten',
    };
    const result = settingsRequest(edited, 4);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'autoCompleteDays', 'shipping.defaultRule.firstGrams', 'shipping.defaultRule.stepFen', 'shipping.packagingGrams',
      'shipping.provinceRules.1.provinceCodes', 'unpaidMinutes',
    ]);
    expect(result.errors.unpaidMinutes).toBe('请填 5 到 4320 之间的数');
    expect(result.errors['shipping.defaultRule.firstFen']).toBeUndefined();
  });

  test('the preview prices the typed template like the server would', () => {
    const result = templateFrom(formFromSettings(settings));
    if (!result.ok) throw new Error('expected a template');
    // 2.5 kg + 150 g packaging to Xinjiang: ¥20 first kg, then 4 half-kg steps of ¥10.50.
    expect(shippingFeeFor(result.template, '650000', 2500, 5000)).toMatchObject({ ships: true, fen: 2000 + 4 * 1050, weightGrams: 2650 });
    expect(shippingFeeFor(result.template, '650000', 2500, 29900)).toMatchObject({ ships: true, fen: 0, free: true });
    expect(shippingFeeFor(result.template, '710000', 2500, 5000)).toMatchObject({ ships: false });
    expect(shippingFeeFor(result.template, '140000', 2500, 5000)).toMatchObject({ ships: true, fen: 800 + 2 * 200 });
  });

  test('a province picked for one list is not offered in another', () => {
    const form = formFromSettings(settings);
    expect([...takenProvinces(form, form.excluded)].sort()).toEqual(['540000', '650000']);
    expect([...takenProvinces(form, form.provinceRules[0].provinces)]).toEqual(['710000']);
  });

  test('a damaged draft is not taken for a form', () => {
    expect(isSettingsForm({ defaultRule: {}, provinceRules: [], excluded: [] })).toBe(false);
  });
});

describe('packed weights (多退少补)', () => {
  const millet: OrderLineView = {
    productId: 'p1', variantId: 'a'.repeat(24), title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2, lineFen: 7600, cover: null,
  };
  const beans: OrderLineView = { ...millet, productId: 'p2', variantId: 'b'.repeat(24), title: '黄豆', variantName: '1公斤', priceFen: 999, netWeightGrams: 1000, quantity: 3, lineFen: 2997 };

  test('kg as typed become exact grams, and the refund is the shared weightRefundFen', () => {
    const read = readPackedLine(millet, '4.801');
    expect(read).toEqual({ entered: true, ok: true, grams: 4801, shortGrams: 199, refundFen: weightRefundFen(millet, 4801) });
    // 7600 × 199 / 5000 = 302.48 → 302 fen, never rounded up.
    expect(weightRefundFen(millet, 4801)).toBe(302);
    expect(readPackedLine(beans, '２.９')).toMatchObject({ ok: true, grams: 2900, refundFen: weightRefundFen(beans, 2900) });
  });

  test('heavier than ordered refunds nothing; 0 refunds the whole line; empty is not entered', () => {
    expect(readPackedLine(millet, '5.3')).toMatchObject({ ok: true, grams: 5300, shortGrams: 0, refundFen: 0 });
    expect(readPackedLine(millet, '0')).toMatchObject({ ok: true, grams: 0, refundFen: 7600 });
    expect(readPackedLine(millet, '  ')).toEqual({ entered: false });
    expect(readPackedLine(millet, undefined)).toEqual({ entered: false });
  });

  test('what cannot be grams is refused in words', () => {
    expect(readPackedLine(millet, '4.8001')).toEqual({ entered: true, ok: false, error: '最多写到克（三位小数）' });
    expect(readPackedLine(millet, '4,8')).toEqual({ entered: true, ok: false, error: '重量写公斤数，例如 2.35' });
    expect(readPackedLine(millet, '20000')).toEqual({ entered: true, ok: false, error: '重量太大了，请检查' });
  });

  test('only the lines typed in are sent, as integer grams, with their refunds summed', () => {
    const result = packedWeightsRequest([millet, beans], { [beans.variantId]: '2.5' });
    expect(result).toEqual({ ok: true, packedWeights: [{ variantId: beans.variantId, grams: 2500 }], refundFen: weightRefundFen(beans, 2500) });
    expect(packedWeightsRequest([millet, beans], {})).toEqual({ ok: true, packedWeights: [], refundFen: 0 });
    expect(packedWeightsRequest([millet], { [millet.variantId]: 'abc' })).toEqual({ ok: false, errors: { [`packed.${millet.variantId}`]: '重量写公斤数，例如 2.35' } });
  });

  test('the preview never promises more than may still be refunded', () => {
    const texts = { [millet.variantId]: '0', [beans.variantId]: '0' };
    expect(packedRefundPreview([millet, beans], texts, 1_000_000)).toBe(7600 + 2997);
    expect(packedRefundPreview([millet, beans], texts, 5000)).toBe(5000);
  });
});

describe('refund form', () => {
  const refundable = 8600;
  const errorsOf = (amount: string, reason = '少发一袋') => {
    const result = refundRequest({ amount, reason }, refundable);
    return result.ok ? null : result.errors;
  };

  test('yuan read exactly to integer fen', () => {
    expect(refundRequest({ amount: '12.34', reason: ' 少发一袋 ' }, refundable)).toEqual({ ok: true, request: { amountFen: 1234, reason: '少发一袋' } });
    expect(refundRequest({ amount: '0.1', reason: 'x' }, refundable)).toEqual({ ok: true, request: { amountFen: 10, reason: 'x' } });
    expect(refundRequest({ amount: '86', reason: 'x' }, refundable)).toEqual({ ok: true, request: { amountFen: 8600, reason: 'x' } });
  });

  test('0, more than refundable, more than two decimals, not a number, empty', () => {
    expect(errorsOf('0')).toEqual({ amountFen: '至少退 0.01 元' });
    expect(errorsOf('86.01')).toEqual({ amountFen: '最多可以退 ¥86.00' });
    expect(errorsOf('1.234')).toEqual({ amountFen: '金额最多写到分（两位小数）' });
    expect(errorsOf('-5')).toEqual({ amountFen: '请填数字，例如 12.50' });
    expect(errorsOf('')).toEqual({ amountFen: '请填退多少钱' });
  });

  test('the reason is required and limited', () => {
    expect(errorsOf('1', '  ')).toEqual({ reason: '请写退款原因' });
    expect(errorsOf('1', '很'.repeat(101))).toEqual({ reason: '最多 100 个字' });
  });
});

describe('sub-merchant id', () => {
  test('8 to 12 digits; empty means none; spaces typed in are dropped', () => {
    expect(checkSubMchid('1900000109')).toEqual({ ok: true, subMchid: '1900000109' });
    expect(checkSubMchid(' 1900 0001 09 ')).toEqual({ ok: true, subMchid: '1900000109' });
    expect(checkSubMchid('')).toEqual({ ok: true, subMchid: null });
    expect(checkSubMchid('1234567')).toEqual({ ok: false, error: '子商户号是 8 到 12 位数字' });
    expect(checkSubMchid('1234567890123')).toMatchObject({ ok: false });
    expect(checkSubMchid('19000001ab')).toMatchObject({ ok: false });
  });
});
