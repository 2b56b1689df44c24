// The shipping fee (contract/shipping-fee.ts): first weight, steps (part of a step is a whole
// one), packaging added once, free over an amount by province, provinces not shipped to.
import { provinceOf, shippingFeeFor, type ShippingTemplate } from '../../contract/shipping-fee';

const template: ShippingTemplate = {
  defaultRule: { firstGrams: 1000, firstFen: 800, stepGrams: 1000, stepFen: 200, freeOverFen: 9900 },
  provinceRules: [{ provinceCodes: ['650000', '540000'], firstGrams: 1000, firstFen: 1800, stepGrams: 1000, stepFen: 800, freeOverFen: null }],
  excludedProvinceCodes: ['460000'],
  packagingGrams: 150,
};

const BEIJING = '110105'; // 朝阳区
const QINXIAN = '140430'; // 沁县, a county: its province is 140000
const URUMQI = '650102'; // 天山区, 新疆
const HAIKOU = '460105'; // 秀英区, 海南 (not shipped to here)

describe('shippingFeeFor', () => {
  it.each([
    ['first weight exactly (packaging included)', BEIJING, 850, 1000, { fen: 800, weightGrams: 1000 }],
    ['one gram over the first weight is a whole step', BEIJING, 851, 1000, { fen: 1000, weightGrams: 1001 }],
    ['whole steps', BEIJING, 2850, 1000, { fen: 1200, weightGrams: 3000 }],
    ['part of a further step', BEIJING, 2851, 1000, { fen: 1400, weightGrams: 3001 }],
    ['below the first weight', BEIJING, 1, 1000, { fen: 800, weightGrams: 151 }],
    ['free at exactly the amount', BEIJING, 5000, 9900, { fen: 0, free: true }],
    ['not free one fen below it', BEIJING, 5000, 9899, { fen: 800 + 5 * 200, free: false }],
    ['a county priced by its province', QINXIAN, 2350, 3800, { fen: 1200, rule: 'default' }],
    ['a province rule: its own prices', URUMQI, 2350, 3800, { fen: 1800 + 2 * 800, rule: 'province' }],
    ['a province rule without free shipping', URUMQI, 2350, 1_000_000, { fen: 1800 + 2 * 800, free: false }],
    ['a province code itself', '650000', 850, 1000, { fen: 1800 }],
  ])('%s', (_, region, grams, subtotal, expected) => {
    expect(shippingFeeFor(template, region, grams, subtotal)).toMatchObject({ ships: true, ...expected });
  });

  it('refuses a province the shop does not ship to, whatever the order', () => {
    expect(shippingFeeFor(template, HAIKOU, 1000, 1_000_000)).toEqual({ ships: false, weightGrams: 1150 });
  });

  it('finds the province of a county or city code', () => {
    expect([provinceOf('140430'), provinceOf('140400'), provinceOf('140000')]).toEqual(['140000', '140000', '140000']);
  });

  it('adds nothing for packaging when there is none, and never charges a fraction', () => {
    const plain = { ...template, packagingGrams: 0 };
    expect(shippingFeeFor(plain, BEIJING, 1000, 0)).toMatchObject({ fen: 800, weightGrams: 1000 });
    expect(shippingFeeFor({ ...plain, defaultRule: { ...plain.defaultRule, stepGrams: 500, stepFen: 150 } }, BEIJING, 1001, 0)).toMatchObject({ fen: 950 });
  });
});
