// The WeChat platform as CunShop uses it. Everything WeChat goes through here, at a base URL
// that is either api.weixin.qq.com or our simulator.
import { WeChatHttp, WeChatApiError } from './http';
import { AccessTokenCache } from './access-token';
import { wechatError } from './errors';

export interface Code2SessionResult {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

interface Code2SessionResponse {
  openid: string;
  session_key: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

export interface WeChatClientOptions {
  appid: string;
  secret: string;
  baseUrl: () => string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export class WeChatClient {
  readonly http: WeChatHttp;
  readonly accessToken: AccessTokenCache;

  constructor(private readonly opts: WeChatClientOptions) {
    this.http = new WeChatHttp({ baseUrl: opts.baseUrl, fetchImpl: opts.fetchImpl, timeoutMs: opts.timeoutMs });
    this.accessToken = new AccessTokenCache(this.http, opts.appid, opts.secret);
  }

  /** GET /sns/jscode2session: exchange a wx.login code for the user's openid and session key. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    try {
      const r = await this.http.call<Code2SessionResponse>('/sns/jscode2session', {
        method: 'GET',
        query: { appid: this.opts.appid, secret: this.opts.secret, js_code: code, grant_type: 'authorization_code' },
      });
      return { openid: r.openid, sessionKey: r.session_key, unionid: r.unionid };
    } catch (err) {
      if (err instanceof WeChatApiError) throw wechatError(err.errcode, err.errmsg, 'code2Session');
      throw err;
    }
  }
}
