// GET /client-config — what the mini-program may know about how this server runs.
import { ClientConfig } from '../../../../contract/auth';
import { paths, SIMULATOR_LOGIN_CODE_PATH } from '../../../../contract/paths';
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
    handler: async () => ({
      apiVersion: 'v1' as const,
      simulatorLoginCodePath: simulatorMounted && services.config.wechat.simulator ? SIMULATOR_LOGIN_CODE_PATH : null,
    }),
  }),
];
