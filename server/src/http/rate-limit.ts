// Per-person limits on the endpoints that cost real work or WeChat quota (resizing photos,
// drawing posters, asking WeChat's content check), so one runaway phone or script cannot starve
// everyone else. A fixed one-minute window per (person, endpoint), kept in this process: with
// several instances each enforces its own share, which is enough to stop a flood.
import { AppError } from '../errors';
import type { AppMiddleware } from './context';

export interface RateLimit {
  /** Names the bucket, e.g. `photos`. */
  name: string;
  perMinute: number;
}

const WINDOW_MS = 60_000;

export function rateLimiter(now: () => Date = () => new Date()) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;

  function sweep(t: number) {
    if (t - lastSweep < WINDOW_MS) return;
    lastSweep = t;
    for (const [key, w] of windows) if (t - w.start >= WINDOW_MS) windows.delete(key);
  }

  return (limit: RateLimit): AppMiddleware =>
    async (ctx, next) => {
      const who = ctx.state.user?.id ?? ctx.ip;
      const key = `${limit.name}:${who}`;
      const t = now().getTime();
      sweep(t);
      let w = windows.get(key);
      if (!w || t - w.start >= WINDOW_MS) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= limit.perMinute) {
        const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000));
        ctx.set('Retry-After', String(retryAfter));
        throw new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
      }
      w.count += 1;
      await next();
    };
}
