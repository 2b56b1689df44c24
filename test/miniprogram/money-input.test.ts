// What sellers type into price, weight and stock boxes, read as exact integers (no floats).
import {
  fenToInput, gramsToInput, naturalUnit, parseCount, parseDecimal, parseSignedCount, parseSignedKgToGrams, parseWeightToGrams,
  parseYuanToFen,
} from '../../miniprogram/src/utils/money-input';

const MAX_FEN = 10_000_000;
const MAX_GRAMS = 100_000;

describe('yuan → fen', () => {
  test.each([
    ['38', 3800],
    ['38.5', 3850],
    ['38.50', 3850],
    ['38.05', 3805],
    ['0.01', 1],
    ['0.1', 10],
    ['0.2', 20],
    ['0.3', 30],
    ['1.10', 110],
    ['  72 ', 7200],
    ['¥38.00', 3800],
    ['38.', 3800],
    ['.5', 50],
    ['007.20', 720],
    ['３８．５', 3850],
    ['100000', 10_000_000],
    ['19.99', 1999],
  ])('%p → %p fen', (text, fen) => {
    expect(parseYuanToFen(text, MAX_FEN)).toEqual({ ok: true, value: fen });
  });

  test('0.1 + 0.2 style sums stay exact in fen', () => {
    const a = parseYuanToFen('0.1', MAX_FEN);
    const b = parseYuanToFen('0.2', MAX_FEN);
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(a.value + b.value).toBe(30);
    // A float would say 0.30000000000000004 yuan; 4.35 × 100 is 434.99999999999994 in floating point.
    expect(parseYuanToFen('4.35', MAX_FEN)).toEqual({ ok: true, value: 435 });
    expect(parseYuanToFen('1.15', MAX_FEN)).toEqual({ ok: true, value: 115 });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['38元', 'invalid'],
    ['3 8', 'invalid'],
    ['-5', 'invalid'],
    ['1e3', 'invalid'],
    ['38,00', 'invalid'],
    ['.', 'invalid'],
    ['38.505', 'tooPrecise'],
    ['0.001', 'tooPrecise'],
    ['0', 'tooSmall'],
    ['0.00', 'tooSmall'],
    ['100000.01', 'tooLarge'],
    ['99999999999999999999999', 'tooLarge'],
    ['1' + '0'.repeat(400), 'tooLarge'],
  ])('%p is refused (%s)', (text, problem) => {
    expect(parseYuanToFen(text, MAX_FEN)).toEqual({ ok: false, problem });
  });

  test('trailing zeros beyond two decimals are fine: 38.500 is 3850', () => {
    expect(parseYuanToFen('38.500', MAX_FEN)).toEqual({ ok: true, value: 3850 });
  });
});

describe('weight → grams', () => {
  test.each([
    ['2.5', 'kg', 2500],
    ['5', 'kg', 5000],
    ['0.001', 'kg', 1],
    ['5', 'jin', 2500],
    ['0.5', 'jin', 250],
    ['1.25', 'jin', 625],
    ['0.002', 'jin', 1],
    ['500', 'g', 500],
    ['100', 'kg', 100_000],
  ] as const)('%p %s → %p g', (text, unit, grams) => {
    expect(parseWeightToGrams(text, unit, MAX_GRAMS)).toEqual({ ok: true, value: grams });
  });

  test.each([
    ['', 'kg', 'empty'],
    ['abc', 'kg', 'invalid'],
    ['2.5', 'g', 'notWholeGrams'],
    ['0.0005', 'kg', 'notWholeGrams'],
    ['0.001', 'jin', 'notWholeGrams'],
    ['0', 'kg', 'tooSmall'],
    ['100.001', 'kg', 'tooLarge'],
    ['200.002', 'jin', 'tooLarge'],
    ['99999999999999999', 'g', 'tooLarge'],
  ] as const)('%p %s is refused (%s)', (text, unit, problem) => {
    expect(parseWeightToGrams(text, unit, MAX_GRAMS)).toEqual({ ok: false, problem });
  });
});

describe('counts and changes', () => {
  test('whole counts only', () => {
    expect(parseCount('12', 100)).toEqual({ ok: true, value: 12 });
    expect(parseCount('0', 100)).toEqual({ ok: true, value: 0 });
    expect(parseCount('1.5', 100)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseCount('101', 100)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  test('signed changes for restocking and corrections', () => {
    expect(parseSignedCount('+20', 1000)).toEqual({ ok: true, value: 20 });
    expect(parseSignedCount('-3', 1000)).toEqual({ ok: true, value: -3 });
    expect(parseSignedCount('5', 1000)).toEqual({ ok: true, value: 5 });
    expect(parseSignedCount('--3', 1000)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseSignedKgToGrams('-2.5', 1_000_000_000)).toEqual({ ok: true, value: -2500 });
    expect(parseSignedKgToGrams('+100', 1_000_000_000)).toEqual({ ok: true, value: 100_000 });
    expect(parseSignedKgToGrams('0.0001', 1_000_000_000)).toEqual({ ok: false, problem: 'notWholeGrams' });
  });

  test('parseDecimal keeps precision far beyond floats', () => {
    expect(parseDecimal('123456789012.99', 2)).toEqual({ ok: true, value: 12345678901299 });
  });
});

describe('back to the input boxes', () => {
  test('fen → yuan text', () => {
    expect(fenToInput(3800)).toBe('38');
    expect(fenToInput(3850)).toBe('38.5');
    expect(fenToInput(3805)).toBe('38.05');
    expect(fenToInput(1)).toBe('0.01');
  });

  test('grams → text in a unit, and back again exactly', () => {
    expect(gramsToInput(2500, 'kg')).toBe('2.5');
    expect(gramsToInput(2500, 'jin')).toBe('5');
    expect(gramsToInput(625, 'jin')).toBe('1.25');
    expect(gramsToInput(1, 'jin')).toBe('0.002');
    expect(gramsToInput(2500, 'g')).toBe('2500');
    for (const grams of [1, 250, 333, 625, 2500, 99_999]) {
      for (const unit of ['jin', 'kg', 'g'] as const) {
        expect(parseWeightToGrams(gramsToInput(grams, unit), unit, MAX_GRAMS)).toEqual({ ok: true, value: grams });
      }
    }
  });

  test('saved weights come back in kg, odd ones in grams', () => {
    expect(naturalUnit(5000)).toBe('kg');
    expect(naturalUnit(2500)).toBe('kg');
    expect(naturalUnit(250)).toBe('kg');
    expect(naturalUnit(333)).toBe('g');
  });
});
