// The simulator's POST /wxa/getwxacodeunlimit. WeChat draws its own round "sun code"; the
// simulator answers a real, scannable QR code PNG instead, holding
//   https://wxacode.cunshop.invalid/?page=<page>&scene=<scene>&env_version=<env>
// (URL-encoded; .invalid never resolves, so nobody mistakes it for a live link). Requests are
// checked like WeChat checks them, and refused with WeChat's errcodes as JSON.
import type Koa from 'koa';
import type Router from '@koa/router';
import QRCode from 'qrcode';
import { pages } from '../../../../contract/paths';
import { SCENE_MAX } from '../../../../contract/limits';
import { readJson } from '../../http/body';
import { PAGE_PATTERN, SCENE_PATTERN, WXACODE_ERR, WXACODE_WIDTH } from '../wxacode';
import { checkAccessToken } from './index';
import type { SimulatorState } from './state';

export const SIMULATED_WXACODE_BASE = 'https://wxacode.cunshop.invalid/';

/** What a simulated code holds; null when the text is not one. */
export function parseSimulatedWxaCode(text: string): { page: string; scene: string; envVersion: string } | null {
  if (!text.startsWith(SIMULATED_WXACODE_BASE)) return null;
  const q = new URL(text).searchParams;
  const page = q.get('page');
  const scene = q.get('scene');
  return page && scene ? { page, scene, envVersion: q.get('env_version') ?? 'release' } : null;
}

const knownPages = new Set<string>(Object.values(pages));
const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: sim` });

function refuse(ctx: Koa.Context, errcode: number, errmsg: string): void {
  // WeChat answers errors with HTTP 200 and a JSON body; only the content type differs from success.
  ctx.type = 'application/json';
  ctx.body = err(errcode, errmsg);
}

export function registerWxaCode(router: Router, state: SimulatorState): void {
  router.post('/wxa/getwxacodeunlimit', async (ctx) => {
    const denied = checkAccessToken(state, typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined);
    if (denied) return refuse(ctx, denied.errcode, denied.errmsg);
    const read = await readJson(ctx.req, 64 * 1024);
    const body = 'value' in read ? read.value : undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(ctx, WXACODE_ERR.DATA_FORMAT, 'data format error');
    const b = body as Record<string, unknown>;

    if (state.wxacodes.failNext !== null) {
      const errcode = state.wxacodes.failNext;
      state.wxacodes.failNext = null;
      return refuse(ctx, errcode, 'simulated failure');
    }
    const scene = b.scene;
    if (typeof scene !== 'string' || scene.length === 0 || scene.length > SCENE_MAX) {
      return refuse(ctx, WXACODE_ERR.INVALID_SCENE_LENGTH, 'invalid length for scene, or the data is not json string');
    }
    if (!SCENE_PATTERN.test(scene)) return refuse(ctx, WXACODE_ERR.INVALID_SCENE, 'invalid scene');
    const page = b.page ?? pages.home; // WeChat: no page means the home page
    const checkPath = b.check_path ?? true;
    const envVersion = b.env_version ?? 'release';
    const width = b.width ?? WXACODE_WIDTH.default;
    if (typeof checkPath !== 'boolean' || (b.is_hyaline !== undefined && typeof b.is_hyaline !== 'boolean')) {
      return refuse(ctx, WXACODE_ERR.INVALID_ARGS, 'invalid args');
    }
    if (typeof envVersion !== 'string' || !['release', 'trial', 'develop'].includes(envVersion)) {
      return refuse(ctx, WXACODE_ERR.INVALID_ARGS, 'invalid args');
    }
    if (typeof width !== 'number' || !Number.isInteger(width) || width < WXACODE_WIDTH.min || width > WXACODE_WIDTH.max) {
      return refuse(ctx, WXACODE_ERR.INVALID_ARGS, 'invalid args');
    }
    if (typeof page !== 'string' || !PAGE_PATTERN.test(page) || (checkPath && !knownPages.has(page))) {
      return refuse(ctx, WXACODE_ERR.INVALID_PAGE, 'invalid page');
    }

    const text = `${SIMULATED_WXACODE_BASE}?${new URLSearchParams({ page, scene, env_version: envVersion })}`;
    const png = await QRCode.toBuffer(text, {
      type: 'png',
      width,
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000ff', light: b.is_hyaline === true ? '#00000000' : '#ffffffff' },
    });
    state.wxacodes.issued += 1;
    ctx.type = 'image/png';
    ctx.body = png;
  });

  /** Simulator control: answer the next getwxacodeunlimit with this errcode (e.g. 45009, -1). */
  router.post('/dev/fail-next-wxacode', async (ctx) => {
    const read = await readJson(ctx.req, 1024);
    const errcode = 'value' in read ? (read.value as { errcode?: unknown } | null)?.errcode : undefined;
    if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
      ctx.status = 400;
      ctx.body = { error: { code: 'VALIDATION_FAILED', message: 'errcode must be an integer' } };
      return;
    }
    state.wxacodes.failNext = errcode;
    ctx.status = 204;
  });
}
