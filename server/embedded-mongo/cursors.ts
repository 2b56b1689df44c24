// Server-side cursors: results not returned in the first batch wait here under a random
// positive 64-bit id until getMore drains them, killCursors kills them, or they idle out.
import { BSON, Long, type Document } from 'bson';
import { randomBytes } from 'node:crypto';
import type { Doc } from './storage/documents';

/** Batches stay below mongod's 16 MiB reply limit. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const DEFAULT_FIRST_BATCH = 101;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

/** Applied to each document as its batch is built (find's projection), so unread results cost nothing. */
export type BatchTransform = (docs: Doc[]) => Doc[];

interface OpenCursor { ns: string; docs: Doc[]; pos: number; lastUsed: number; sessionKey?: string; transform?: BatchTransform }

export function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (v instanceof Long) return v.toBigInt();
  return 0n;
}

export class CursorManager {
  private readonly open = new Map<bigint, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private newId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn;
      if (id !== 0n && !this.open.has(id)) return id;
    }
  }

  /** Up to `max` documents from `from`, transformed, staying under the reply size limit. */
  private takeBatch(docs: Doc[], from: number, max: number, transform?: BatchTransform): { batch: Doc[]; consumed: number } {
    const out: Doc[] = [];
    let bytes = 0;
    const CHUNK = 256;
    let i = from;
    while (i < docs.length && out.length < max) {
      const slice = docs.slice(i, Math.min(docs.length, i + Math.min(CHUNK, max - out.length)));
      const shaped = transform ? transform(slice) : slice;
      for (let j = 0; j < shaped.length; j++) {
        const size = BSON.calculateObjectSize(shaped[j]);
        if (out.length > 0 && bytes + size > MAX_BATCH_BYTES) return { batch: out, consumed: i + j - from };
        bytes += size;
        out.push(shaped[j]);
      }
      i += slice.length;
    }
    return { batch: out, consumed: i - from };
  }

  /** The `cursor` reply of find/aggregate; keeps the rest of `docs` open unless singleBatch. */
  firstBatch(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false, sessionKey?: string, transform?: BatchTransform): Document {
    const max = batchSize === undefined || batchSize === null ? DEFAULT_FIRST_BATCH : batchSize === 0 ? 0 : batchSize;
    const { batch, consumed } = this.takeBatch(docs, 0, singleBatch && !batchSize ? docs.length : max, transform);
    let id = 0n;
    if (!singleBatch && consumed < docs.length) {
      id = this.newId();
      this.open.set(id, { ns, docs, pos: consumed, lastUsed: Date.now(), sessionKey, transform });
    }
    return { firstBatch: batch, id: Long.fromBigInt(id), ns };
  }

  getMore(id: bigint, ns: string, batchSize: number | undefined): Document | undefined {
    const c = this.open.get(id);
    if (!c || c.ns !== ns) return undefined;
    const { batch, consumed } = this.takeBatch(c.docs, c.pos, batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER, c.transform);
    c.pos += consumed;
    c.lastUsed = Date.now();
    let outId = id;
    if (c.pos >= c.docs.length) { this.open.delete(id); outId = 0n; }
    return { nextBatch: batch, id: Long.fromBigInt(outId), ns };
  }

  has(id: bigint): boolean {
    return this.open.has(id);
  }

  kill(id: bigint): boolean {
    return this.open.delete(id);
  }

  killSession(sessionKey: string): void {
    for (const [id, c] of this.open) if (c.sessionKey === sessionKey) this.open.delete(id);
  }

  get count(): number { return this.open.size; }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, c] of this.open) if (c.lastUsed < cutoff) this.open.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }
}
