// A faithful local stand-in for WeChat's servers (api.weixin.qq.com), mounted when no real
// credentials are configured, and used by the tests. Same paths, parameters, answers and errcodes
// as WeChat; the /dev/* paths are the simulator's own controls (issue login codes, inject errors).
import Koa from 'koa';
import Router from '@koa/router';
import { z } from 'zod';
import { SimulatorState, CODE_TTL_MS, TOKEN_TTL_S, FORCE_REFRESH_DAILY_LIMIT, openidForIdentity } from './state';
import { SimLoginCodeRequest } from '../../../../contract/auth';
import { readJson } from '../../http/body';
import { registerContentCheck } from './content-check';
import { registerWxaCode } from './wxacode';
import { registerSubscribeMessage } from './subscribe-message';
import { SIMULATOR_TEMPLATES, simulatorTemplateKeywords } from '../subscribe-templates';
import { SimulatorPay, type SimulatorPayOptions } from './pay';
import { registerPayRoutes } from './pay-routes';
import { registerPaySheet } from './pay-sheet';
import { registerShippingInfo } from './shipping-info';

export interface SimulatorOptions {
  appid: string;
  secret: string;
  now?: () => number;
  /** Subscription templates it knows (id → keywords); by default the built-in simulator templates. */
  templates?: Record<string, string[]>;
  /** WeChat Pay (API v3) and upload_shipping_info: its merchants and keys; absent, no pay routes. */
  pay?: SimulatorPayOptions;
}

export interface WeChatSimulator {
  app: Koa;
  state: SimulatorState;
  /**
   * How the dev subscribe dialog learns who is "holding the phone" from a bearer token of our
   * API (set by createApp when the simulator is mounted on the same server); null: unknown.
   */
  identifyBearer: ((token: string) => Promise<string | null>) | null;
  /** The simulated WeChat Pay when created with `pay` options; stop() it to cancel pending notifications. */
  pay: SimulatorPay | null;
}

const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: sim` });

/** WeChat's own bodies are small; anything unreadable is its errcode 47001, "data format error". */
async function readBody(ctx: Koa.Context): Promise<unknown> {
  const body = await readJson(ctx.req, 64 * 1024);
  return 'value' in body ? body.value : undefined;
}

// The mini-program's request (a test identity), plus what tests may also ask for: a chosen
// openid, and a WeChat errcode to answer when the code is exchanged.
const failWith = z.number().int().optional();
const LoginCodeControl = z.union([
  SimLoginCodeRequest.extend({ failWith }),
  z.object({ openid: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/), failWith }).strict(),
]);

export function createWeChatSimulator(opts: SimulatorOptions): WeChatSimulator {
  const state = new SimulatorState(opts.appid, opts.secret, opts.now);
  for (const [id, keywords] of Object.entries(opts.templates ?? simulatorTemplateKeywords(Object.values(SIMULATOR_TEMPLATES)))) {
    state.templates.set(id, keywords);
  }
  const router = new Router();
  const pay = opts.pay ? new SimulatorPay(opts.pay, state.now) : null;
  const simulator: WeChatSimulator = { app: new Koa(), state, identifyBearer: null, pay };

  /** GET /sns/jscode2session — code2Session. */
  router.get('/sns/jscode2session', (ctx) => {
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query as Record<string, string | undefined>;
    if (appid !== state.appid) return void (ctx.body = err(40013, 'invalid appid'));
    if (secret !== state.secret) return void (ctx.body = err(40125, 'invalid appsecret'));
    if (grantType !== 'authorization_code') return void (ctx.body = err(40002, 'invalid grant_type'));
    const issued = code ? state.codes.get(code) : undefined;
    if (!code || !issued || state.now() - issued.issuedAt > CODE_TTL_MS) return void (ctx.body = err(40029, 'invalid code'));
    if (issued.used) return void (ctx.body = err(40163, 'code been used'));
    issued.used = true;
    if (issued.failWith !== undefined) return void (ctx.body = err(issued.failWith, 'simulated failure'));
    state.lastLoginOpenid = issued.openid;
    ctx.body = {
      openid: issued.openid,
      session_key: state.sessionKeyFor(issued.openid),
      unionid: state.unionidFor(issued.openid),
    };
  });

  /** POST /cgi-bin/stable_token — getStableAccessToken. */
  router.post('/cgi-bin/stable_token', async (ctx) => {
    const body = (await readBody(ctx)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return void (ctx.body = err(47001, 'data format error'));
    if (body.grant_type !== 'client_credential') return void (ctx.body = err(40002, 'invalid grant_type'));
    if (body.appid !== state.appid) return void (ctx.body = err(40013, 'invalid appid'));
    if (body.secret !== state.secret) return void (ctx.body = err(40125, 'invalid appsecret'));
    const now = state.now();
    const force = body.force_refresh === true;
    if (force) {
      const day = new Date(now).toISOString().slice(0, 10);
      if (state.forceRefreshes.day !== day) state.forceRefreshes = { day, count: 0 };
      if (state.forceRefreshes.count >= FORCE_REFRESH_DAILY_LIMIT) {
        return void (ctx.body = err(45009, 'reach max api daily quota limit'));
      }
      state.forceRefreshes.count += 1;
      // Force refresh makes the previous token invalid at once.
      if (state.current) state.tokens.delete(state.current.value);
    }
    let token = state.current;
    if (force || !token || token.expiresAt <= now) token = state.issueToken();
    ctx.body = { access_token: token.value, expires_in: Math.min(TOKEN_TTL_S, Math.floor((token.expiresAt - now) / 1000)) };
  });

  /** Simulator control: a wx.login code for a test identity (the H5 build's "log in as…"). */
  router.post('/dev/login-code', async (ctx) => {
    const parsed = LoginCodeControl.safeParse(await readBody(ctx));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: { code: 'VALIDATION_FAILED', message: 'identity must be seller, buyer or new' } };
      return;
    }
    const openid = 'identity' in parsed.data ? openidForIdentity(parsed.data.identity) : parsed.data.openid;
    ctx.body = { code: state.issueCode(openid, parsed.data.failWith), openid };
  });

  /** Simulator control: expire the current access token, as WeChat does after 2 hours. */
  router.post('/dev/expire-access-token', (ctx) => {
    if (state.current) state.current.expiresAt = state.now() - 1;
    ctx.status = 204;
  });

  registerWxaCode(router, state);

  registerContentCheck(router, state);

  registerSubscribeMessage(router, state, (token) => simulator.identifyBearer?.(token) ?? Promise.resolve(null));

  if (pay) {
    registerPayRoutes(router, pay);
    registerPaySheet(router, pay, (token) => simulator.identifyBearer?.(token) ?? Promise.resolve(null));
    registerShippingInfo(router, state, pay.state, pay.shipping);
  }

  simulator.app.use(router.routes()).use(router.allowedMethods());
  return simulator;
}

/** Whether an access token the simulator issued is still good; WeChat APIs answer 40001/42001 otherwise. */
export function checkAccessToken(state: SimulatorState, token: string | undefined): { errcode: number; errmsg: string } | null {
  const t = token ? state.tokens.get(token) : undefined;
  if (!t) return err(40001, 'invalid credential, access_token is invalid or not latest');
  if (t.expiresAt <= state.now()) return err(42001, 'access_token expired');
  return null;
}
