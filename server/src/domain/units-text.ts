// Money and weight as text, by integer arithmetic (no float ever touches fen or grams): one
// place for the server's messages, posters, the pick list and refund reasons.

/** Fen as yuan with two decimals: 1250 → "12.50", -150 → "-1.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "¥12.50". */
export const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

/** Grams as kilograms without trailing zeros: 5200 → "5.2", 5000 → "5". */
export function gramsToKg(grams: number): string {
  const g = Math.round(grams);
  const frac = String(g % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${Math.floor(g / 1000)}.${frac}` : String(Math.floor(g / 1000));
}
