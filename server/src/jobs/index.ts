// The server's timed jobs.
import type { Services } from '../services';
import type { Job } from './scheduler';
import { purgeEndedSessions } from './purge-sessions';
import { purgeIdempotencyKeys } from './purge-idempotency-keys';
import { expireUnpaidOrders } from './expire-unpaid-orders';
import { completeShippedOrders } from './complete-shipped-orders';
import { sweepOrderStock } from './sweep-order-stock';
import { reconcilePayments } from './reconcile-payments';
import { checkRefunds } from './check-refunds';
import { uploadDueShippingInfo } from './upload-shipping-info';

export const serverJobs = (services: Services): Job[] => [
  { name: 'purge-ended-sessions', everyMs: 3_600_000, run: () => purgeEndedSessions(services) },
  { name: 'purge-idempotency-keys', everyMs: 3_600_000, run: () => purgeIdempotencyKeys(services) },
  { name: 'expire-unpaid-orders', everyMs: 30_000, run: () => expireUnpaidOrders(services) },
  { name: 'complete-shipped-orders', everyMs: 600_000, run: () => completeShippedOrders(services) },
  { name: 'sweep-order-stock', everyMs: 60_000, run: () => sweepOrderStock(services) },
  { name: 'reconcile-payments', everyMs: 30_000, run: () => reconcilePayments(services) },
  { name: 'check-refunds', everyMs: 30_000, run: () => checkRefunds(services) },
  { name: 'upload-shipping-info', everyMs: 60_000, run: () => uploadDueShippingInfo(services) },
];
