// Weigh and settle (多退少补) at shipping: the seller's packed weights checked against the order's
// lines, and the refund for what is short, by the one shared calculation (contract/packed-weight.ts).
import type { PackedWeightInput } from '../../../contract/payments';
import { orderedGrams, weightRefundFen } from '../../../contract/packed-weight';
import { validationError } from '../errors';
import { gramsToKg } from './units-text';
import type { OrderRecord } from '../models/order';


export interface WeighedShipment {
  /** $set paths recording each weighed line's packed grams. */
  set: Record<string, number>;
  refundFen: number;
  /** For the buyer: which lines were short and by how much. */
  reason: string;
}

export function weightRefundsFor(order: Pick<OrderRecord, 'lines'>, packed: PackedWeightInput[]): WeighedShipment {
  const index = new Map(order.lines.map((l, i) => [String(l.variantId), i]));
  const unknown = packed.flatMap((p, i) => (index.has(p.variantId) ? [] : [{ path: `packedWeights.${i}.variantId`, message: 'this variant is not on the order', code: 'unknown_variant' }]));
  if (unknown.length) throw validationError(unknown);
  const set: Record<string, number> = {};
  const short: string[] = [];
  let refundFen = 0;
  for (const p of packed) {
    const i = index.get(p.variantId) as number;
    const line = order.lines[i];
    set[`lines.${i}.packedGrams`] = p.grams;
    const fen = weightRefundFen(line, p.grams);
    if (fen > 0) {
      refundFen += fen;
      short.push(`${line.title}${line.variantName} 实发${gramsToKg(p.grams)}kg（订${gramsToKg(orderedGrams(line))}kg）`);
    }
  }
  return { set, refundFen, reason: `称重差价：${short.join('；')}`.slice(0, 100) };
}
