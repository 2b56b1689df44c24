// CORS only for configured origins; the H5 build is same-origin and needs none.
import cors from '@koa/cors';
import type { AppMiddleware } from './context';

export function corsFor(origins: string[]): AppMiddleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      return allowed.has(origin) ? origin : '';
    },
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
  }) as unknown as AppMiddleware;
}
