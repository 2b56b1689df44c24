// The simulator's subscription messages. WeChat's side: POST /cgi-bin/message/subscribe/send,
// checked as WeChat checks it (token, openid 40003, template 40037, page 41030, every value
// against its keyword's type 47003, an unspent acceptance 43101), with delivered messages kept.
// The phone's side, for the browser build and tests: /dev/subscribe plays the subscribe dialog
// (each accept is one message WeChat will let through), /dev/subscribe-messages lists what
// arrived. As on WeChat, the dialog's credit is WeChat's; our server keeps its own count too.
import { randomInt } from 'node:crypto';
import type Koa from 'koa';
import type Router from '@koa/router';
import { z } from 'zod';
import { pages, SIMULATOR_MESSAGES_PATH, SIMULATOR_PREFIX, SIMULATOR_SUBSCRIBE_PATH } from '../../../../contract/paths';
import { readJson } from '../../http/body';
import { keywordType, valueProblem } from '../subscribe-values';
import { SUBSCRIBE_ERR } from '../subscribe-message';
import { checkAccessToken } from './index';
import { MESSAGES_KEPT, type SimulatorState } from './state';

const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: sim` });
const knownPages = new Set<string>(Object.values(pages));
const STATES = new Set(['developer', 'trial', 'formal']);
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']);
/** wx.requestSubscribeMessage takes at most three templates at a time. */
const DIALOG_TEMPLATES_MAX = 3;

const DialogRequest = z
  .object({
    openid: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/).optional(),
    results: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.enum(['accept', 'reject', 'ban', 'filter'])),
  })
  .strict();

async function readObject(ctx: Koa.Context): Promise<Record<string, unknown> | null> {
  const read = await readJson(ctx.req, 64 * 1024);
  const body = 'value' in read ? read.value : undefined;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** Why WeChat would refuse this send (errcode and message), or null. */
function sendProblem(state: SimulatorState, b: Record<string, unknown>): { errcode: number; errmsg: string } | null {
  const { touser, template_id: templateId, page, data, miniprogram_state: mpState, lang } = b;
  if (typeof touser !== 'string' || !state.sessionKeys.has(touser)) return err(SUBSCRIBE_ERR.INVALID_OPENID, 'invalid openid');
  const keywords = typeof templateId === 'string' ? state.templates.get(templateId) : undefined;
  if (!keywords) return err(SUBSCRIBE_ERR.INVALID_TEMPLATE, 'invalid template id');
  if (page !== undefined && (typeof page !== 'string' || !knownPages.has(page.split('?')[0]))) return err(SUBSCRIBE_ERR.INVALID_PAGE, 'invalid page');
  if (mpState !== undefined && !STATES.has(mpState as string)) return err(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! miniprogram_state invalid');
  if (lang !== undefined && !LANGS.has(lang as string)) return err(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! lang invalid');
  if (!data || typeof data !== 'object' || Array.isArray(data)) return err(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! data is empty');
  for (const keyword of keywords) {
    const value = (data as Record<string, { value?: unknown } | undefined>)[keyword]?.value;
    if (typeof value !== 'string' || value === '') return err(SUBSCRIBE_ERR.ARGUMENT_INVALID, `argument invalid! data.${keyword}.value is empty`);
    const type = keywordType(keyword);
    if (!type || valueProblem(type, value)) return err(SUBSCRIBE_ERR.ARGUMENT_INVALID, `argument invalid! data.${keyword}.value invalid`);
  }
  return null;
}

export function registerSubscribeMessage(router: Router, state: SimulatorState, identifyBearer: (token: string) => Promise<string | null>): void {
  router.post('/cgi-bin/message/subscribe/send', async (ctx) => {
    const denied = checkAccessToken(state, typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (denied) return void (ctx.body = denied);
    const b = await readObject(ctx);
    if (!b) return void (ctx.body = err(47001, 'data format error'));
    const problem = sendProblem(state, b);
    if (problem) return void (ctx.body = problem);
    if (state.subscribeFailNext !== null) {
      const errcode = state.subscribeFailNext;
      state.subscribeFailNext = null;
      return void (ctx.body = err(errcode, 'simulated failure'));
    }
    const openid = b.touser as string;
    const templateId = b.template_id as string;
    const key = state.creditKey(openid, templateId);
    const credits = state.subscribeCredits.get(key) ?? 0;
    if (credits < 1) return void (ctx.body = err(SUBSCRIBE_ERR.USER_REFUSED, 'user refuse to accept the msg'));
    state.subscribeCredits.set(key, credits - 1);
    const msgid = randomInt(1, 2 ** 47);
    const keywords = state.templates.get(templateId) ?? [];
    const data = b.data as Record<string, { value: string }>;
    state.messages.push({
      msgid,
      touser: openid,
      templateId,
      page: typeof b.page === 'string' ? b.page : '',
      data: Object.fromEntries(keywords.map((k) => [k, { value: data[k].value }])),
      miniprogramState: typeof b.miniprogram_state === 'string' ? b.miniprogram_state : 'formal',
      lang: typeof b.lang === 'string' ? b.lang : 'zh_CN',
      at: new Date(state.now()).toISOString(),
    });
    if (state.messages.length > MESSAGES_KEPT) state.messages.splice(0, state.messages.length - MESSAGES_KEPT);
    ctx.body = { errcode: 0, errmsg: 'ok', msgid };
  });

  /**
   * The phone's subscribe dialog. Who is asked: `openid` when given (tests); else the person whose
   * API bearer token is in Authorization; else whoever logged in through the simulator last (a
   * browser demo with one person at the keyboard).
   */
  router.post(SIMULATOR_SUBSCRIBE_PATH.slice(SIMULATOR_PREFIX.length), async (ctx) => {
    const parsed = DialogRequest.safeParse(await readObject(ctx));
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { errMsg: 'requestSubscribeMessage:fail invalid parameter', errCode: 10001 };
      return;
    }
    const ids = Object.keys(parsed.data.results);
    if (ids.length === 0 || ids.length > DIALOG_TEMPLATES_MAX) {
      ctx.status = 400;
      ctx.body = { errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds', errCode: 20003 };
      return;
    }
    if (ids.some((id) => !state.templates.has(id))) {
      ctx.status = 400;
      ctx.body = { errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist', errCode: 20001 };
      return;
    }
    const bearer = /^Bearer (\S+)$/.exec(ctx.get('authorization'))?.[1];
    const openid = parsed.data.openid ?? (bearer ? await identifyBearer(bearer) : null) ?? state.lastLoginOpenid;
    if (!openid) {
      ctx.status = 401;
      ctx.body = { errMsg: 'requestSubscribeMessage:fail no user (log in through the simulator first, or send Authorization or openid)', errCode: 10002 };
      return;
    }
    // The dialog shows only inside the mini-program, so its user is known to WeChat from now on.
    state.sessionKeyFor(openid);
    for (const [id, answer] of Object.entries(parsed.data.results)) {
      if (answer !== 'accept') continue;
      const key = state.creditKey(openid, id);
      state.subscribeCredits.set(key, (state.subscribeCredits.get(key) ?? 0) + 1);
    }
    ctx.body = { errMsg: 'requestSubscribeMessage:ok', ...parsed.data.results };
  });

  /** What arrived on the phones, newest first; `openid` picks one person's. */
  router.get(SIMULATOR_MESSAGES_PATH.slice(SIMULATOR_PREFIX.length), (ctx) => {
    const openid = typeof ctx.query.openid === 'string' ? ctx.query.openid : undefined;
    const items = state.messages.filter((m) => !openid || m.touser === openid).reverse();
    ctx.body = { items };
  });

  /** Simulator control: answer the next send with this errcode (tests of WeChat's failures). */
  router.post('/dev/fail-next-subscribe', async (ctx) => {
    const b = await readObject(ctx);
    const errcode = b?.errcode;
    if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
      ctx.status = 400;
      ctx.body = { error: { code: 'VALIDATION_FAILED', message: 'errcode must be an integer' } };
      return;
    }
    state.subscribeFailNext = errcode;
    ctx.status = 204;
  });
}
