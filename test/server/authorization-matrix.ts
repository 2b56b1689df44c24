// The shape of the authorisation matrices: rows of endpoints, each called as every role against a
// world of its own; refusals come first and each is checked to change nothing, then the allowed
// calls. And the check that a matrix covers every endpoint the API documents in its area.
import type { Harness } from './harness';
import type { Person } from './catalog-fixtures';

export interface MatrixRow<W, R extends string> {
  /** "METHOD /path" as OpenAPI documents it (`:id` for every parameter), maybe with "(a note)". */
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: (w: W) => string;
  body?: (w: W) => object;
  expect: Record<R, number>;
}

export const REFUSAL_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

export interface MatrixOptions<W, R extends string> {
  h: () => Harness;
  roles: R[];
  rows: MatrixRow<W, R>[];
  /** A fresh world for one row, and who plays each role (null: anonymous). */
  setup: (rowIndex: number) => Promise<{ world: W; people: Record<R, Person | null> }>;
  /** Everything a refused request could have touched, as one string. */
  snapshot: () => Promise<string>;
  /** Codes of refusals beyond 401/403/404 (e.g. 409 SHOP_ALREADY_OPEN). */
  codes?: Record<number, string>;
  /**
   * An answer that counts as the allowed one: an action open to two roles (cancel: buyer or
   * seller) is done by whoever comes first, and the second finds the order moved on.
   */
  alsoAllowed?: (res: { status: number; body: { error?: { code?: string } } }) => boolean;
}

export function describeMatrix<W, R extends string>(o: MatrixOptions<W, R>): void {
  const codes = { ...REFUSAL_CODES, ...o.codes };
  describe.each(o.rows.map((row, index) => ({ ...row, index })))('$name', (row) => {
    let world: W;
    let people: Record<R, Person | null>;
    beforeAll(async () => {
      ({ world, people } = await o.setup(row.index));
    });

    const order = [...o.roles].sort((a, b) => Number(row.expect[a] < 300) - Number(row.expect[b] < 300));
    it.each(order)('as %s', async (role) => {
      const h = o.h();
      const who = people[role];
      const expected = row.expect[role];
      // Snapshots are of the world at rest: follow-up work (messages) of earlier calls is done.
      const atRest = async () => {
        await h.boot.services.background.drain();
        return o.snapshot();
      };
      const before = expected >= 400 ? await atRest() : null;
      let req = h.api[row.method](`/api/v1${row.path(world)}`);
      if (who) req = req.set(who.auth);
      const res = row.body ? await req.send(row.body(world)) : await req;
      const counted = expected < 300 && o.alsoAllowed?.(res) ? expected : res.status;
      expect({ role, status: counted, code: counted >= 400 ? res.body?.error?.code : undefined }).toEqual({
        role,
        status: expected,
        code: expected >= 400 ? codes[expected] : undefined,
      });
      if (before !== null) expect(await atRest()).toBe(before);
    });
  });
}

/** The documented endpoints in an area (`area` tests "METHOD /path") that no row names. */
export async function expectEveryEndpointCovered(h: Harness, rows: { name: string }[], area: (endpoint: string) => boolean): Promise<void> {
  const doc = (await h.api.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{[A-Za-z]+\}/g, ':id')}`))
    .filter(area);
  const covered = new Set(rows.map((r) => r.name.replace(/ \(.*\)$/, '')));
  expect(documented.filter((e) => !covered.has(e))).toEqual([]);
  expect(documented.length).toBe(covered.size);
}
