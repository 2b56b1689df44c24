// What the app is built from: configuration, models on one database connection, WeChat, the logger.
// createApp() receives these, so tests can build apps on their own databases and simulators.
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Models } from './models';
import type { WeChatClient } from './wechat/client';
import type { WeChatPayClient } from './wechat/pay/client';
import type { FileStore } from './storage/files';
import type { Background } from './background';

export interface Services {
  config: Config;
  conn: Connection;
  models: Models;
  wechat: WeChatClient;
  /** WeChat Pay; null when payments are off (buyers pay sellers directly). */
  wechatPay: WeChatPayClient | null;
  files: FileStore;
  logger: Logger;
  /** Follow-up work off the request's path (messages after an order's change). */
  background: Background;
  now: () => Date;
}
