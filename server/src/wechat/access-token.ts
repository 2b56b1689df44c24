// The server-to-server access token (POST /cgi-bin/stable_token), cached until 5 minutes before
// it expires, refreshed by one caller at a time, and force-refreshed once when WeChat rejects it.
import { WeChatHttp, WeChatApiError } from './http';
import { WX } from './errors';

interface StableTokenResponse {
  access_token: string;
  expires_in: number;
  errcode?: number;
  errmsg?: string;
}

const EARLY_REFRESH_MS = 5 * 60_000;

export class AccessTokenCache {
  private token: { value: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly http: WeChatHttp,
    private readonly appid: string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return this.token.value;
    return this.refresh(false);
  }

  /** Run a call needing the access token; on 40001/42001 refresh once and retry once. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (err instanceof WeChatApiError && (err.errcode === WX.INVALID_CREDENTIAL || err.errcode === WX.ACCESS_TOKEN_EXPIRED)) {
        this.invalidate(token);
        return call(await this.refresh(true));
      }
      throw err;
    }
  }

  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private refresh(force: boolean): Promise<string> {
    // Concurrent callers share one request: stable_token is rate limited and each call may rotate it.
    this.inflight ??= this.http
      .call<StableTokenResponse>('/cgi-bin/stable_token', {
        method: 'POST',
        body: { grant_type: 'client_credential', appid: this.appid, secret: this.secret, force_refresh: force },
      })
      .then((r) => {
        this.token = { value: r.access_token, refreshAt: this.now() + r.expires_in * 1000 - EARLY_REFRESH_MS };
        return r.access_token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
