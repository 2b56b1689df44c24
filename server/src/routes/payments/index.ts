// Payments over HTTP: paying an order with WeChat Pay (and checking it after the phone says so),
// refund requests and answers, the seller's refunds, a shop's payment settings, and WeChat Pay's
// notifications (no session: verified by WeChat Pay's signature). Thin: validate → domain → present.
import { OrderView } from '../../../../contract/orders';
import {
  AnswerRefundRequest, PaymentSettingsView, PayOrderResponse, RequestRefundRequest, SellerRefundRequest, UpdatePaymentSettingsRequest,
} from '../../../../contract/payments';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { OrderWithShop } from '../../domain/orders';
import { checkOrderPayment, payOrder } from '../../domain/payments';
import { answerRefundRequest, requestRefund, sellerRefund } from '../../domain/refunds';
import { paymentSettings, updatePaymentSettings } from '../../domain/payment-setup';
import { handlePayNotification } from '../../domain/pay-notifications';
import { presentOrder } from '../../presenters/order';
import type { UserDoc } from '../../models/user';
import type { Services } from '../../services';
import { OrderParams, ShopParams } from '../params';

export const paymentRoutes = (services: Services): AnyRoute[] => {
  const present = (user: UserDoc, { order, shop }: OrderWithShop) => presentOrder(services, order, shop, user);

  return [
    defineRoute({
      method: 'post',
      path: paths.orderPay,
      idempotent: true,
      rateLimit: { name: 'order-pay', perMinute: 30 },
      summary: "The buyer pays an unpaid order with WeChat Pay: wx.requestPayment's signed parameters",
      tags: ['payments'],
      access: 'user',
      params: OrderParams,
      response: PayOrderResponse,
      handler: async ({ user, params }) => payOrder(services, user, params.orderId),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderPayCheck,
      rateLimit: { name: 'order-pay-check', perMinute: 60 },
      summary: 'After the phone says it paid: ask WeChat Pay, and answer the order as it stands',
      tags: ['payments'],
      access: 'user',
      params: OrderParams,
      response: OrderView,
      handler: async ({ user, params }) => present(user, await checkOrderPayment(services, user, params.orderId)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderRefundRequest,
      summary: 'The buyer asks for money back (all or part of what is refundable), with a reason',
      tags: ['payments'],
      access: 'user',
      params: OrderParams,
      body: RequestRefundRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await requestRefund(services, user, params.orderId, body)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderRefundAnswer,
      summary: "The shop owner approves (refunds) or declines (with a reason) the buyer's request",
      tags: ['payments'],
      access: 'user',
      params: OrderParams,
      body: AnswerRefundRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await answerRefundRequest(services, user, params.orderId, body)),
    }),
    defineRoute({
      method: 'post',
      path: paths.orderRefunds,
      idempotent: true,
      summary: 'The shop owner refunds part or all of a paid order; never more than is refundable',
      tags: ['payments'],
      access: 'user',
      params: OrderParams,
      body: SellerRefundRequest,
      response: OrderView,
      handler: async ({ user, params, body }) => present(user, await sellerRefund(services, user, params.orderId, body)),
    }),
    defineRoute({
      method: 'get',
      path: paths.shopPaymentSettings,
      summary: "How the shop's buyers pay, and its WeChat Pay sub-merchant id (owner, operators)",
      tags: ['payments'],
      access: 'user',
      params: ShopParams,
      response: PaymentSettingsView,
      handler: async ({ user, params }) => paymentSettings(services, user, params.shopId),
    }),
    defineRoute({
      method: 'put',
      path: paths.shopPaymentSettings,
      summary: "Set the shop's WeChat Pay sub-merchant id (owner, operators), with the settings' version",
      tags: ['payments'],
      access: 'user',
      params: ShopParams,
      body: UpdatePaymentSettingsRequest,
      response: PaymentSettingsView,
      handler: async ({ user, params, body }) => updatePaymentSettings(services, user, params.shopId, body),
    }),
    defineRoute({
      method: 'post',
      path: paths.wechatPayNotify,
      summary: "WeChat Pay's notifications (payments, refunds): verified by signature, decrypted, applied once; 204 when taken",
      tags: ['payments'],
      access: 'public',
      raw: true,
      handler: async ({ ctx }) => {
        const rawBody = (ctx.request as { rawBody?: string }).rawBody ?? '';
        const answer = await handlePayNotification(services, (name) => ctx.get(name) || undefined, rawBody);
        ctx.status = answer.status;
        if (answer.status !== 204) ctx.body = { code: 'FAIL', message: answer.message };
      },
    }),
  ];
};
