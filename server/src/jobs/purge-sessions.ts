// Deletes sessions that ended (expired or revoked) more than a week ago. One deleteMany is
// idempotent, so several server instances may run it at once without coordination.
import type { Services } from '../services';

export const SESSION_RETENTION_MS = 7 * 24 * 3_600_000;

export async function purgeEndedSessions(services: Services): Promise<number> {
  const cutoff = new Date(services.now().getTime() - SESSION_RETENTION_MS);
  const r = await services.models.Session.deleteMany({ $or: [{ expiresAt: { $lt: cutoff } }, { revokedAt: { $lt: cutoff } }] });
  return r.deletedCount;
}
