// The HTTP shell every endpoint shares: one error shape, request ids, limits, headers, CORS, health, OpenAPI.
import { startHarness, expectError, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ CORS_ORIGINS: 'https://admin.cunshop.example', BODY_LIMIT_KB: '4' });
});
afterAll(() => h.close());

it('answers unknown routes with a 404 in the error shape', async () => {
  const res = await h.api.get('/api/v1/nope');
  expectError(res, 404, 'NOT_FOUND');
  expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
});

it('answers an unsupported method on a known route with 405 in the error shape', async () => {
  const res = await h.api.delete('/api/v1/client-config');
  expectError(res, 405, 'METHOD_NOT_ALLOWED');
  expect(res.headers.allow).toContain('GET');
});

it('rejects broken JSON and oversized bodies with 4xx', async () => {
  expectError(await h.api.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"code":'), 400, 'BAD_JSON');
  expectError(await h.api.post('/api/v1/auth/login').send({ code: 'x'.repeat(10_000) }), 413, 'PAYLOAD_TOO_LARGE');
});

it('keeps a sane incoming request id and makes one otherwise', async () => {
  const kept = await h.api.get('/healthz').set('X-Request-Id', 'trace-abc-12345');
  expect(kept.headers['x-request-id']).toBe('trace-abc-12345');
  const made = await h.api.get('/healthz').set('X-Request-Id', 'bad id with spaces');
  expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

it('sets security headers', async () => {
  const res = await h.api.get('/api/v1/client-config');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
});

it('allows CORS only for configured origins', async () => {
  const ok = await h.api.options('/api/v1/me').set('Origin', 'https://admin.cunshop.example').set('Access-Control-Request-Method', 'GET');
  expect(ok.headers['access-control-allow-origin']).toBe('https://admin.cunshop.example');
  const no = await h.api.options('/api/v1/me').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
  expect(no.headers['access-control-allow-origin']).toBeUndefined();
});

it('reports the database in /healthz', async () => {
  const res = await h.api.get('/healthz');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok', database: { ok: true } });
});

it('tells the client whether the simulator login is available', async () => {
  const res = await h.api.get('/api/v1/client-config');
  // Not mounted in this app; the subscription templates are the simulator's own (none configured).
  expect(res.body).toEqual({
    apiVersion: 'v1',
    simulatorLoginCodePath: null,
    simulatorSubscribePath: null,
    simulatorPaySheetPath: null,
    subscribeTemplates: { order_paid: 'sim-order-paid', order_shipped: 'sim-order-shipped', new_order: 'sim-new-order' },
  });
});

it('describes every endpoint in the OpenAPI document', async () => {
  const res = await h.api.get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toMatch(/^3\./);
  const ops = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
  expect(ops).toEqual(
    expect.arrayContaining([
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/me',
      'PATCH /api/v1/me',
      'POST /api/v1/me/avatar',
      'GET /api/v1/files/{id}',
      'GET /api/v1/client-config',
    ]),
  );
  expect(res.body.components.schemas).toHaveProperty('Error');
  expect(res.body.components.schemas).toHaveProperty('LoginRequest');
});
