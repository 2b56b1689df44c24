// China time (UTC+8, no daylight saving) for what people read and for "today": times are stored
// in UTC; only day boundaries and text shown to sellers and buyers use China's clock.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-time calendar fields of an instant, as zero-padded strings. */
export function chinaClock(at: Date): { year: string; month: string; day: string; hour: string; minute: string } {
  // Shifting by the fixed offset and reading UTC fields is exact: China has had no DST since 1991.
  const iso = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString();
  return { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10), hour: iso.slice(11, 13), minute: iso.slice(14, 16) };
}

/** The China day an instant falls in: [start, end) in UTC, and its date "2026-11-28". */
export function chinaDayOf(at: Date): { start: Date; end: Date; date: string } {
  const shifted = at.getTime() + CHINA_OFFSET_MS;
  const startShifted = shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
  const start = new Date(startShifted - CHINA_OFFSET_MS);
  return { start, end: new Date(start.getTime() + DAY_MS), date: new Date(startShifted).toISOString().slice(0, 10) };
}

/** "2026-11-28 14:30", China time. */
export function formatChinaDateTime(at: Date): string {
  const c = chinaClock(at);
  return `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}`;
}
