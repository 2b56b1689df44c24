// Times as people in China read them: China time (UTC+8, no daylight saving), "2026-11-28 16:00",
// whatever zone the phone (or the test machine) is set to.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatWhen(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  const text = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** The day in China as digits, "20261128" (for file names). */
export function chinaDay(now: number = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}
