// POST /auth/login (a wx.login code → session token + user) and POST /auth/logout.
import { LoginRequest, LoginResponse } from '../../../../contract/auth';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { loginWithCode, revokeSession } from '../../domain/sessions';
import { presentUser } from '../../presenters/user';
import type { Services } from '../../services';

export const authRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: paths.login,
    summary: 'Log in with a wx.login code',
    tags: ['auth'],
    access: 'public',
    body: LoginRequest,
    response: LoginResponse,
    handler: async ({ body }) => {
      const { token, expiresAt, user } = await loginWithCode(services, body.code);
      return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
    },
  }),
  defineRoute({
    method: 'post',
    path: paths.logout,
    summary: 'End this session',
    tags: ['auth'],
    access: 'user',
    status: 204,
    handler: async ({ ctx }) => {
      if (ctx.state.session) await revokeSession(services, ctx.state.session);
    },
  }),
];
