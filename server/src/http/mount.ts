// Mounts another Koa app under a path prefix (the WeChat simulator at /wechat-sim).
import type Koa from 'koa';
import compose from 'koa-compose';
import type { AppMiddleware } from './context';

export default function mount(prefix: string, app: Koa): AppMiddleware {
  const downstream = compose(app.middleware);
  return async (ctx, next) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(prefix + '/')) return next();
    const original = ctx.path;
    ctx.path = original.slice(prefix.length) || '/';
    try {
      await downstream(ctx as unknown as Koa.Context);
    } finally {
      ctx.path = original;
    }
  };
}
