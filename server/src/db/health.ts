// What /healthz says about the database: reachable, and how long a ping takes.
import type { Connection } from 'mongoose';

export async function databaseHealth(conn: Connection): Promise<{ ok: boolean; pingMs?: number; error?: string }> {
  if (conn.readyState !== 1 || !conn.db) return { ok: false, error: 'not connected' };
  const started = Date.now();
  try {
    await conn.db.admin().command({ ping: 1 }, { timeoutMS: 2000 });
    return { ok: true, pingMs: Date.now() - started };
  } catch (err) {
    return { ok: false, error: (err as Error).name };
  }
}
