// Mini-program codes (POST /wxa/getwxacodeunlimit): a code image that opens `page` with `scene`.
// Scene and page are checked here first, with WeChat's own rules, so a bad one fails loudly with
// the field named instead of as an errcode from WeChat.
import { SCENE_MAX } from '../../../contract/limits';
import { AppError, validationError } from '../errors';
import { WeChatApiError } from './http';
import type { WeChatClient } from './client';

/** Digits, letters and !#$&'()*+,/:;=?@-._~ (WeChat's list; no %, so nothing percent-encoded). */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
/** A page path like pages/product/index: no leading slash, no query (parameters go in the scene). */
export const PAGE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
export const WXACODE_WIDTH = { min: 280, max: 1280, default: 430 } as const;

export type EnvVersion = 'release' | 'trial' | 'develop';

export interface WxaCodeRequest {
  scene: string;
  page: string;
  /** Pixels, 280–1280 (WeChat's default 430). */
  width?: number;
  /** WeChat checks that the page exists in the published version (default true). */
  checkPath?: boolean;
  envVersion?: EnvVersion;
  /** Transparent background. */
  isHyaline?: boolean;
}

/** WeChat's errcodes for this API. */
export const WXACODE_ERR = {
  INVALID_ARGS: 40097,
  INVALID_SCENE: 40129,
  INVALID_SCENE_LENGTH: 40169,
  INVALID_PAGE: 41030,
  QUOTA: 45009,
  DATA_FORMAT: 47001,
  BUSY: -1,
} as const;

export function checkWxaCodeRequest(req: WxaCodeRequest): void {
  const issues = [];
  if (req.scene.length < 1 || req.scene.length > SCENE_MAX) {
    issues.push({ path: 'scene', message: `must be 1 to ${SCENE_MAX} characters`, code: 'too_big' });
  } else if (!SCENE_PATTERN.test(req.scene)) {
    issues.push({ path: 'scene', message: "may hold only digits, letters and !#$&'()*+,/:;=?@-._~", code: 'invalid_string' });
  }
  if (!PAGE_PATTERN.test(req.page)) {
    issues.push({ path: 'page', message: 'must be a page path like pages/index/index, without a leading slash or query', code: 'invalid_string' });
  }
  const width = req.width ?? WXACODE_WIDTH.default;
  if (!Number.isInteger(width) || width < WXACODE_WIDTH.min || width > WXACODE_WIDTH.max) {
    issues.push({ path: 'width', message: `must be ${WXACODE_WIDTH.min} to ${WXACODE_WIDTH.max} pixels`, code: 'too_big' });
  }
  if (issues.length > 0) throw validationError(issues);
}

/** The code image (PNG, or JPEG for some accounts) for `scene` on `page`. */
export async function getUnlimitedWxaCode(client: WeChatClient, req: WxaCodeRequest): Promise<{ bytes: Buffer; contentType: string }> {
  checkWxaCodeRequest(req);
  const body = {
    scene: req.scene,
    page: req.page,
    width: req.width ?? WXACODE_WIDTH.default,
    check_path: req.checkPath ?? true,
    env_version: req.envVersion ?? 'release',
    is_hyaline: req.isHyaline ?? false,
  };
  try {
    const answer = await client.accessToken.withToken((token) =>
      client.http.callBinary('/wxa/getwxacodeunlimit', { method: 'POST', query: { access_token: token }, body }),
    );
    if (!answer.contentType.startsWith('image/')) {
      throw new AppError('WECHAT_UNAVAILABLE', 'WeChat answered something other than an image for a mini-program code', { contentType: answer.contentType });
    }
    return answer;
  } catch (err) {
    if (err instanceof WeChatApiError) throw wxaCodeError(err.errcode, err.errmsg);
    throw err;
  }
}

function wxaCodeError(errcode: number, errmsg: string | undefined): AppError {
  switch (errcode) {
    case WXACODE_ERR.QUOTA:
      return new AppError('WECHAT_RATE_LIMITED', 'WeChat is making too many mini-program codes right now; please try again in a minute', { errcode });
    case WXACODE_ERR.BUSY:
      return new AppError('WECHAT_BUSY', 'WeChat is busy; please try again shortly', { errcode });
    case WXACODE_ERR.INVALID_PAGE:
      // Our request was well formed, so the page is missing from the published version (or the
      // mini-program is not published yet): the operator must publish, or use a trial/develop build.
      return new AppError('WECHAT_UNAVAILABLE', 'WeChat does not know this mini-program page yet (is the version with it published?)', { errcode, errmsg });
    case WXACODE_ERR.INVALID_SCENE:
    case WXACODE_ERR.INVALID_SCENE_LENGTH:
      return new AppError('WECHAT_UNAVAILABLE', 'WeChat refused the code\'s scene', { errcode, errmsg });
    default:
      return new AppError('WECHAT_UNAVAILABLE', 'WeChat could not make the mini-program code', { errcode, errmsg });
  }
}
