// Weigh and settle (多退少补): produce is packed by hand, so what leaves the farm can be short of
// what was ordered. The shortfall is refunded in proportion to the line's price. One calculation,
// used by the server to refund and by the seller's ship form to show the refund before shipping.

export interface WeighedLine {
  /** What the line cost (price × quantity), in fen. */
  lineFen: number;
  /** One pack's net weight, in grams. */
  netWeightGrams: number;
  quantity: number;
}

/** Grams ordered on a line: one pack's net weight times the packs. */
export const orderedGrams = (line: WeighedLine) => line.netWeightGrams * line.quantity;

/**
 * The refund for a line packed at `packedGrams`: lineFen × shortfall ÷ ordered, rounded down to
 * the fen (the buyer is never refunded more than the shortfall is worth; integers only, so no
 * float error). Nothing when nothing is short; never more than the line cost.
 */
export function weightRefundFen(line: WeighedLine, packedGrams: number): number {
  const ordered = orderedGrams(line);
  const short = Math.min(ordered, Math.max(0, ordered - packedGrams));
  if (short === 0 || ordered === 0) return 0;
  // lineFen ≤ 1e8 and short ≤ 1e7: the product stays far inside 2^53.
  return Math.floor((line.lineFen * short) / ordered);
}
