// The simulator's POST /wxa/msg_sec_check (WeChat's text content check), version 2 and the old
// version 1. It decides by a small blocklist kept in SimulatorState.contentRules, which tests
// and demos change: `risky` words are refused, `review` words are passed for human review.
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { readJson } from '../../http/body';
import type { SimulatorState } from './state';
import { checkAccessToken } from './index';

const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: sim` });
const traceId = () => randomBytes(12).toString('hex');

const RISKY_LABEL = 20006; // 违法犯罪 (illegal)
const REVIEW_LABEL = 10001; // 广告 (advertising)

export function registerContentCheck(router: Router, state: SimulatorState): void {
  router.post('/wxa/msg_sec_check', async (ctx: Koa.Context) => {
    const tokenProblem = checkAccessToken(state, ctx.query.access_token as string | undefined);
    if (tokenProblem) return void (ctx.body = tokenProblem);
    const read = await readJson(ctx.req, 1024 * 1024);
    const body = 'value' in read ? (read.value as Record<string, unknown>) : undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return void (ctx.body = err(47001, 'data format error'));
    if (state.contentRules.failWith !== undefined) return void (ctx.body = err(state.contentRules.failWith, 'simulated failure'));
    const { content, title, version, scene, openid } = body;
    if (content === undefined || content === '') return void (ctx.body = err(44002, 'empty post data'));
    if (typeof content !== 'string' || (title !== undefined && typeof title !== 'string')) return void (ctx.body = err(47001, 'data format error'));
    const text = `${typeof title === 'string' ? title : ''}\n${content}`;
    const risky = state.contentRules.risky.filter((w) => text.includes(w));
    const review = state.contentRules.review.filter((w) => text.includes(w));

    if (version === undefined) {
      // Version 1: no verdict object, just 87014 for risky content.
      ctx.body = risky.length ? err(87014, 'risky content') : { errcode: 0, errmsg: 'ok' };
      return;
    }
    if (version !== 2) return void (ctx.body = err(47001, 'data format error'));
    if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene)) return void (ctx.body = err(40129, 'invalid scene'));
    if (typeof openid !== 'string' || !openid) return void (ctx.body = err(44002, 'empty post data'));
    // The simulator knows the people who logged in through it (code2Session), as WeChat does.
    if (!state.sessionKeys.has(openid)) return void (ctx.body = err(40003, 'invalid openid'));

    const suggest = risky.length ? 'risky' : review.length ? 'review' : 'pass';
    const label = risky.length ? RISKY_LABEL : review.length ? REVIEW_LABEL : 100;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      trace_id: traceId(),
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
        ...risky.map((keyword) => ({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: RISKY_LABEL, level: 90, keyword })),
        ...review.map((keyword) => ({ strategy: 'keyword', errcode: 0, suggest: 'review', label: REVIEW_LABEL, level: 20, keyword })),
      ],
    };
  });
}
