// createApp(): builds the Koa app from its services without listening (tests drive it with
// supertest; main.ts listens). Middleware order is the request's path through the server.
import Koa from 'koa';
import Router from '@koa/router';
import mount from './http/mount';
import { API_PREFIX, SIMULATOR_PREFIX, paths } from '../../contract/paths';
import type { AppState } from './http/context';
import { requestContext } from './http/request-id';
import { errorHandler } from './http/errors';
import { securityHeaders } from './http/security';
import { corsFor } from './http/cors';
import { jsonBody } from './http/body';
import { serveH5 } from './http/static-h5';
import { mountRoutes } from './http/route';
import { createRegistry, buildOpenApiDocument } from './routes/openapi';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { fileRoutes } from './routes/files';
import { metaRoutes } from './routes/meta';
import { regionRoutes } from './routes/regions';
import { shopRoutes } from './routes/shops';
import { listingRoutes } from './routes/listings';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { adminRoutes } from './routes/admin';
import { photoRoutes } from './routes/photos';
import { shareRoutes } from './routes/share';
import { addressRoutes } from './routes/addresses';
import { customerRoutes } from './routes/customers';
import { dashboardRoutes } from './routes/dashboard';
import { subscriptionRoutes } from './routes/subscriptions';
import { paymentRoutes } from './routes/payments';
import { authenticate } from './domain/sessions';
import { databaseHealth } from './db/health';
import type { Services } from './services';
import type { WeChatSimulator } from './wechat/simulator';

export interface AppOptions {
  /** The WeChat simulator to mount at /wechat-sim (npm start without credentials). */
  simulator?: WeChatSimulator;
  /** Serve the H5 build from config.h5DistDir. */
  serveH5?: boolean;
}

export function createApp(services: Services, options: AppOptions = {}): Koa<AppState> {
  const { config, logger } = services;
  const app = new Koa<AppState>({ proxy: config.trustProxy });
  app.silent = true; // errors are logged by errorHandler, with the request id

  const registry = createRegistry();
  const api = new Router<AppState>({ prefix: API_PREFIX });
  mountRoutes(api, registry, services, API_PREFIX, [
    ...authRoutes(services),
    ...meRoutes(services),
    ...fileRoutes(services),
    ...photoRoutes(services),
    ...shareRoutes(services),
    ...metaRoutes(services, Boolean(options.simulator)),
    ...regionRoutes(),
    ...shopRoutes(services),
    ...listingRoutes(services),
    ...orderRoutes(services),
    ...productRoutes(services),
    ...adminRoutes(services),
    ...addressRoutes(services),
    ...customerRoutes(services),
    ...dashboardRoutes(services),
    ...subscriptionRoutes(services),
    ...paymentRoutes(services),
  ]);
  const openapi = buildOpenApiDocument(registry);
  api.get(paths.openapi, (ctx) => {
    ctx.body = openapi;
  });

  const root = new Router<AppState>();
  root.get('/healthz', async (ctx) => {
    const db = await databaseHealth(services.conn);
    ctx.status = db.ok ? 200 : 503;
    ctx.body = { status: db.ok ? 'ok' : 'degraded', database: db };
  });

  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(corsFor(config.corsOrigins));
  if (options.simulator) {
    // The simulated subscribe dialog may be told who is asking by our API's bearer token.
    options.simulator.identifyBearer = (token) => authenticate(services, token).then((r) => r.user.openid, () => null);
    app.use(mount(SIMULATOR_PREFIX, options.simulator.app));
  }
  app.use(jsonBody(config.bodyLimitBytes));
  app.use(root.routes());
  app.use(api.routes());
  app.use(api.allowedMethods()); // answers OPTIONS, and leaves 405/501 with Allow for errorHandler
  if (options.serveH5) app.use(serveH5(config.h5DistDir));
  return app;
}
