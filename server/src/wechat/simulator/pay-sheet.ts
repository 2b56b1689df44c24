// The simulator's own WeChat Pay controls (JSON under /dev/…): the pay sheet the H5 build shows
// for wx.requestPayment (checked as the WeChat client checks the parameters), the buyer paying
// from a test with an injected fault, a refund's outcome, and what was sent and kept.
import type Koa from 'koa';
import type Router from '@koa/router';
import { z } from 'zod';
import { SIMULATOR_PAY_SHEET_PATH, SIMULATOR_PREFIX } from '../../../../contract/paths';
import { SimPayRequest, type SimPaySheetView } from '../../../../contract/payments';
import { readJson } from '../../http/body';
import { paySignMessage, rsaVerify } from '../pay/crypto';
import { PayError } from './pay-http';
import { beijingTime } from '../pay/time';
import type { SimPayOrder } from './pay-state';
import type { SimulatorPay } from './pay';

const SHEET_PATH = SIMULATOR_PAY_SHEET_PATH.slice(SIMULATOR_PREFIX.length);

const PayControl = z
  .object({
    out_trade_no: z.string().min(1),
    mchid: z.string().optional(),
    sub_mchid: z.string().optional(),
    inject: z.enum(['bad_signature', 'stale_timestamp', 'duplicate', 'wrong_amount', 'no_notify']).optional(),
  })
  .strict();

const RefundResultControl = z
  .object({ out_refund_no: z.string().min(1), mchid: z.string().optional(), sub_mchid: z.string().optional(), status: z.enum(['SUCCESS', 'ABNORMAL', 'CLOSED']) })
  .strict();

const FailNextControl = z
  .object({ status: z.number().int().min(400).max(599), code: z.string().regex(/^[A-Z_]{3,40}$/), message: z.string().max(200).optional() })
  .strict();

function fail(ctx: Koa.Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

async function readBody(ctx: Koa.Context): Promise<unknown> {
  const read = await readJson(ctx.req, 64 * 1024);
  return 'value' in read ? read.value : undefined;
}

/** A prepay the sheet can show: known, and not past its two hours. */
function livePrepay(pay: SimulatorPay, prepayId: string): SimPayOrder | null {
  const order = pay.state.findByPrepayId(prepayId);
  return order && order.prepayExpiresAt > pay.now() ? order : null;
}

export function registerPaySheet(router: Router, pay: SimulatorPay, identifyBearer: (token: string) => Promise<string | null>): void {
  /** What WeChat's pay sheet shows before the buyer confirms. */
  router.get(SHEET_PATH, (ctx) => {
    const prepayId = typeof ctx.query.prepay_id === 'string' ? ctx.query.prepay_id : '';
    const order = livePrepay(pay, prepayId);
    if (!order) return fail(ctx, 404, 'NOT_FOUND', '支付单不存在或已过期');
    const view: SimPaySheetView = {
      prepayId: order.prepayId,
      amountFen: order.totalFen,
      description: order.description,
      mchid: order.subMchid ?? order.mchid,
    };
    ctx.body = view;
  });

  /**
   * The buyer confirms or cancels. The parameters are checked as the WeChat client checks
   * wx.requestPayment's: the prepay, the appId it was made for, and the merchant's paySign.
   */
  router.post(SHEET_PATH, async (ctx) => {
    const parsed = SimPayRequest.safeParse(await readBody(ctx));
    if (!parsed.success) return fail(ctx, 400, 'VALIDATION_FAILED', `requestPayment:fail 调用支付JSAPI缺少参数：${parsed.error.issues[0].path.join('.')}`);
    const p = parsed.data;
    const prepayId = /^prepay_id=(\S+)$/.exec(p.package)?.[1];
    const order = prepayId ? livePrepay(pay, prepayId) : null;
    if (!order) return fail(ctx, 400, 'PREPAY_INVALID', 'requestPayment:fail package无效：prepay_id不存在或已过期');
    if (p.appId !== order.appid) return fail(ctx, 400, 'APPID_MISMATCH', 'requestPayment:fail 支付验证签名失败：appId与下单时的appid不一致');
    const merchant = pay.merchantOf(order);
    if (!rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchant.publicKey)) {
      return fail(ctx, 400, 'PAY_SIGN_INVALID', 'requestPayment:fail 支付验证签名失败');
    }
    const bearer = /^Bearer (\S+)$/.exec(ctx.get('authorization'))?.[1];
    const holder = (bearer ? await identifyBearer(bearer) : null) ?? p.openid ?? null;
    if (holder !== null && holder !== order.openid) return fail(ctx, 403, 'NOT_PAYER', 'requestPayment:fail 当前微信用户不是下单用户');
    if (p.choice === 'cancel') return void (ctx.body = { result: 'cancelled' });
    try {
      ctx.body = { result: 'paid', transactionId: pay.pay(order) };
    } catch (e) {
      if (!(e instanceof PayError)) throw e;
      fail(ctx, e.status, e.code, `requestPayment:fail ${e.message}`);
    }
  });

  /** Tests play the buyer paying (no paySign needed), optionally with a faulty notification. */
  router.post('/dev/pay', async (ctx) => {
    const parsed = PayControl.safeParse(await readBody(ctx));
    if (!parsed.success) return fail(ctx, 400, 'VALIDATION_FAILED', 'out_trade_no is required; inject must be one of the known faults');
    const { out_trade_no: no, mchid, sub_mchid: sub, inject } = parsed.data;
    const matches = [...pay.state.orders.values()].filter(
      (o) => o.outTradeNo === no && (!mchid || o.mchid === mchid) && (!sub || o.subMchid === sub),
    );
    if (matches.length === 0) return fail(ctx, 404, 'NOT_FOUND', `no order ${no}`);
    if (matches.length > 1) return fail(ctx, 400, 'AMBIGUOUS', `several merchants have an order ${no}: give mchid and sub_mchid`);
    try {
      ctx.body = { transactionId: pay.pay(matches[0], inject) };
    } catch (e) {
      if (!(e instanceof PayError)) throw e;
      fail(ctx, e.status, e.code, e.message);
    }
  });

  /** A refund's outcome, now: SUCCESS, ABNORMAL or CLOSED, with its notification. */
  router.post('/dev/refund-result', async (ctx) => {
    const parsed = RefundResultControl.safeParse(await readBody(ctx));
    if (!parsed.success) return fail(ctx, 400, 'VALIDATION_FAILED', 'out_refund_no and status (SUCCESS, ABNORMAL or CLOSED) are required');
    const { out_refund_no: no, mchid, sub_mchid: sub, status } = parsed.data;
    const matches = [...pay.state.refunds.entries()].filter(([key, r]) => {
      const [m, s] = key.split('|');
      return r.outRefundNo === no && (!mchid || m === mchid) && (!sub || s === sub);
    });
    if (matches.length !== 1) return fail(ctx, matches.length ? 400 : 404, matches.length ? 'AMBIGUOUS' : 'NOT_FOUND', `refund ${no}: ${matches.length} found`);
    try {
      pay.settleRefund(matches[0][1], status);
      ctx.body = pay.state.refundJson(matches[0][1]);
    } catch (e) {
      if (!(e instanceof PayError)) throw e;
      fail(ctx, e.status, 'REFUND_SETTLED', e.message);
    }
  });

  /** The next merchant API call answers this error (after its signature checks), e.g. 429 FREQUENCY_LIMITED. */
  router.post('/dev/pay-fail-next', async (ctx) => {
    const parsed = FailNextControl.safeParse(await readBody(ctx));
    if (!parsed.success) return fail(ctx, 400, 'VALIDATION_FAILED', 'status (400-599) and code (WeChat Pay error code) are required');
    pay.failNext = { status: parsed.data.status, code: parsed.data.code, message: parsed.data.message ?? '模拟的微信支付错误' };
    ctx.status = 204;
  });

  /** Every notification delivery attempt, oldest first. */
  router.get('/dev/pay-notifications', (ctx) => {
    ctx.body = { items: pay.notifier.attempts };
  });

  /** Orders with their transactions, and refunds, as the simulator keeps them. */
  router.get('/dev/pay-orders', (ctx) => {
    ctx.body = {
      orders: [...pay.state.orders.values()].map((o) => ({
        ...pay.state.transactionJson(o),
        description: o.description,
        notify_url: o.notifyUrl,
        prepay_id: o.prepayId,
        time_expire: o.expiresAt === null ? null : beijingTime(o.expiresAt),
        refunded: pay.state.refundedFen(o),
      })),
      refunds: [...pay.state.refunds.values()].map((r) => ({ ...pay.state.refundJson(r), reason: r.reason, notify_url: r.notifyUrl })),
    };
  });
}
