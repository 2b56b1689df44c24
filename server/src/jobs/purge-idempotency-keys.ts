// Forgets remembered answers to Idempotency-Keys after a day: a retry comes within minutes. One
// deleteMany is idempotent, so several server instances may run it at once.
import type { Services } from '../services';
import { IDEMPOTENCY_RETENTION_MS } from '../http/idempotency';

export async function purgeIdempotencyKeys(services: Services): Promise<number> {
  const cutoff = new Date(services.now().getTime() - IDEMPOTENCY_RETENTION_MS);
  const r = await services.models.IdempotencyKey.deleteMany({ createdAt: { $lt: cutoff } });
  return r.deletedCount;
}
