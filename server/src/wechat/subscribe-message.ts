// WeChat's subscription message (POST /cgi-bin/message/subscribe/send): one message of a
// template the person accepted in the subscribe dialog. WeChat's field names stay here at the
// edge. Values must already follow the keyword types' rules (subscribe-values.ts).
import type { WeChatClient } from './client';

/** errcodes a sender acts on: the person has no unspent acceptance of this template (or refused). */
export const SUBSCRIBE_ERR = {
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE: 40037,
  USER_REFUSED: 43101,
  ARGUMENT_INVALID: 47003,
  INVALID_PAGE: 41030,
} as const;

/** Which version of the mini-program the message opens: the released one, or the developer's. */
export type MiniprogramState = 'formal' | 'trial' | 'developer';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** A page of the mini-program with its query, e.g. pages/order/index?id=…, no leading slash. */
  page: string;
  /** keyword → value, e.g. { thing3: '沁州黄小米×2' }. */
  data: Record<string, string>;
  miniprogramState: MiniprogramState;
}

interface SendResponse {
  errcode?: number;
  errmsg?: string;
  msgid?: number;
}

/** Sends one message; WeChat's refusals throw WeChatApiError with its errcode (see SUBSCRIBE_ERR). */
export async function sendSubscribeMessage(client: WeChatClient, m: SubscribeMessage): Promise<void> {
  await client.accessToken.withToken((token) =>
    client.http.call<SendResponse>('/cgi-bin/message/subscribe/send', {
      method: 'POST',
      query: { access_token: token },
      body: {
        touser: m.openid,
        template_id: m.templateId,
        page: m.page,
        data: Object.fromEntries(Object.entries(m.data).map(([keyword, value]) => [keyword, { value }])),
        miniprogram_state: m.miniprogramState,
        lang: 'zh_CN',
      },
    }),
  );
}
