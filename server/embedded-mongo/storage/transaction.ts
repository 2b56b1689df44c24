// A multi-document transaction: reads see the snapshot taken at its first statement plus its
// own writes; writes are buffered and take per-document locks (first writer wins, later
// writers get WriteConflict); commit re-checks and applies everything in one journal record.
import { ErrorCodes, MongoCommandError, writeConflict } from '../errors';
import type { Engine, Change, LockHolder, SnapshotHolder } from './engine';
import type { CollectionStore } from './collection';
import type { Doc } from './documents';

interface PendingWrite { db: string; coll: string; doc: Doc | null; id: unknown; insert: boolean }

export type TxnState = 'active' | 'committed' | 'aborted';

export class Transaction implements SnapshotHolder, LockHolder {
  readonly snapshot: number;
  readonly txnNumber: number;
  state: TxnState = 'active';
  readonly startedAt = Date.now();
  /** ns -> idKey -> buffered write. */
  readonly writes = new Map<string, Map<string, PendingWrite>>();
  private readonly engine: Engine;
  readonly finished: Promise<void>;
  private settle!: () => void;

  constructor(engine: Engine, txnNumber: number) {
    this.engine = engine;
    this.finished = new Promise((resolve) => { this.settle = resolve; });
    this.txnNumber = txnNumber;
    this.snapshot = engine.clock;
    engine.openSnapshots.add(this);
  }

  /** The document as this transaction sees it: own write, else the snapshot version. */
  resolve(store: CollectionStore, idKey: string): Doc | undefined {
    const own = this.writes.get(store.ns)?.get(idKey);
    if (own) return own.doc ?? undefined;
    const entry = store.docs.get(idKey);
    if (entry && entry.v <= this.snapshot) return entry.doc;
    const list = this.engine.history.get(store.ns)?.get(idKey);
    if (list) {
      for (const h of list) if (h.v <= this.snapshot && this.snapshot < h.replacedAt) return h.doc ?? undefined;
    }
    return undefined;
  }

  /** Ids the snapshot might contain beyond what the live indexes show. */
  extraIds(ns: string): string[] {
    const out: string[] = [];
    const hist = this.engine.history.get(ns);
    if (hist) out.push(...hist.keys());
    const own = this.writes.get(ns);
    if (own) out.push(...own.keys());
    return out;
  }

  private lockKey(ns: string, idKey: string): string {
    return `${ns}\u0000${idKey}`;
  }

  private changedSinceSnapshot(store: CollectionStore, idKey: string): boolean {
    const entry = store.docs.get(idKey);
    if (entry && entry.v > this.snapshot) return true;
    const list = this.engine.history.get(store.ns)?.get(idKey);
    return !!list && list.some((h) => h.replacedAt > this.snapshot);
  }

  write(store: CollectionStore, idKey: string, id: unknown, doc: Doc | null, insert: boolean): void {
    this.assertActive();
    const lockKey = this.lockKey(store.ns, idKey);
    const holder = this.engine.locks.get(lockKey);
    if ((holder && holder !== this) || this.changedSinceSnapshot(store, idKey)) throw writeConflict();
    let byId = this.writes.get(store.ns);
    if (!byId) { byId = new Map(); this.writes.set(store.ns, byId); }
    if (doc) {
      const overlay = byId;
      const existing = this.resolve(store, idKey);
      store.checkUnique(doc, insert || !existing ? undefined : idKey, (other) => overlay.has(other));
      this.checkUniqueWithinTxn(store, overlay, idKey, doc);
    }
    const prev = byId.get(idKey);
    byId.set(idKey, { db: store.db, coll: store.name, doc, id, insert: prev ? prev.insert : insert });
    this.engine.locks.set(lockKey, this);
  }

  private checkUniqueWithinTxn(store: CollectionStore, overlay: Map<string, PendingWrite>, idKey: string, doc: Doc): void {
    for (const index of store.indexes.values()) {
      if (!index.unique) continue;
      const mine = new Set(index.entriesFor(doc).map((e) => e.key));
      for (const [otherKey, w] of overlay) {
        if (otherKey === idKey || !w.doc) continue;
        const clash = index.entriesFor(w.doc).find((e) => mine.has(e.key));
        if (clash) {
          // Reuse the collection's error formatting by checking against a one-entry view.
          const d = index.describeDuplicate(clash);
          throw new MongoCommandError(ErrorCodes.DuplicateKey, `E11000 duplicate key error collection: ${store.ns} index: ${index.name} dup key: ${d.text}`, { extra: { keyPattern: d.keyPattern, keyValue: d.keyValue } });
        }
      }
    }
  }

  assertActive(): void {
    if (this.state === 'aborted') {
      throw new MongoCommandError(ErrorCodes.NoSuchTransaction, `Transaction ${this.txnNumber} has been aborted.`, { labels: ['TransientTransactionError'] });
    }
    if (this.state === 'committed') {
      throw new MongoCommandError(ErrorCodes.TransactionCommitted, `Transaction ${this.txnNumber} has been committed.`);
    }
  }

  commit(): Promise<void> {
    if (this.state === 'committed') return Promise.resolve();
    this.assertActive();
    const deletes: Change[] = [];
    const puts: Change[] = [];
    for (const [, byId] of this.writes) {
      for (const [idKey, w] of byId) {
        const store = this.engine.collection(w.db, w.coll);
        if (store && this.changedSinceSnapshot(store, idKey)) { this.abort(); throw writeConflict(); }
        if (w.doc) puts.push({ op: 'put', db: w.db, coll: w.coll, doc: w.doc, insert: w.insert });
        else deletes.push({ op: 'del', db: w.db, coll: w.coll, id: w.id });
      }
    }
    let durable: Promise<void>;
    try {
      durable = this.engine.apply([...deletes, ...puts]);
    } catch (err) {
      this.abort();
      throw err;
    }
    this.finish('committed');
    return durable;
  }

  abort(): void {
    if (this.state !== 'active') return;
    this.finish('aborted');
  }

  private finish(state: TxnState): void {
    this.state = state;
    for (const [ns, byId] of this.writes) {
      for (const idKey of byId.keys()) {
        const key = this.lockKey(ns, idKey);
        if (this.engine.locks.get(key) === this) this.engine.locks.delete(key);
      }
    }
    this.engine.releaseSnapshot(this);
    this.settle();
  }
}
