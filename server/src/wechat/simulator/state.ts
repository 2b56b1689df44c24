// What the simulated WeChat servers remember: issued login codes, users' openids and session
// keys, and access tokens. In memory: like WeChat's own, none of it belongs in our database.
import { createHash, randomBytes } from 'node:crypto';

export const CODE_TTL_MS = 5 * 60_000;
export const TOKEN_TTL_S = 7200;
/** WeChat allows 20 force refreshes of the stable token per day. */
export const FORCE_REFRESH_DAILY_LIMIT = 20;

export interface IssuedCode {
  openid: string;
  issuedAt: number;
  used: boolean;
  /** Error to answer instead of a session, for tests and demos of WeChat's failure modes. */
  failWith?: number;
}

export interface IssuedToken {
  value: string;
  expiresAt: number;
}

/** The content check's blocklist (msg_sec_check); `failWith` answers that errcode instead. */
export interface ContentRules {
  risky: string[];
  review: string[];
  failWith?: number;
}

/** A few plainly illegal words, and advertising-law absolutes (广告法) that deserve a human look. */
export const defaultContentRules = (): ContentRules => ({
  risky: ['赌博', '毒品', '枪支', '代开发票'],
  review: ['最好', '第一', '国家级', '最佳', '100%纯天然'],
});

/** A subscription message the simulated WeChat delivered, as a phone would show it. */
export interface ReceivedMessage {
  msgid: number;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
  at: string;
}

/** How many delivered messages the simulator keeps (the oldest are dropped). */
export const MESSAGES_KEPT = 500;

export class SimulatorState {
  contentRules: ContentRules = defaultContentRules();
  readonly codes = new Map<string, IssuedCode>();
  readonly sessionKeys = new Map<string, string>();
  readonly tokens = new Map<string, IssuedToken>();
  current: IssuedToken | null = null;
  forceRefreshes: { day: string; count: number } = { day: '', count: 0 };
  /** Mini-program codes made (getwxacodeunlimit), and an errcode to answer the next call with (tests, demos). */
  wxacodes: { issued: number; failNext: number | null } = { issued: 0, failNext: null };
  /** Subscription templates by id → their keywords, as set up in WeChat's admin console. */
  readonly templates = new Map<string, string[]>();
  /** Unspent "accept"s from the subscribe dialog, by openid and template. */
  readonly subscribeCredits = new Map<string, number>();
  /** Messages delivered, oldest first, at most MESSAGES_KEPT; and an errcode for the next send (tests). */
  readonly messages: ReceivedMessage[] = [];
  subscribeFailNext: number | null = null;
  /** The openid of the latest login (code2Session): the person "holding the phone" in a browser demo. */
  lastLoginOpenid: string | null = null;

  constructor(
    readonly appid: string,
    readonly secret: string,
    readonly now: () => number = Date.now,
  ) {}

  issueCode(openid: string, failWith?: number): string {
    // wx.login codes are 32 printable characters.
    const code = randomBytes(24).toString('base64url').slice(0, 32);
    this.codes.set(code, { openid, issuedAt: this.now(), used: false, failWith });
    this.sweepCodes();
    return code;
  }

  sessionKeyFor(openid: string): string {
    let key = this.sessionKeys.get(openid);
    if (!key) {
      key = randomBytes(16).toString('base64');
      this.sessionKeys.set(openid, key);
    }
    return key;
  }

  /** A stable unionid per openid, as if every identity belonged to one open-platform account. */
  unionidFor(openid: string): string {
    return 'o' + createHash('sha256').update(`union:${openid}`).digest('base64url').slice(0, 27);
  }

  creditKey(openid: string, templateId: string): string {
    return `${openid}\u0000${templateId}`;
  }

  issueToken(): IssuedToken {
    const t = { value: randomBytes(48).toString('base64url'), expiresAt: this.now() + TOKEN_TTL_S * 1000 };
    this.tokens.set(t.value, t);
    this.current = t;
    return t;
  }

  private sweepCodes(): void {
    const cutoff = this.now() - CODE_TTL_MS;
    for (const [code, issued] of this.codes) if (issued.issuedAt < cutoff) this.codes.delete(code);
  }
}

/** The openid each named test identity gets; 'new' is a fresh person every time. */
export function openidForIdentity(identity: 'seller' | 'buyer' | 'new'): string {
  if (identity === 'new') return 'sim_new_' + randomBytes(9).toString('base64url');
  return `sim_${identity}_0001`;
}
