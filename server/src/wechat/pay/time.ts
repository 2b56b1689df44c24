// WeChat Pay (and WeChat's shipping-info upload) write times as RFC 3339 in Beijing time, e.g.
// 2026-11-28T21:05:00+08:00; we keep UTC Dates and convert only here, at the edge.
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** RFC 3339 at +08:00, to the second (a Date, or milliseconds since the epoch). */
export function beijingTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** An RFC 3339 time with its offset, as WeChat Pay answers; null when absent or not a time. */
export function parseWeChatTime(text: string | null | undefined): Date | null {
  if (!text || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * At most `max` characters, trimmed, an ellipsis marking a cut. Counted in UTF-16 units (an emoji
 * is two), the stricter of the ways WeChat may count, and never cutting a character in half.
 */
export function cutText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let out = '';
  for (const ch of trimmed) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
