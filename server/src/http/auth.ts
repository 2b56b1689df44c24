// requireAuth(): the bearer token → session → user, then the role check for the route.
// Who may touch which resource is decided later, in policies/, by the handler.
import { AppError } from '../errors';
import type { Services } from '../services';
import type { AppMiddleware } from './context';
import type { Access } from './route';
import { authenticate } from '../domain/sessions';

export function requireAuth(services: Services, access: Exclude<Access, 'public'>): AppMiddleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Please log in');
    const { user, session } = await authenticate(services, match[1]);
    if (access !== 'user' && !user.roles.includes(access)) {
      throw new AppError('FORBIDDEN', `This needs the ${access} role`);
    }
    ctx.state.user = user;
    ctx.state.session = session;
    ctx.state.log = ctx.state.log.child({ userId: user.id });
    await next();
  };
}
