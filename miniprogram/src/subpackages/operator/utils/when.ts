// Times as operators read them: China time (UTC+8, no daylight saving), "2026-11-28 16:00".
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatWhen(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  const text = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}
