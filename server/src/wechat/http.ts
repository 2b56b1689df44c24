// One way to call WeChat: JSON over HTTPS to a configurable base URL, with a timeout, and
// errcode≠0 turned into a typed error; binary answers (images) told apart by Content-Type. Never logs query strings (they carry secrets and codes).
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

export interface WeChatRequest {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
}

/** What a binary WeChat API (e.g. a mini-program code) answered on success. */
export interface WeChatBinary {
  bytes: Buffer;
  contentType: string;
}

export class WeChatHttp {
  constructor(private readonly opts: WeChatHttpOptions) {}

  async call<T extends WeChatErrorBody>(api: string, init: WeChatRequest): Promise<T> {
    const res = await this.send(api, init);
    return this.readJson<T>(api, res);
  }

  /**
   * For APIs that answer raw bytes on success and JSON `{errcode, errmsg}` on failure (both with
   * HTTP 200): the Content-Type tells them apart, never a guess at the bytes.
   */
  async callBinary(api: string, init: WeChatRequest): Promise<WeChatBinary> {
    const res = await this.send(api, init);
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (contentType === 'application/json' || contentType === 'text/plain') {
      const json = await this.readJson<WeChatErrorBody>(api, res);
      // JSON where bytes were expected, yet no errcode: not an answer we can use.
      throw new AppError('WECHAT_UNAVAILABLE', `WeChat ${api} answered JSON without an image`, { errmsg: json.errmsg });
    }
    if (!res.ok) throw new AppError('WECHAT_UNAVAILABLE', `WeChat ${api} failed`, { status: res.status });
    return { bytes: Buffer.from(await res.arrayBuffer()), contentType };
  }

  private async send(api: string, init: WeChatRequest): Promise<Response> {
    const url = new URL(api.replace(/^\//, ''), this.opts.baseUrl().replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    try {
      return await (this.opts.fetchImpl ?? fetch)(url, {
        method: init.method,
        headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
      });
    } catch (err) {
      throw new AppError('WECHAT_UNAVAILABLE', `Could not reach WeChat (${api})`, { cause: (err as Error).name });
    }
  }

  private async readJson<T extends WeChatErrorBody>(api: string, res: Response): Promise<T> {
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
