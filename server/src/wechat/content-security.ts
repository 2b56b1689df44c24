// WeChat's text content check (msgSecCheck, version 2: POST /wxa/msg_sec_check). WeChat's own
// field names stay here at the edge; callers get a verdict in ours.
import { AppError } from '../errors';
import type { WeChatClient } from './client';
import { WeChatApiError } from './http';
import { wechatError } from './errors';
import { contentLabelName, type ContentLabel } from '../../../contract/content-labels';

export type ContentSuggest = 'pass' | 'review' | 'risky';

/** What the check decided for one text, with the keywords it matched when it says so. */
export interface ContentVerdict {
  suggest: ContentSuggest;
  /** WeChat's label: 100 normal, 10001 advertising, 20001 politics, 20002 porn, 20003 abuse, … */
  label: number;
  labelName: ContentLabel;
  keywords: string[];
  traceId: string | null;
}

/** scene: 1 profile, 2 comment, 3 forum post, 4 social log (WeChat's values). */
export interface MsgSecCheckInput {
  openid: string;
  content: string;
  title?: string;
  scene: 1 | 2 | 3 | 4;
}

/** WeChat's limit for one call's content, in characters. */
export const MSG_SEC_CHECK_CONTENT_MAX = 2500;

interface MsgSecCheckResponse {
  errcode?: number;
  errmsg?: string;
  trace_id?: string;
  result?: { suggest?: string; label?: number };
  detail?: { strategy?: string; errcode?: number; suggest?: string; label?: number; prob?: number; keyword?: string; level?: number }[];
}



// errcodes particular to msg_sec_check; the rest go through wechatError() like every API.
const OPENID_INVALID = 40003;
const USER_NOT_RECENT = 61010;

export async function msgSecCheck(client: WeChatClient, input: MsgSecCheckInput): Promise<ContentVerdict> {
  let r: MsgSecCheckResponse;
  try {
    r = await client.accessToken.withToken((token) =>
      client.http.call<MsgSecCheckResponse>('/wxa/msg_sec_check', {
        method: 'POST',
        query: { access_token: token },
        body: { content: input.content, version: 2, scene: input.scene, openid: input.openid, ...(input.title ? { title: input.title } : {}) },
      }),
    );
  } catch (err) {
    if (!(err instanceof WeChatApiError)) throw err;
    if (err.errcode === USER_NOT_RECENT) {
      // WeChat only checks text for people who used the mini-program in the last two hours.
      throw new AppError('WECHAT_UNAVAILABLE', 'WeChat could not check the text: open the mini-program again and retry', { errcode: err.errcode });
    }
    if (err.errcode === OPENID_INVALID) {
      throw new AppError('WECHAT_UNAVAILABLE', 'WeChat could not check the text for this account', { errcode: err.errcode });
    }
    throw wechatError(err.errcode, err.errmsg, 'msgSecCheck');
  }
  const suggest = r.result?.suggest;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
    // Never treat an answer we do not understand as a pass.
    throw new AppError('WECHAT_UNAVAILABLE', 'WeChat msgSecCheck gave no verdict');
  }
  const label = r.result?.label ?? 100;
  const keywords = [...new Set((r.detail ?? []).filter((d) => d.keyword && d.suggest !== 'pass').map((d) => d.keyword as string))];
  return { suggest, label, labelName: contentLabelName(label), keywords, traceId: r.trace_id ?? null };
}
