// How long an unpaid order has before it cancels itself, in words: "还剩 25 分钟".
import { t } from '../../i18n';

const MINUTE_MS = 60_000;

/** Whole minutes left (rounded up, so "1 minute" shows until the end); 0 once expired. */
export function minutesLeft(expiresAt: string | null, now: number): number | null {
  if (!expiresAt) return null;
  const ms = Date.parse(expiresAt) - now;
  if (Number.isNaN(ms)) return null;
  return ms <= 0 ? 0 : Math.ceil(ms / MINUTE_MS);
}

export function countdownText(expiresAt: string | null, now: number): string | null {
  const minutes = minutesLeft(expiresAt, now);
  if (minutes === null) return null;
  if (minutes === 0) return t('orders.expiring');
  if (minutes < 60) return t('orders.minutesLeft', { minutes });
  return t('orders.hoursLeft', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
