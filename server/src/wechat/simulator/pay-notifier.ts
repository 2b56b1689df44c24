// The simulated WeChat Pay's callbacks: an encrypted resource in a signed POST to the merchant's
// notify_url, retried on WeChat's schedule until answered 200/204, every attempt kept. The
// faults the /dev/pay control injects (a bad-signature probe, a stale timestamp, a duplicate) are
// played here, so the merchant's verification is exercised the way WeChat exercises it.
import { randomUUID, type KeyObject } from 'node:crypto';
import { AUTH_SCHEMA, encryptResource, signedHeaders } from '../pay/crypto';
import { beijingTime } from '../pay/time';

/** WeChat's retry intervals after a failed delivery, in seconds (15 retries over about 24 hours). */
export const NOTIFY_RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
/** WeChat waits this long for an answer before counting a delivery as failed. */
export const NOTIFY_TIMEOUT_MS = 5000;
/** A stale timestamp is this far in the past (beyond the 300-second window). */
const STALE_BY_S = 600;

/**
 * genuine: signed as WeChat signs; probe: WeChat's deliberate bad-signature message; stale:
 * signed correctly over a timestamp ten minutes old (the merchant must refuse it).
 */
export type AttemptKind = 'genuine' | 'probe' | 'stale';

export interface DeliveryAttempt {
  at: string;
  url: string;
  eventType: string;
  /** The merchant's HTTP status; null when it did not answer (refused, timed out). */
  status: number | null;
  ok: boolean;
  notificationId: string;
  kind: AttemptKind;
  /** 0 for the first delivery, n for the nth retry. */
  retry: number;
}

export interface Notification {
  url: string;
  eventType: string;
  summary: string;
  /** The resource's plaintext (the transaction or refund JSON). */
  plaintext: string;
  associatedData: 'transaction' | 'refund';
  apiV3Key: Buffer;
}

/** How one notification is delivered: genuine (default), or with one of /dev/pay's faults. */
export type NotifyFault = 'bad_signature' | 'stale_timestamp' | 'duplicate';

export interface NotifierOptions {
  platformSerial: string;
  platformKey: KeyObject;
  timeScale: number;
  now: () => number;
}

export class PayNotifier {
  readonly attempts: DeliveryAttempt[] = [];
  /** Pending retry waits: stop() clears each timer and resolves its wait as cancelled. */
  private readonly waits = new Map<NodeJS.Timeout, (goOn: boolean) => void>();
  private readonly inflight = new Set<AbortController>();
  private readonly idleWaiters: (() => void)[] = [];
  private pending = 0;
  private stopped = false;

  constructor(private readonly opts: NotifierOptions) {}

  /** Sends a notification in the background (this returns at once), with the given fault. */
  send(n: Notification, fault?: NotifyFault): void {
    if (this.stopped) return;
    const body = this.envelope(n);
    this.track(async () => {
      if (fault === 'bad_signature') await this.attempt(n, body, 'probe', 0);
      const delivered = await this.deliver(n, body, fault === 'stale_timestamp' ? 'stale' : 'genuine');
      // A duplicate is the same notification (same id) delivered again after it was accepted.
      if (fault === 'duplicate' && delivered) await this.deliver(n, body, 'genuine');
    });
  }

  /** Resolves when no notification is being delivered or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels every retry and in-flight delivery; nothing more is sent. */
  stop(): void {
    this.stopped = true;
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve(false);
    }
    this.waits.clear();
    for (const c of this.inflight) c.abort();
    this.inflight.clear();
  }

  private track(job: () => Promise<void>): void {
    this.pending += 1;
    void job()
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
  }

  /** The callback body: fixed once, so every retry carries the same id and ciphertext, as WeChat's do. */
  private envelope(n: Notification): string {
    const resource = encryptResource(n.plaintext, n.apiV3Key, n.associatedData, n.associatedData);
    return JSON.stringify({
      id: randomUUID(),
      create_time: beijingTime(this.opts.now()),
      resource_type: 'encrypt-resource',
      event_type: n.eventType,
      summary: n.summary,
      resource,
    });
  }

  /** Delivers until accepted or the schedule runs out; true when the merchant accepted it. */
  private async deliver(n: Notification, body: string, firstKind: AttemptKind): Promise<boolean> {
    for (let retry = 0; retry <= NOTIFY_RETRY_SCHEDULE_S.length; retry += 1) {
      if (retry > 0 && !(await this.sleep(NOTIFY_RETRY_SCHEDULE_S[retry - 1] * 1000 * this.opts.timeScale))) return false;
      if (this.stopped) return false;
      // Only the first delivery carries the stale timestamp; WeChat's retries are signed afresh.
      if (await this.attempt(n, body, retry === 0 ? firstKind : 'genuine', retry)) return true;
    }
    return false;
  }

  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve(false);
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve(!this.stopped);
      }, ms);
      timer.unref();
      this.waits.set(timer, resolve);
    });
  }

  private async attempt(n: Notification, body: string, kind: AttemptKind, retry: number): Promise<boolean> {
    const nowMs = this.opts.now();
    const at = new Date(kind === 'stale' ? nowMs - STALE_BY_S * 1000 : nowMs);
    const headers = signedHeaders(body, this.opts.platformSerial, this.opts.platformKey, at);
    if (kind === 'probe') headers['Wechatpay-Signature'] = `WECHATPAY/SIGNTEST/${headers['Wechatpay-Signature']}`;
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), NOTIFY_TIMEOUT_MS);
    timeout.unref();
    let status: number | null = null;
    try {
      const res = await fetch(n.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Wechatpay-Signature-Type': AUTH_SCHEMA, 'User-Agent': 'Mozilla/4.0', ...headers },
        body,
        signal: controller.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = null;
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    const ok = status === 200 || status === 204;
    const notificationId = (JSON.parse(body) as { id: string }).id;
    this.attempts.push({ at: new Date(this.opts.now()).toISOString(), url: n.url, eventType: n.eventType, status, ok, notificationId, kind, retry });
    return ok;
  }
}
