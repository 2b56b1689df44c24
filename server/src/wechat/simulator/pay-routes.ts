// The simulated WeChat Pay merchant API (api.mch.weixin.qq.com/v3/…): JSAPI prepay (direct and
// partner), query by out_trade_no or transaction_id, close, domestic refunds and their query.
// Each request is authenticated and each answer signed (pay-http.ts); bodies are checked as
// WeChat checks them, with its HTTP statuses and codes.
import type Koa from 'koa';
import type Router from '@koa/router';
import type { RouterContext, RouterMiddleware } from '@koa/router';
import { z } from 'zod';
import { authenticate, PayError, readRawBody, respondSigned, type KnownMerchant } from './pay-http';
import type { SimulatorPay } from './pay';

const OutTradeNo = z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/, '商户订单号须为6-32位数字、大小写字母或_-|*');
const Mchid = z.string().min(1).max(32);
const Appid = z.string().min(1).max(32);
const Rfc3339 = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, '须为RFC 3339格式')
  .refine((s) => !Number.isNaN(Date.parse(s)), '须为RFC 3339格式');
/** http accepted (local development); WeChat forbids parameters on notify_url. */
const NotifyUrl = z
  .string()
  .max(255)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, '须为可访问的https地址，且不能携带参数');
const Amount = z.object({ total: z.number().int().min(1), currency: z.literal('CNY').optional() });
const Common = {
  description: z.string().min(1).max(127),
  out_trade_no: OutTradeNo,
  time_expire: Rfc3339.optional(),
  attach: z.string().max(128).optional(),
  notify_url: NotifyUrl,
  amount: Amount,
};
const DirectPrepay = z.object({ appid: Appid, mchid: Mchid, ...Common, payer: z.object({ openid: z.string().min(1).max(128) }) });
const PartnerPrepay = z.object({
  sp_appid: Appid,
  sp_mchid: Mchid,
  sub_appid: Appid.optional(),
  sub_mchid: Mchid,
  ...Common,
  payer: z.object({ sp_openid: z.string().min(1).max(128) }),
});
const Refund = z
  .object({
    sub_mchid: Mchid.optional(),
    transaction_id: z.string().min(1).max(32).optional(),
    out_trade_no: OutTradeNo.optional(),
    out_refund_no: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/, '商户退款单号须为1-64位数字、大小写字母或_-|*@'),
    reason: z.string().max(80).optional(),
    notify_url: NotifyUrl.optional(),
    amount: z.object({ refund: z.number().int().min(1), total: z.number().int().min(1), currency: z.literal('CNY') }),
  })
  .refine((b) => b.transaction_id || b.out_trade_no, { message: 'transaction_id和out_trade_no必须二选一', path: ['out_trade_no'] });

/** WeChat's PARAM_ERROR names the field that failed. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new PayError(400, 'PARAM_ERROR', `输入源“/body/${issue.path.join('/')}”校验失败：${issue.message}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PayError(400, 'PARAM_ERROR', '请求体JSON格式错误');
  }
}

function queryParam(ctx: Koa.Context, name: string, required: boolean): string | null {
  const v = ctx.query[name];
  if (typeof v === 'string' && v) return v;
  if (required) throw new PayError(400, 'PARAM_ERROR', `输入源“/query/${name}”映射到字段必填性规则校验失败，此字段为必填项`);
  return null;
}

type Handler = (ctx: RouterContext, merchant: KnownMerchant, body: unknown) => { status: number; body?: unknown };

export function registerPayRoutes(router: Router, pay: SimulatorPay): void {
  /** Reads, authenticates, applies any injected failure, runs the handler, signs whatever is answered. */
  const route =
    (handler: Handler): RouterMiddleware =>
    async (ctx) => {
      try {
        const raw = await readRawBody(ctx);
        if (raw === null) throw new PayError(400, 'PARAM_ERROR', '请求体过大');
        const merchant = authenticate(ctx, raw, pay.merchants, pay.now);
        if (pay.failNext) {
          const f = pay.failNext;
          pay.failNext = null;
          throw new PayError(f.status, f.code, f.message);
        }
        const out = handler(ctx, merchant, ctx.method === 'GET' ? undefined : parseJson(raw || '{}'));
        respondSigned(ctx, pay.signer, out.status, out.body);
      } catch (e) {
        if (!(e instanceof PayError)) throw e;
        respondSigned(ctx, pay.signer, e.status, { code: e.code, message: e.message });
      }
    };

  const notFound = () => new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');

  router.post(
    '/v3/pay/transactions/jsapi',
    route((_ctx, merchant, raw) => {
      const b = parse(DirectPrepay, raw);
      const prepayId = pay.prepay(merchant, {
        partner: false,
        appid: b.appid,
        mchid: b.mchid,
        subMchid: null,
        subAppid: null,
        openid: b.payer.openid,
        outTradeNo: b.out_trade_no,
        description: b.description,
        totalFen: b.amount.total,
        notifyUrl: b.notify_url,
        attach: b.attach ?? null,
        expiresAt: b.time_expire ? Date.parse(b.time_expire) : null,
      });
      return { status: 200, body: { prepay_id: prepayId } };
    }),
  );

  router.post(
    '/v3/pay/partner/transactions/jsapi',
    route((_ctx, merchant, raw) => {
      const b = parse(PartnerPrepay, raw);
      const prepayId = pay.prepay(merchant, {
        partner: true,
        appid: b.sp_appid,
        mchid: b.sp_mchid,
        subMchid: b.sub_mchid,
        subAppid: b.sub_appid ?? null,
        openid: b.payer.sp_openid,
        outTradeNo: b.out_trade_no,
        description: b.description,
        totalFen: b.amount.total,
        notifyUrl: b.notify_url,
        attach: b.attach ?? null,
        expiresAt: b.time_expire ? Date.parse(b.time_expire) : null,
      });
      return { status: 200, body: { prepay_id: prepayId } };
    }),
  );

  /** The mchid (or sp_mchid) in the query must be the caller's own. */
  const ownMchid = (ctx: Koa.Context, merchant: KnownMerchant, name: 'mchid' | 'sp_mchid') => {
    if (queryParam(ctx, name, true) !== merchant.mchid) throw new PayError(400, 'PARAM_ERROR', `${name}与请求头Authorization中的商户号不一致`);
  };
  const subMchidOf = (ctx: Koa.Context, merchant: KnownMerchant) => {
    const sub = queryParam(ctx, 'sub_mchid', true) as string;
    pay.checkSubMchid(merchant, sub);
    return sub;
  };

  router.get(
    '/v3/pay/transactions/out-trade-no/:no',
    route((ctx, merchant) => {
      ownMchid(ctx, merchant, 'mchid');
      const order = pay.state.findOrder(merchant.mchid, null, ctx.params.no);
      if (!order) throw notFound();
      return { status: 200, body: pay.state.transactionJson(order) };
    }),
  );

  router.get(
    '/v3/pay/transactions/id/:id',
    route((ctx, merchant) => {
      ownMchid(ctx, merchant, 'mchid');
      const order = pay.state.findByTransactionId(ctx.params.id);
      if (!order || order.mchid !== merchant.mchid || order.partner) throw notFound();
      return { status: 200, body: pay.state.transactionJson(order) };
    }),
  );

  router.get(
    '/v3/pay/partner/transactions/out-trade-no/:no',
    route((ctx, merchant) => {
      ownMchid(ctx, merchant, 'sp_mchid');
      const order = pay.state.findOrder(merchant.mchid, subMchidOf(ctx, merchant), ctx.params.no);
      if (!order) throw notFound();
      return { status: 200, body: pay.state.transactionJson(order) };
    }),
  );

  router.get(
    '/v3/pay/partner/transactions/id/:id',
    route((ctx, merchant) => {
      ownMchid(ctx, merchant, 'sp_mchid');
      const sub = subMchidOf(ctx, merchant);
      const order = pay.state.findByTransactionId(ctx.params.id);
      if (!order || order.mchid !== merchant.mchid || order.subMchid !== sub) throw notFound();
      return { status: 200, body: pay.state.transactionJson(order) };
    }),
  );

  router.post(
    '/v3/pay/transactions/out-trade-no/:no/close',
    route((ctx, merchant, raw) => {
      const b = parse(z.object({ mchid: Mchid }), raw);
      if (b.mchid !== merchant.mchid) throw new PayError(400, 'PARAM_ERROR', 'mchid与请求头Authorization中的商户号不一致');
      const order = pay.state.findOrder(merchant.mchid, null, ctx.params.no);
      if (!order) throw notFound();
      pay.close(order);
      return { status: 204 };
    }),
  );

  router.post(
    '/v3/pay/partner/transactions/out-trade-no/:no/close',
    route((ctx, merchant, raw) => {
      const b = parse(z.object({ sp_mchid: Mchid, sub_mchid: Mchid }), raw);
      if (b.sp_mchid !== merchant.mchid) throw new PayError(400, 'PARAM_ERROR', 'sp_mchid与请求头Authorization中的商户号不一致');
      pay.checkSubMchid(merchant, b.sub_mchid);
      const order = pay.state.findOrder(merchant.mchid, b.sub_mchid, ctx.params.no);
      if (!order) throw notFound();
      pay.close(order);
      return { status: 204 };
    }),
  );

  router.post(
    '/v3/refund/domestic/refunds',
    route((_ctx, merchant, raw) => {
      const b = parse(Refund, raw);
      const isPartner = merchant.subMchids.length > 0;
      if (isPartner && !b.sub_mchid) throw new PayError(400, 'PARAM_ERROR', '服务商模式下sub_mchid为必填项');
      const refund = pay.refund(merchant, {
        subMchid: b.sub_mchid ?? null,
        outTradeNo: b.out_trade_no ?? null,
        transactionId: b.transaction_id ?? null,
        outRefundNo: b.out_refund_no,
        reason: b.reason ?? null,
        notifyUrl: b.notify_url ?? null,
        refundFen: b.amount.refund,
        totalFen: b.amount.total,
      });
      return { status: 200, body: pay.state.refundJson(refund) };
    }),
  );

  router.get(
    '/v3/refund/domestic/refunds/:no',
    route((ctx, merchant) => {
      const sub = queryParam(ctx, 'sub_mchid', false);
      if (sub) pay.checkSubMchid(merchant, sub);
      const refund = pay.state.refunds.get(pay.state.refundKey(merchant.mchid, sub, ctx.params.no));
      if (!refund) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return { status: 200, body: pay.state.refundJson(refund) };
    }),
  );
}
