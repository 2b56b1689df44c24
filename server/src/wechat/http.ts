// One way to call WeChat: JSON over HTTPS to a configurable base URL, with a timeout, and
// errcode≠0 turned into a typed error. Never logs query strings (they carry secrets and codes).
import { AppError } from '../errors';

export interface WeChatErrorBody {
  errcode?: number;
  errmsg?: string;
}

export class WeChatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string | undefined,
  ) {
    super(`WeChat ${api} errcode ${errcode}: ${errmsg ?? ''}`);
    this.name = 'WeChatApiError';
  }
}

export interface WeChatHttpOptions {
  baseUrl: () => string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export class WeChatHttp {
  constructor(private readonly opts: WeChatHttpOptions) {}

  async call<T extends WeChatErrorBody>(
    api: string,
    init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown },
  ): Promise<T> {
    const url = new URL(api.replace(/^\//, ''), this.opts.baseUrl().replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await (this.opts.fetchImpl ?? fetch)(url, {
        method: init.method,
        headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
      });
    } catch (err) {
      throw new AppError('WECHAT_UNAVAILABLE', `Could not reach WeChat (${api})`, { cause: (err as Error).name });
    }
    let json: T;
    try {
      json = (await res.json()) as T;
    } catch {
      throw new AppError('WECHAT_UNAVAILABLE', `WeChat ${api} answered with something other than JSON`, { status: res.status });
    }
    if (json.errcode) throw new WeChatApiError(api, json.errcode, json.errmsg);
    return json;
  }
}
