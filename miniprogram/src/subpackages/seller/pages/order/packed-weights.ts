// What the seller really packed of each line (produce is weighed by hand), typed in kg and read
// as exact grams, with the refund each short line brings: the same `weightRefundFen` the server
// refunds with, so the preview is the refund. Lines left empty are not sent: packed as ordered.
import { orderedGrams, weightRefundFen } from '../../../../../../contract/packed-weight';
import type { OrderLineView } from '../../../../../../contract/orders';
import { PackedWeightInput } from '../../../../../../contract/payments';
import type { FieldErrors } from '../../../../components/Field/errors';
import { t } from '../../../../i18n';
import { parseWeightToGrams } from '../../../../utils/money-input';

/** What the seller typed per line (kg), by variant id. */
export type PackedTexts = Record<string, string>;

/** The contract's ceiling on one line's packed grams. */
const MAX_PACKED_GRAMS = PackedWeightInput.shape.grams.maxValue ?? 10_000_000;

export type PackedLine =
  | { entered: false }
  | { entered: true; ok: false; error: string }
  | { entered: true; ok: true; grams: number; shortGrams: number; refundFen: number };

/** The error box's key for a line (the request's own paths index only the lines sent). */
export const packedField = (variantId: string) => `packed.${variantId}`;

/** One line's box read: nothing typed, a problem, or grams with the shortfall and its refund. */
export function readPackedLine(line: OrderLineView, text: string | undefined): PackedLine {
  if (!text || text.trim() === '') return { entered: false };
  const parsed = parseWeightToGrams(text, 'kg', MAX_PACKED_GRAMS);
  let grams: number;
  if (parsed.ok) grams = parsed.value;
  // "0": nothing of this line went in the box; the whole line comes back to the buyer.
  else if (parsed.problem === 'tooSmall') grams = 0;
  else {
    const key = parsed.problem === 'notWholeGrams' ? 'sellerPay.weightTooPrecise' : parsed.problem === 'tooLarge' ? 'sellerPay.weightTooLarge' : 'sellerPay.weightInvalid';
    return { entered: true, ok: false, error: t(key) };
  }
  const shortGrams = Math.max(0, orderedGrams(line) - grams);
  return { entered: true, ok: true, grams, shortGrams, refundFen: weightRefundFen(line, grams) };
}

export type PackedResult =
  | { ok: true; packedWeights: PackedWeightInput[]; refundFen: number }
  | { ok: false; errors: FieldErrors };

/** The `packedWeights` to ship with (only lines typed in) and the refund they bring, or the boxes' errors. */
export function packedWeightsRequest(lines: OrderLineView[], texts: PackedTexts): PackedResult {
  const errors: FieldErrors = {};
  const packedWeights: PackedWeightInput[] = [];
  let refundFen = 0;
  for (const line of lines) {
    const read = readPackedLine(line, texts[line.variantId]);
    if (!read.entered) continue;
    if (!read.ok) {
      errors[packedField(line.variantId)] = read.error;
      continue;
    }
    packedWeights.push({ variantId: line.variantId, grams: read.grams });
    refundFen += read.refundFen;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, packedWeights, refundFen };
}

/** The refund shown before shipping: the lines' refunds, never more than may still be refunded. */
export function packedRefundPreview(lines: OrderLineView[], texts: PackedTexts, refundableFen: number): number {
  let total = 0;
  for (const line of lines) {
    const read = readPackedLine(line, texts[line.variantId]);
    if (read.entered && read.ok) total += read.refundFen;
  }
  return Math.min(total, refundableFen);
}
