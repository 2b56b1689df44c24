// Per-person limits on costly endpoints: the 11th avatar in a minute is refused with 429 and a
// Retry-After, other people are unaffected, and the window reopens after a minute.
import sharp from 'sharp';
import Koa from 'koa';
import request from 'supertest';
import { startHarness, bearer, expectError, type Harness } from './harness';
import { rateLimiter } from '../../server/src/http/rate-limit';
import { errorHandler } from '../../server/src/http/errors';
import { requestContext } from '../../server/src/http/request-id';
import { createLogger } from '../../server/src/logger';
import type { AppState } from '../../server/src/http/context';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('refuses the 11th avatar upload in a minute with 429 and Retry-After; someone else still may', async () => {
  const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c90' } }).jpeg().toBuffer();
  const { token } = await h.login();
  for (let i = 0; i < 10; i += 1) {
    const ok = await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', image, 'a.jpg');
    expect(ok.status).toBe(200);
  }
  const refused = await h.api.post('/api/v1/me/avatar').set(bearer(token)).attach('file', image, 'a.jpg');
  expectError(refused, 429, 'RATE_LIMITED');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

  const other = await h.login();
  expect((await h.api.post('/api/v1/me/avatar').set(bearer(other.token)).attach('file', image, 'a.jpg')).status).toBe(200);
});

it('opens the window again after a minute', async () => {
  let t = Date.parse('2026-11-28T08:00:00Z');
  const limit = rateLimiter(() => new Date(t));
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger('silent')));
  app.use(errorHandler());
  app.use(limit({ name: 'test', perMinute: 2 }));
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const api = request(app.callback());
  expect((await api.get('/')).status).toBe(200);
  expect((await api.get('/')).status).toBe(200);
  t += 30_000;
  const refused = await api.get('/');
  expectError(refused, 429, 'RATE_LIMITED');
  expect(refused.headers['retry-after']).toBe('30');
  t += 30_000;
  expect((await api.get('/')).status).toBe(200);
});
