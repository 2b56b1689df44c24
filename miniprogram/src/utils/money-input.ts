// What a seller types into price, weight and stock boxes, turned into exact integers (fen, grams,
// packs) by reading the digits as text: "38.5" is 3850 fen, never 38.5 × 100 in floating point.

export type InputProblem = 'empty' | 'invalid' | 'tooPrecise' | 'tooLarge' | 'tooSmall' | 'notWholeGrams';

export type Parsed = { ok: true; value: number } | { ok: false; problem: InputProblem };

const ok = (value: number): Parsed => ({ ok: true, value });
const problem = (p: InputProblem): Parsed => ({ ok: false, problem: p });

/** Full-width digits and the Chinese full stop, as some phone keyboards type them. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[。．]/g, '.')
    .replace(/^¥|^￥/, '')
    .trim();
}

/** More digits than this cannot be a real price or weight and would lose precision as a number. */
const MAX_DIGITS = 12;

/**
 * A non-negative decimal with at most `places` decimals → an integer in units of 10^-places,
 * e.g. ("38.5", 2) → 3850. Pure string work: no float ever holds the value.
 */
export function parseDecimal(text: string, places: number): Parsed {
  const clean = normalise(text);
  if (clean === '') return problem('empty');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return problem('invalid');
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > places) return problem('tooPrecise');
  if (whole.length > MAX_DIGITS) return problem('tooLarge');
  const digits = `${whole || '0'}${fraction.padEnd(places, '0')}`;
  return ok(Number.parseInt(digits, 10));
}

/** Yuan as typed ("38", "38.5", "38.50", "¥38") → integer fen; more than 2 decimals is refused. */
export function parseYuanToFen(text: string, maxFen: number): Parsed {
  const parsed = parseDecimal(text, 2);
  if (!parsed.ok) return parsed;
  if (parsed.value < 1) return problem('tooSmall');
  if (parsed.value > maxFen) return problem('tooLarge');
  return parsed;
}

export type WeightUnit = 'jin' | 'kg' | 'g';
export const WEIGHT_UNITS: readonly WeightUnit[] = ['jin', 'kg', 'g'];

/**
 * A weight as typed in 斤, kg or g → integer grams. kg allows 3 decimals (a gram), 斤 allows
 * what comes to whole grams (1 斤 = 500 g, so "0.002" 斤 is 1 g but "0.001" 斤 is half a gram).
 */
export function parseWeightToGrams(text: string, unit: WeightUnit, maxGrams: number): Parsed {
  let grams: number;
  if (unit === 'g') {
    const parsed = parseDecimal(text, 0);
    if (!parsed.ok) return parsed.problem === 'tooPrecise' ? problem('notWholeGrams') : parsed;
    grams = parsed.value;
  } else if (unit === 'kg') {
    const parsed = parseDecimal(text, 3);
    if (!parsed.ok) return parsed.problem === 'tooPrecise' ? problem('notWholeGrams') : parsed;
    grams = parsed.value;
  } else {
    const parsed = parseDecimal(text, 3);
    if (!parsed.ok) return parsed.problem === 'tooPrecise' ? problem('notWholeGrams') : parsed;
    // thousandths of a jin × 500 g / 1000 = thousandths / 2 grams: whole only when even.
    if (parsed.value % 2 !== 0) return problem('notWholeGrams');
    grams = parsed.value / 2;
  }
  if (grams < 1) return problem('tooSmall');
  if (grams > maxGrams) return problem('tooLarge');
  return ok(grams);
}

/** A whole count of packs, 0 or more. */
export function parseCount(text: string, max: number): Parsed {
  const parsed = parseDecimal(text, 0);
  if (!parsed.ok) return parsed.problem === 'tooPrecise' ? problem('invalid') : parsed;
  if (parsed.value > max) return problem('tooLarge');
  return parsed;
}

/** A signed whole change ("+20", "-3", "5") for stock adjustments; 0 reads as "no change". */
export function parseSignedCount(text: string, max: number): Parsed {
  const clean = normalise(text);
  const negative = clean.startsWith('-') || clean.startsWith('－');
  const unsigned = clean.replace(/^[+＋\-－]/, '');
  const parsed = parseCount(unsigned, max);
  if (!parsed.ok) return parsed;
  return ok(negative ? -parsed.value : parsed.value);
}

/** A signed weight change in kg ("+100", "-2.5") → integer grams. */
export function parseSignedKgToGrams(text: string, maxGrams: number): Parsed {
  const clean = normalise(text);
  const negative = clean.startsWith('-') || clean.startsWith('－');
  const unsigned = clean.replace(/^[+＋\-－]/, '');
  const parsed = parseDecimal(unsigned, 3);
  if (!parsed.ok) return parsed.problem === 'tooPrecise' ? problem('notWholeGrams') : parsed;
  if (parsed.value > maxGrams) return problem('tooLarge');
  return ok(negative ? -parsed.value : parsed.value);
}

/** Integer fen → what the price box shows when editing: 3800 → "38", 3850 → "38.5", 3805 → "38.05". */
export function fenToInput(fen: number): string {
  return decimalText(fen, 2);
}

/** Integer grams → the weight box text in a unit: 2500 g → "2.5" kg, "5" 斤, "2500" g. */
export function gramsToInput(grams: number, unit: WeightUnit): string {
  if (unit === 'g') return String(grams);
  if (unit === 'kg') return decimalText(grams, 3);
  return decimalText(grams * 2, 3); // grams × 2 = thousandths of a jin
}

/** The unit a saved weight is shown in for editing: kg (as pack names say "2.5公斤"), or grams for odd weights. */
export function naturalUnit(grams: number): WeightUnit {
  return grams % 10 === 0 ? 'kg' : 'g';
}

function decimalText(scaled: number, places: number): string {
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
