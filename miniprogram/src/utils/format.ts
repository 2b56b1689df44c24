// Money and weight for people: integer fen and integer grams in, display strings out.
// Only integer arithmetic is used, so 0.1 + 0.2 style drift can never reach a price label.

function requireInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

/** 1234567 → "1,234,567": digits grouped in threes, as on Chinese price tags. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A whole part and a remainder in thousandths → "2.5", "2", "0.002". */
function decimalThousandths(whole: number, thousandths: number): string {
  if (thousandths === 0) return String(whole);
  const fraction = String(thousandths).padStart(3, '0').replace(/0+$/, '');
  return `${whole}.${fraction}`;
}

/** Integer fen → "¥12.80"; negative amounts (refunds) → "-¥12.80"; thousands grouped "¥1,234.50". */
export function formatFen(fen: number): string {
  requireInteger(fen, 'fen');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

function requireWeight(grams: number): void {
  requireInteger(grams, 'grams');
  if (grams < 0) throw new RangeError(`grams must not be negative, got ${grams}`);
}

/** Integer grams → "500 g" below a kilogram, "2.5 kg" from one kilogram up. */
export function formatGrams(grams: number): string {
  requireWeight(grams);
  if (grams < 1000) return `${grams} g`;
  return `${decimalThousandths(Math.floor(grams / 1000), grams % 1000)} kg`;
}

/** Grams in one 斤 (jin), the unit rural markets price grain by. */
export const GRAMS_PER_JIN = 500;

/** Integer grams → "5 斤", "1.5 斤" (1 斤 = 500 g; a gram is 0.002 斤, so thousandths are exact). */
export function formatJin(grams: number): string {
  requireWeight(grams);
  const whole = Math.floor(grams / GRAMS_PER_JIN);
  const thousandths = (grams % GRAMS_PER_JIN) * 2;
  return `${decimalThousandths(whole, thousandths)} 斤`;
}
