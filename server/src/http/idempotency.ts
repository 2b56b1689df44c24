// Idempotency-Key: a phone on a weak network cannot tell a lost request from a lost answer, so it
// may send the same POST again. With the same key (per person), the second request gets the
// first one's answer instead of acting twice; the same key with a different request is refused.
import { createHash } from 'node:crypto';
import { AppError, validationError } from '../errors';
import { isDuplicateKey } from '../db/errors';
import type { Services } from '../services';
import type { AppMiddleware } from './context';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** A request still "in progress" after this long died with its server: a retry may take over. */
export const ABANDONED_AFTER_MS = 60_000;
/** How long answers are remembered (jobs/purge-idempotency-keys.ts). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

const badKey = (message: string) => validationError([{ path: `headers.${IDEMPOTENCY_HEADER}`, message, code: 'invalid_string' }]);

/** Runs after authentication and validation: the key is per user, the hash covers the validated request. */
export function idempotent(services: Services): AppMiddleware {
  return async (ctx, next) => {
    const key = ctx.get(IDEMPOTENCY_HEADER);
    if (!key) return next();
    if (!KEY.test(key)) throw badKey('must be 8 to 64 letters, digits, "-" or "_"');
    const userId = ctx.state.user?._id;
    if (!userId) return next();
    const requestHash = createHash('sha256')
      .update(JSON.stringify([ctx.method, ctx.path, ctx.state.params ?? null, ctx.state.body ?? null]))
      .digest('base64url');
    const { IdempotencyKey } = services.models;

    let recordId = null;
    for (let attempt = 0; attempt < 2 && !recordId; attempt += 1) {
      try {
        recordId = (await IdempotencyKey.create({ userId, key, requestHash, state: 'pending' }))._id;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const seen = await IdempotencyKey.findOne({ userId, key }).lean();
        if (!seen) continue; // purged in between: try to claim it again
        if (seen.requestHash !== requestHash) throw badKey('was already used for a different request');
        if (seen.state === 'done') {
          ctx.status = seen.status ?? 200;
          if (seen.body !== null) ctx.body = seen.body;
          ctx.set('Idempotent-Replayed', 'true');
          return;
        }
        if (services.now().getTime() - seen.createdAt.getTime() < ABANDONED_AFTER_MS) {
          throw new AppError('CONFLICT', 'This request is still being processed; try again in a moment');
        }
        await IdempotencyKey.deleteOne({ _id: seen._id, state: 'pending' });
      }
    }
    if (!recordId) throw new AppError('CONFLICT', 'This request is still being processed; try again in a moment');

    try {
      await next();
    } catch (err) {
      // A refusal is not remembered: the same key may try again once the cause is fixed.
      await IdempotencyKey.deleteOne({ _id: recordId }).catch(() => undefined);
      throw err;
    }
    await IdempotencyKey.updateOne({ _id: recordId }, { $set: { state: 'done', status: ctx.status, body: ctx.body ?? null } });
  };
}
