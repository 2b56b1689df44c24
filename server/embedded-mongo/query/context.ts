// The read/write surface commands use. Outside a transaction reads see the live store and
// each write is applied at once (atomically, journalled); inside one, reads go through the
// transaction's snapshot and writes are buffered until commit.
import type { Document } from 'bson';
import type { Engine } from '../storage/engine';
import type { Transaction } from '../storage/transaction';
import type { CollectionStore } from '../storage/collection';
import { idKeyOf } from '../storage/keys';
import type { Doc } from '../storage/documents';
import { compileFilter } from './filter';
import { MongoCommandError } from '../errors';
import { orderedPlan, planQuery } from './planner';

/** What a find did: which index it used and how many documents it fetched. */
export interface ScanStats { indexName?: string; docsExamined?: number }

export class OpContext {
  readonly engine: Engine;
  readonly txn?: Transaction;
  /** Durability promises of writes made by this command; awaited before replying. */
  readonly pending: Promise<void>[] = [];

  constructor(engine: Engine, txn?: Transaction) {
    this.engine = engine;
    this.txn = txn;
  }

  collection(db: string, coll: string): CollectionStore | undefined {
    return this.engine.collection(db, coll);
  }

  ensureCollection(db: string, coll: string): CollectionStore {
    const { store, durable } = this.engine.ensureCollection(db, coll);
    this.pending.push(durable);
    return store;
  }

  /** Documents matching `filter`, in index or natural order. */
  find(db: string, coll: string, filter?: Document | null, hint?: unknown, limit = 0, stats?: ScanStats): Doc[] {
    const store = this.engine.collection(db, coll);
    const matches = compileFilter(filter);
    if (!store) return [];
    const plan = planQuery(store, filter ?? undefined, hint);
    if (stats) stats.indexName = plan.indexName;
    const out: Doc[] = [];
    let examined = 0;
    const txn = this.txn;
    if (!txn) {
      if (plan.ids) {
        for (const id of plan.ids) {
          const entry = store.docs.get(id);
          if (entry) examined++;
          if (entry && matches(entry.doc)) { out.push(entry.doc); if (limit && out.length >= limit) break; }
        }
      } else {
        for (const entry of store.docs.values()) {
          examined++;
          if (matches(entry.doc)) { out.push(entry.doc); if (limit && out.length >= limit) break; }
        }
      }
      if (stats) stats.docsExamined = examined;
      return out;
    }
    const ids = new Set<string>(plan.ids ?? store.docs.keys());
    for (const id of txn.extraIds(store.ns)) ids.add(id);
    for (const id of ids) {
      const doc = txn.resolve(store, id);
      if (doc) examined++;
      if (doc && matches(doc)) { out.push(doc); if (limit && out.length >= limit) break; }
    }
    if (stats) stats.docsExamined = examined;
    return out;
  }

  /**
   * Outside a transaction, a write to a document an open transaction has written waits for
   * that transaction to end, as in mongod. Returns what to wait for, or undefined if free.
   */
  lockedBy(db: string, coll: string, docs: Doc[]): Promise<void> | undefined {
    if (this.txn || this.engine.locks.size === 0) return undefined;
    const ns = `${db}.${coll}`;
    for (const doc of docs) {
      const holder = this.engine.lockHolder(ns, idKeyOf(doc._id));
      if (holder) return holder.finished;
    }
    return undefined;
  }

  /**
   * Selects the documents a write will change, waiting (and selecting again) while an open
   * transaction holds any of them. Returns with nothing awaited after the last selection, so the
   * caller's synchronous write that follows is atomic with it.
   */
  async selectForWrite<T extends Doc | undefined>(db: string, coll: string, select: () => T[]): Promise<T[]> {
    let docs = select();
    for (let wait = this.lockedBy(db, coll, docs.filter((d): d is NonNullable<T> => d !== undefined)); wait; ) {
      await wait;
      docs = select();
      wait = this.lockedBy(db, coll, docs.filter((d): d is NonNullable<T> => d !== undefined));
    }
    return docs;
  }

  /**
   * Sorted, limited find served in index order when an index fits (see orderedPlan);
   * undefined when it does not, and the caller sorts in memory.
   */
  findOrdered(db: string, coll: string, filter: Document | undefined, sort: Document | undefined, count: number): Doc[] | undefined {
    const store = this.engine.collection(db, coll);
    if (this.txn || !store || count <= 0) return undefined;
    const ordered = orderedPlan(store, filter, sort);
    if (!ordered) return undefined;
    // Walking a whole index in sort order loses to a selective index lookup plus a sort.
    if (ordered.pinnedFields === 0 && filter && Object.keys(filter).length > 0 && planQuery(store, filter).ids) return undefined;
    const ids = ordered.ids;
    const matches = compileFilter(filter);
    const out: Doc[] = [];
    for (const id of ids) {
      const entry = store.docs.get(id);
      if (entry && matches(entry.doc)) {
        out.push(entry.doc);
        if (out.length >= count) break;
      }
    }
    return out;
  }

  private checkValidator(db: string, coll: string, doc: Doc): void {
    const store = this.engine.collection(db, coll);
    const validator = store?.options.validator;
    if (!store || !validator) return;
    store.validate ??= compileFilter(validator as Document);
    if (!store.validate(doc)) {
      throw new MongoCommandError(121, 'Document failed validation', { codeName: 'DocumentValidationFailure', extra: { errInfo: { failingDocumentId: doc._id } } });
    }
  }

  private write(db: string, coll: string, id: unknown, doc: Doc | null, insert: boolean): void {
    if (doc) this.checkValidator(db, coll, doc);
    if (this.txn) {
      const store = this.ensureCollection(db, coll);
      this.txn.write(store, idKeyOf(id), id, doc, insert);
      return;
    }
    this.pending.push(doc ? this.engine.apply([{ op: 'put', db, coll, doc, insert }]) : this.engine.apply([{ op: 'del', db, coll, id }]));
  }

  insert(db: string, coll: string, doc: Doc): void {
    this.write(db, coll, doc._id, doc, true);
  }

  replace(db: string, coll: string, doc: Doc): void {
    this.write(db, coll, doc._id, doc, false);
  }

  remove(db: string, coll: string, id: unknown): void {
    this.write(db, coll, id, null, false);
  }

  async durable(): Promise<void> {
    await Promise.all(this.pending);
  }
}
