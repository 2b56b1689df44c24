// Logging in through WeChat's code2Session (the simulator), sessions, logout and expiry.
import { startHarness, bearer, expectError, fieldPaths, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ OPERATOR_OPENIDS: 'op_operator_01' });
});
afterAll(() => h.close());

describe('POST /api/v1/auth/login', () => {
  it('exchanges a wx.login code for a session and a user, and never returns the session_key', async () => {
    const code = await h.loginCode({ identity: 'buyer' });
    const res = await h.api.post('/api/v1/auth/login').send({ code });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect(res.body.user).toMatchObject({ roles: ['buyer'], avatarUrl: null });
    expect(res.body.user.nickname).toMatch(/^微信用户/);
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key|openid/i);
    const stored = await h.boot.services.models.Session.findOne({}).select('+sessionKey').lean();
    expect(stored?.sessionKey).toBeTruthy();
    expect(stored?.tokenHash).not.toBe(res.body.token); // only a hash is stored
  });

  it('finds the same user on every login of the same WeChat user', async () => {
    const a = await h.login('same_person_01');
    const b = await h.login('same_person_01');
    expect(b.user.id).toBe(a.user.id);
    expect(b.token).not.toBe(a.token);
    expect(await h.boot.services.models.User.countDocuments({ openid: 'same_person_01' })).toBe(1);
  });

  it('creates one user when the same person logs in twice at the same moment', async () => {
    const codes = await Promise.all([1, 2, 3, 4].map(() => h.loginCode({ openid: 'racing_person' })));
    const results = await Promise.all(codes.map((code) => h.api.post('/api/v1/auth/login').send({ code })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
    expect(await h.boot.services.models.User.countDocuments({ openid: 'racing_person' })).toBe(1);
  });

  it('gives configured operators the operator role', async () => {
    const { user } = await h.login('op_operator_01');
    expect(user.roles).toEqual(expect.arrayContaining(['buyer', 'operator']));
  });

  it('refuses a code used twice (40163) and an unknown code (40029)', async () => {
    const code = await h.loginCode({ identity: 'buyer' });
    expect((await h.api.post('/api/v1/auth/login').send({ code })).status).toBe(200);
    expectError(await h.api.post('/api/v1/auth/login').send({ code }), 400, 'WECHAT_CODE_USED');
    expectError(await h.api.post('/api/v1/auth/login').send({ code: 'no-such-code' }), 400, 'WECHAT_CODE_INVALID');
  });

  it.each([
    [45011, 429, 'WECHAT_RATE_LIMITED'],
    [40226, 403, 'WECHAT_RISKY_USER'],
    [-1, 503, 'WECHAT_BUSY'],
    [40029, 400, 'WECHAT_CODE_INVALID'],
    [99999, 502, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat errcode %i to %i %s and creates nobody', async (errcode, status, code) => {
    const before = await h.boot.services.models.User.countDocuments();
    const loginCode = await h.loginCode({ openid: `failing_${String(errcode).replace('-', 'm')}` }, errcode);
    expectError(await h.api.post('/api/v1/auth/login').send({ code: loginCode }), status, code);
    expect(await h.boot.services.models.User.countDocuments()).toBe(before);
  });

  it.each([
    [{}, 'code'],
    [{ code: '' }, 'code'],
    [{ code: 42 }, 'code'],
    [{ code: { $gt: '' } }, 'code'],
    [{ code: 'x'.repeat(500) }, 'code'],
    [{ code: 'abc', extra: 1 }, ''],
  ])('rejects bad input %p naming the field', async (body, field) => {
    const err = expectError(await h.api.post('/api/v1/auth/login').send(body), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain(field);
  });

  it('answers WECHAT_UNAVAILABLE when WeChat cannot be reached', async () => {
    const down = await startHarness({ WECHAT_API_BASE: 'http://127.0.0.1:9' });
    try {
      expectError(await down.api.post('/api/v1/auth/login').send({ code: 'whatever' }), 502, 'WECHAT_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});

describe('sessions', () => {
  it('needs a bearer token for /me, and a real one', async () => {
    expectError(await h.api.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await h.api.get('/api/v1/me').set(bearer('A'.repeat(43))), 401, 'UNAUTHENTICATED');
    expectError(await h.api.get('/api/v1/me').set('Authorization', 'Basic abc'), 401, 'UNAUTHENTICATED');
    const res = await h.api.get('/api/v1/me').set('Authorization', 'Bearer x');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('logs out: the token stops working, other sessions keep working', async () => {
    const a = await h.login('two_phones_01');
    const b = await h.login('two_phones_01');
    expect((await h.api.post('/api/v1/auth/logout').set(bearer(a.token))).status).toBe(204);
    expectError(await h.api.get('/api/v1/me').set(bearer(a.token)), 401, 'UNAUTHENTICATED');
    expect((await h.api.get('/api/v1/me').set(bearer(b.token))).status).toBe(200);
  });

  it('expires sessions after their lifetime', async () => {
    const s = await h.login('expiring_01');
    await h.boot.services.models.Session.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expectError(await h.api.get('/api/v1/me').set(bearer(s.token)), 401, 'SESSION_EXPIRED');
  });
});
