// GET /client-config — what the mini-program may know about how this server runs.
import { ClientConfig } from '../../../../contract/auth';
import { paths, SIMULATOR_LOGIN_CODE_PATH, SIMULATOR_PAY_SHEET_PATH, SIMULATOR_SUBSCRIBE_PATH } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { Services } from '../../services';

export const metaRoutes = (services: Services, simulatorMounted: boolean): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.clientConfig,
    summary: 'Client configuration',
    tags: ['meta'],
    access: 'public',
    response: ClientConfig,
    handler: async () => {
      const simulator = simulatorMounted && services.config.wechat.simulator;
      const t = services.config.wechat.subscribeTemplates;
      return {
        apiVersion: 'v1' as const,
        simulatorLoginCodePath: simulator ? SIMULATOR_LOGIN_CODE_PATH : null,
        simulatorSubscribePath: simulator ? SIMULATOR_SUBSCRIBE_PATH : null,
        // The mounted simulator plays WeChat Pay only when payments go to it (no real merchant configured).
        simulatorPaySheetPath: simulator && services.wechatPay && !services.config.payment.apiBase ? SIMULATOR_PAY_SHEET_PATH : null,
        subscribeTemplates: { order_paid: t.order_paid?.id ?? null, order_shipped: t.order_shipped?.id ?? null, new_order: t.new_order?.id ?? null },
      };
    },
  }),
];
