// What our middleware adds to Koa's context state, typed once.
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger';
import type { UserDoc } from '../models/user';
import type { SessionDoc } from '../models/session';

export interface AppState {
  requestId: string;
  log: Logger;
  user?: UserDoc;
  session?: SessionDoc;
  /** Validated inputs, set by validate(). */
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

export type AppContext = Context & { state: AppState };
export type AppMiddleware = Middleware<AppState>;
