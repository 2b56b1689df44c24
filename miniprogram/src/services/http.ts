// HTTP for the API on weak rural networks: bearer token, a timeout, one retry for GETs,
// one session renewal on 401, and every failure turned into an ApiError with a human message.
import Taro from '@tarojs/taro';
import type { ErrorBody } from '../../../contract/errors';
import { errorMessage, isFailureCode, type FailureCode } from '../i18n';

export class ApiError extends Error {
  constructor(
    /** The server's ErrorCode, or the client's own (NETWORK, TIMEOUT…). */
    readonly code: FailureCode,
    /** Already translated: safe to show to the person as is. */
    message: string,
    /** HTTP status; 0 when no answer arrived. */
    readonly status = 0,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiError(code: FailureCode, status = 0): ApiError {
  return new ApiError(code, errorMessage(code), status);
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestSpec {
  method: HttpMethod;
  /** Path from the API origin, e.g. `/api/v1/me`. */
  path: string;
  body?: unknown;
  /** Send the bearer token, logging in first when there is none (default true). */
  auth?: boolean;
  /** Log in again after a 401 and repeat (default true); logout turns this off. */
  renewSession?: boolean;
  /**
   * Send an Idempotency-Key (one per call): the server then answers a repeat with the first
   * answer, so a POST that timed out may be retried like a GET without acting twice.
   */
  idempotent?: boolean;
}

/** A key unique enough per person: time plus randomness, in the server's allowed characters. */
export function newIdempotencyKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 8)}`;
}

export interface UploadSpec {
  path: string;
  /** A local temp file path (WeChat) or blob URL (H5). */
  filePath: string;
  /** Multipart field name (default `file`). */
  field?: string;
  /** Percent sent so far (0–100), where the platform reports it. */
  onProgress?: (percent: number) => void;
}

export interface DownloadSpec {
  /** Path from the API origin of a file that needs the bearer token, e.g. a poster. */
  path: string;
}

export interface SessionHooks {
  /** The current bearer token, or null. */
  token(): string | null;
  /**
   * Get a fresh token (log in again). Resolves false when that needs the person to choose how;
   * rejects with the login's own failure (a weak network, WeChat busy…). At most once per request.
   */
  renew(): Promise<boolean>;
}

export interface HttpOptions {
  baseUrl: string;
  session: SessionHooks;
  /** Per attempt; default 10 s, long enough for 2G, short enough that people are not left waiting. */
  timeoutMs?: number;
  /** Uploads carry a photo; default 60 s. */
  uploadTimeoutMs?: number;
}

export interface Http {
  request<T>(spec: RequestSpec): Promise<T>;
  upload<T>(spec: UploadSpec): Promise<T>;
  /** Downloads an authorised file to a local temp path (WeChat) or blob URL (H5). */
  download(spec: DownloadSpec): Promise<string>;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

/** Taro's upload promise also carries the task's progress listener (WeChat and H5 alike). */
interface ProgressReporting {
  progress?: (listener: (update: { progress: number }) => void) => unknown;
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

function isErrorBody(data: unknown): data is ErrorBody {
  if (!data || typeof data !== 'object') return false;
  const error = (data as { error?: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string';
}

/** Taro rejects with `{ errMsg: 'request:fail timeout' }` in WeChat and an Error in H5. */
function transportFailure(reason: unknown): ApiError {
  const text =
    reason && typeof reason === 'object'
      ? String((reason as { errMsg?: unknown; message?: unknown }).errMsg ?? (reason as { message?: unknown }).message ?? '')
      : String(reason ?? '');
  return apiError(/timeout|timed out|abort/i.test(text) ? 'TIMEOUT' : 'NETWORK');
}

function failureFrom(response: RawResponse): ApiError {
  const { statusCode, data } = response;
  if (isErrorBody(data)) {
    const { code, requestId, details } = data.error;
    const known = isFailureCode(code) ? code : statusCode >= 500 ? 'INTERNAL' : 'UNKNOWN';
    return new ApiError(known, errorMessage(known), statusCode, requestId, details);
  }
  // No error body: a proxy or gateway answered instead of our server.
  if (statusCode === 401) return apiError('UNAUTHENTICATED', statusCode);
  if (statusCode === 413) return apiError('PAYLOAD_TOO_LARGE', statusCode);
  if (statusCode === 404) return apiError('NOT_FOUND', statusCode);
  if (RETRYABLE_STATUSES.has(statusCode)) return apiError('NETWORK', statusCode);
  return apiError(statusCode >= 500 ? 'INTERNAL' : 'UNKNOWN', statusCode);
}

function resultOf<T>(response: RawResponse): T {
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  throw failureFrom(response);
}

function sessionGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

function worthRetrying(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'NETWORK' || error.code === 'TIMEOUT' || RETRYABLE_STATUSES.has(error.status))
  );
}

/**
 * Taro's own timeouts do not cover everything (H5 uploads first read the picked file through a
 * blob URL, and that step never settles if it is blocked), so every call also gets a deadline.
 */
function withDeadline<T>(pending: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject({ errMsg: 'deadline: timeout' }), ms);
  });
  return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
}

/** Grace beyond Taro's own timeout before the deadline gives up. */
const DEADLINE_GRACE_MS = 2_000;

function parseUploadBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export function createHttp(options: HttpOptions): Http {
  const timeout = options.timeoutMs ?? 10_000;
  const uploadTimeout = options.uploadTimeoutMs ?? 60_000;

  function headers(auth: boolean, json: boolean, idempotencyKey?: string): Record<string, string> {
    const header: Record<string, string> = {};
    if (json) header['Content-Type'] = 'application/json';
    if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;
    const token = auth ? options.session.token() : null;
    if (token) header.Authorization = `Bearer ${token}`;
    return header;
  }

  /** One transport call with a hard deadline; any transport failure becomes a human-readable error. */
  async function transport(call: () => Promise<RawResponse>, deadlineMs: number): Promise<RawResponse> {
    try {
      return await withDeadline(call(), deadlineMs + DEADLINE_GRACE_MS);
    } catch (reason) {
      throw transportFailure(reason);
    }
  }

  async function once<T>(spec: RequestSpec & { key?: string }, auth: boolean): Promise<T> {
    const response = await transport(
      () =>
        Taro.request({
          url: options.baseUrl + spec.path,
          method: spec.method,
          data: spec.body as Record<string, unknown> | undefined,
          header: headers(auth, spec.body !== undefined, spec.key),
          timeout,
          dataType: 'json',
        }),
      timeout,
    );
    return resultOf<T>(response);
  }

  async function attempt<T>(spec: RequestSpec & { key?: string }, auth: boolean): Promise<T> {
    try {
      return await once<T>(spec, auth);
    } catch (error) {
      // A POST that timed out may have happened on the server: only GETs and requests with an
      // Idempotency-Key (whose repeat replays the first answer) are safe to send again.
      if ((spec.method === 'GET' || spec.key) && worthRetrying(error)) return once<T>(spec, auth);
      throw error;
    }
  }

  /** Runs `send`, logging in first when there is no token, and once more after a 401. */
  async function withSession<T>(auth: boolean, send: () => Promise<T>, renew = true): Promise<T> {
    if (!auth || !renew) return send();
    let renewed = false;
    if (!options.session.token()) {
      renewed = true;
      if (!(await options.session.renew())) throw apiError('LOGIN_REQUIRED');
    }
    try {
      return await send();
    } catch (error) {
      if (renewed || !sessionGone(error)) throw error;
      if (!(await options.session.renew())) throw error;
      return send();
    }
  }

  return {
    request<T>(spec: RequestSpec): Promise<T> {
      const auth = spec.auth ?? true;
      const keyed = spec.idempotent ? { ...spec, key: newIdempotencyKey() } : spec;
      return withSession(auth, () => attempt<T>(keyed, auth), spec.renewSession ?? true);
    },

    upload<T>(spec: UploadSpec): Promise<T> {
      return withSession(true, async () => {
        const response = await transport(() => {
          const task = Taro.uploadFile({
            url: options.baseUrl + spec.path,
            filePath: spec.filePath,
            name: spec.field ?? 'file',
            header: headers(true, false),
            timeout: uploadTimeout,
          });
          const { onProgress } = spec;
          const reporting = task as unknown as ProgressReporting;
          if (onProgress && typeof reporting.progress === 'function') {
            reporting.progress((update) => onProgress(update.progress));
          }
          return task;
        }, uploadTimeout);
        // uploadFile hands back the body as text, unlike request.
        return resultOf<T>({ statusCode: response.statusCode, data: parseUploadBody(response.data) });
      });
    },

    download(spec: DownloadSpec): Promise<string> {
      return withSession(true, async () => {
        const response = await transport(
          async () => {
            const done = await Taro.downloadFile({ url: options.baseUrl + spec.path, header: headers(true, false), timeout: uploadTimeout });
            return { statusCode: done.statusCode, data: done.tempFilePath };
          },
          uploadTimeout,
        );
        // A failed download carries no JSON body to read, so the status alone says what went wrong.
        if (response.statusCode >= 200 && response.statusCode < 300) return response.data as string;
        throw failureFrom({ statusCode: response.statusCode, data: undefined });
      });
    },
  };
}
