// Logging in with WeChat and the sessions that follow: create, authenticate, revoke.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import type { SessionDoc } from '../models/session';
import type { Role } from '../../../contract/users';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A friendly default name until the person sets their own ("微信用户" is what WeChat itself shows). */
const defaultNickname = (openid: string) => `微信用户${createHash('sha256').update(openid).digest('hex').slice(0, 4)}`;

export async function loginWithCode(services: Services, code: string) {
  const { openid, sessionKey, unionid } = await services.wechat.code2Session(code);
  const { User, Session } = services.models;
  const now = services.now();
  const operator = services.config.operatorOpenids.includes(openid);
  const roles: Role[] = operator ? ['buyer', 'operator'] : ['buyer'];
  // Upsert keeps two simultaneous first logins of one person from creating two users.
  const user = (await User.findOneAndUpdate(
    { openid },
    {
      $setOnInsert: { openid, nickname: defaultNickname(openid) },
      $set: { lastLoginAt: now, ...(unionid ? { unionid } : {}) },
      $addToSet: { roles: { $each: roles } },
    },
    { upsert: true, new: true, setDefaultsOnInsert: false },
  )) as UserDoc;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + services.config.sessionTtlMs);
  await Session.create({ tokenHash: hashToken(token), userId: user._id, sessionKey, expiresAt, lastSeenAt: now });
  return { token, expiresAt, user };
}

export async function authenticate(services: Services, token: string): Promise<{ user: UserDoc; session: SessionDoc }> {
  const { User, Session } = services.models;
  const session = await Session.findOne({ tokenHash: hashToken(token) });
  if (!session || session.revokedAt) throw new AppError('UNAUTHENTICATED', 'Please log in');
  const now = services.now();
  if (session.expiresAt <= now) throw new AppError('SESSION_EXPIRED', 'Your session has expired; please log in again');
  const user = await User.findById(session.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please log in');
  // Touch at most once a minute: a write per request would be wasted on a busy shop.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await Session.updateOne({ _id: session._id }, { $set: { lastSeenAt: now } });
  }
  return { user, session };
}

export async function revokeSession(services: Services, session: SessionDoc): Promise<void> {
  await services.models.Session.updateOne({ _id: session._id, revokedAt: { $exists: false } }, { $set: { revokedAt: services.now() } });
}
