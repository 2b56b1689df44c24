// Starts CunShop: config → database → app → listen; stops gracefully on SIGTERM/SIGINT
// (stop accepting, let in-flight requests finish, close the database).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config';
import { loadEnvFile } from './env-file';
import { createLogger } from './logger';
import { bootstrap } from './bootstrap';
import { createApp } from './app';
import { SIMULATOR_PREFIX } from '../../contract/paths';
import { startScheduler } from './jobs/scheduler';
import { serverJobs } from './jobs';
import { claimDemo, fillDemo } from './demo/seed';

async function main(): Promise<void> {
  let config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  const boot = await bootstrap(config, logger);
  if (config.demoData) {
    // Before listening: the first visitor sees the shop, and the seller's first login cannot race
    // the seed. Only on an empty database (first start), a few seconds; a failure costs only the demo.
    const sellerId = await claimDemo(boot.services).catch((err) => logger.warn({ err }, 'the demo shop could not be created'));
    if (sellerId) {
      process.stdout.write('Empty database: creating a demo shop (first start only; DEMO_DATA=off to skip)…\n');
      const demo = await fillDemo(boot.services, sellerId).catch((err) => logger.warn({ err }, 'the demo shop could not be created'));
      if (demo) logger.info({ shop: demo.shopName, products: demo.products, orders: demo.orders, see: "open the app and log in as the simulator's seller (sim_seller_0001) to manage it; buyers see it in the shop list" }, 'demo shop created');
    }
  }
  const app = createApp(boot.services, { simulator: boot.simulator ?? undefined, serveH5: true });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  boot.setSelfBaseUrl(`http://127.0.0.1:${port}${SIMULATOR_PREFIX}`);
  boot.setSelfOrigin(`http://127.0.0.1:${port}`);
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  logger.info({ port, database: boot.db.embedded ? 'embedded' : 'MONGODB_URI', wechat: boot.simulator ? 'simulator' : 'api.weixin.qq.com' }, 'CunShop is running');
  process.stdout.write(`\nCunShop is running at http://${shownHost}:${port}/\n` +
    (boot.simulator ? `WeChat simulator: http://${shownHost}:${port}${SIMULATOR_PREFIX} (no real WeChat credentials configured)\n` : ''));

  if (boot.simulator && !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
    logger.warn({ host: config.host }, 'the WeChat simulator is reachable beyond this machine: anyone can log in as anyone');
  }
  const scheduler = startScheduler(serverJobs(boot.services), logger);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('requests still open after the grace period; closing them');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await scheduler.stop();
      boot.simulator?.pay?.stop(); // pending simulated notifications would post to a closed server
      await boot.services.background.drain();
      await boot.db.close().catch((err) => logger.error({ err }, 'closing the database failed'));
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`CunShop failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
