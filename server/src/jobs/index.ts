// The server's timed jobs.
import type { Services } from '../services';
import type { Job } from './scheduler';
import { purgeEndedSessions } from './purge-sessions';
import { purgeIdempotencyKeys } from './purge-idempotency-keys';

export const serverJobs = (services: Services): Job[] => [
  { name: 'purge-ended-sessions', everyMs: 3_600_000, run: () => purgeEndedSessions(services) },
  { name: 'purge-idempotency-keys', everyMs: 3_600_000, run: () => purgeIdempotencyKeys(services) },
];
