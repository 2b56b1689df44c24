// Prices by weight, computed the same way on the server and in the mini-program (zod-free).
// Integer fen and grams in, integer fen out: rounding half up, never a float stored or sent.

/** The price of `perGrams` grams at this pack's price, e.g. ¥ per 500 g (one jin) or per kg. */
export function unitPriceFen(priceFen: number, netWeightGrams: number, perGrams: 500 | 1000): number {
  // priceFen ≤ 1e7 and perGrams ≤ 1e3 keep the product far inside 2^53, so this is exact.
  return Math.floor((priceFen * perGrams * 2 + netWeightGrams) / (netWeightGrams * 2));
}

/** How many packs of a variant the stock allows: its own count, or the bulk grams it can take. */
export function packsAvailable(
  stockMode: 'per_variant' | 'bulk',
  variant: { stock?: number | null; netWeightGrams: number },
  bulkStockGrams: number | null | undefined,
): number {
  if (stockMode === 'bulk') return Math.floor((bulkStockGrams ?? 0) / variant.netWeightGrams);
  return variant.stock ?? 0;
}
