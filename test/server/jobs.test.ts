// Timed jobs: ended sessions are purged after a week, live ones never; the scheduler survives failures.
import { startHarness, bearer, type Harness } from './harness';
import { purgeEndedSessions, SESSION_RETENTION_MS } from '../../server/src/jobs/purge-sessions';
import { startScheduler } from '../../server/src/jobs/scheduler';
import { createLogger } from '../../server/src/logger';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('purges sessions that ended over a week ago, and only those', async () => {
  const { Session } = h.boot.services.models;
  const live = await h.login();
  const old = await h.login();
  const recentlyRevoked = await h.login();
  await h.api.post('/api/v1/auth/logout').set(bearer(recentlyRevoked.token));
  const longAgo = new Date(Date.now() - SESSION_RETENTION_MS - 60_000);
  const oldUser = await h.boot.services.models.User.findById(old.user.id);
  await Session.updateMany({ userId: oldUser!._id }, { $set: { expiresAt: longAgo } });
  const before = await Session.countDocuments();

  expect(await purgeEndedSessions(h.boot.services)).toBe(1);
  expect(await Session.countDocuments()).toBe(before - 1);
  expect((await h.api.get('/api/v1/me').set(bearer(live.token))).status).toBe(200);
  // Running it again (another instance at the same moment) changes nothing more.
  expect(await purgeEndedSessions(h.boot.services)).toBe(0);
});

it('keeps running a job after it fails, and never overlaps one job with itself', async () => {
  let calls = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const scheduler = startScheduler(
    [
      {
        name: 'flaky',
        everyMs: 5,
        run: async () => {
          calls += 1;
          concurrent += 1;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await new Promise((r) => setTimeout(r, 20));
          concurrent -= 1;
          if (calls % 2) throw new Error('boom');
        },
      },
    ],
    createLogger('silent'),
  );
  await new Promise((r) => setTimeout(r, 150));
  await scheduler.stop();
  expect(calls).toBeGreaterThan(2);
  expect(maxConcurrent).toBe(1);
});
