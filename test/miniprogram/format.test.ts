// Money and weight formatting: integers in, exact strings out.
import { formatFen, formatGrams, formatJin } from '../../miniprogram/src/utils/format';

describe('formatFen', () => {
  test.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [1280, '¥12.80'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-1280, '-¥12.80'],
    [-5, '-¥0.05'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%i fen → %s', (fen, expected) => {
    expect(formatFen(fen)).toBe(expected);
  });

  test.each([[12.8], [0.1 + 0.2], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 60]])('rejects %p', (fen) => {
    expect(() => formatFen(fen)).toThrow(RangeError);
  });
});

describe('formatGrams', () => {
  test.each([
    [0, '0 g'],
    [1, '1 g'],
    [500, '500 g'],
    [999, '999 g'],
    [1000, '1 kg'],
    [1001, '1.001 kg'],
    [1250, '1.25 kg'],
    [2500, '2.5 kg'],
    [25000, '25 kg'],
    [1234567, '1234.567 kg'],
  ])('%i g → %s', (grams, expected) => {
    expect(formatGrams(grams)).toBe(expected);
  });

  test.each([[-1], [2.5], [Number.NaN]])('rejects %p', (grams) => {
    expect(() => formatGrams(grams)).toThrow(RangeError);
  });
});

describe('formatJin (1 斤 = 500 g)', () => {
  test.each([
    [0, '0 斤'],
    [1, '0.002 斤'],
    [250, '0.5 斤'],
    [500, '1 斤'],
    [750, '1.5 斤'],
    [2500, '5 斤'],
    [2501, '5.002 斤'],
    [2999, '5.998 斤'],
    [50000, '100 斤'],
  ])('%i g → %s', (grams, expected) => {
    expect(formatJin(grams)).toBe(expected);
  });

  test('rejects negative and fractional grams', () => {
    expect(() => formatJin(-500)).toThrow(RangeError);
    expect(() => formatJin(0.5)).toThrow(RangeError);
  });
});
