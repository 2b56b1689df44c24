// Public routes that show more to some people (a suspended shop to its owner and operators) ask
// who is calling without requiring it: a missing, expired or unknown token is simply anonymous.
import { AppError } from '../errors';
import { authenticate } from '../domain/sessions';
import type { Services } from '../services';
import type { AppContext } from './context';
import type { UserDoc } from '../models/user';

export async function optionalUser(services: Services, ctx: AppContext): Promise<UserDoc | undefined> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(ctx.get('authorization'));
  if (!match) return undefined;
  try {
    return (await authenticate(services, match[1])).user;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) return undefined;
    throw err;
  }
}
