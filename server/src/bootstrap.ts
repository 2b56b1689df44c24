// Builds the services an app runs on from a config: database, models, WeChat client, simulator.
// Shared by main.ts and the tests, so both run the same wiring.
import { createBackground } from './background';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type Database } from './db/connect';
import { createModels } from './models';
import { WeChatClient } from './wechat/client';
import { createWeChatSimulator, type WeChatSimulator } from './wechat/simulator';
import { createPayment } from './wechat/pay/setup';
import { GridFsFileStore } from './storage/files';
import { simulatorTemplateKeywords } from './wechat/subscribe-templates';
import type { Services } from './services';

export interface Bootstrapped {
  services: Services;
  db: Database;
  simulator: WeChatSimulator | null;
  /** Where this server's own simulator is reached, once the port is known. */
  setSelfBaseUrl(url: string): void;
  /** This server's own origin (http://127.0.0.1:<port>), once listening: the default WeChat Pay notify URL's. */
  setSelfOrigin(origin: string): void;
}

export async function bootstrap(config: Config, logger: Logger, db?: Database): Promise<Bootstrapped> {
  const database = db ?? (await openDatabase(config, logger));
  const models = createModels(database.conn);
  await Promise.all(Object.values(models).map((m) => m.init()));
  let selfBase = '';
  let selfOrigin = '';
  const payment = createPayment(config, { simulatorBase: () => selfBase, selfOrigin: () => selfOrigin });
  const simulator = config.wechat.simulator
    ? createWeChatSimulator({
        appid: config.wechat.appid,
        secret: config.wechat.secret,
        // The templates "set up in WeChat's console" are the ones this server is configured with.
        templates: simulatorTemplateKeywords(Object.values(config.wechat.subscribeTemplates)),
        ...(payment.simulatorPay ? { pay: payment.simulatorPay } : {}),
      })
    : null;
  const wechat = new WeChatClient({
    appid: config.wechat.appid,
    secret: config.wechat.secret,
    baseUrl: () => config.wechat.apiBase ?? selfBase,
  });
  const services: Services = {
    config,
    conn: database.conn,
    models,
    wechat,
    wechatPay: payment.client,
    logger,
    files: new GridFsFileStore(database.conn.db!),
    background: createBackground(logger),
    now: () => new Date(),
  };
  return {
    services,
    db: database,
    simulator,
    setSelfBaseUrl(url) {
      selfBase = url;
    },
    setSelfOrigin(origin) {
      selfOrigin = origin;
    },
  };
}
