// The storage engine: the catalog of databases and collections, the logical clock that
// versions every document write, version history kept while transactions need their
// snapshots, and the single entry point (apply) through which every change is made
// atomically and handed to the journal.
import type { Document } from 'bson';
import { ErrorCodes, MongoCommandError } from '../errors';
import { CollectionStore, type Entry } from './collection';
import type { IndexSpec } from './index-store';
import { idKeyOf } from './keys';
import type { Doc } from './documents';

export type Change =
  | { op: 'put'; db: string; coll: string; doc: Doc; insert?: boolean }
  | { op: 'del'; db: string; coll: string; id: unknown }
  | { op: 'create'; db: string; coll: string; options: Document }
  | { op: 'drop'; db: string; coll: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'rename'; db: string; coll: string; toDb: string; toColl: string; dropTarget: boolean };

export interface Journal {
  /** Writes the changes durably; resolves once they are on disk. */
  append(changes: Change[]): Promise<void>;
}

/** A document version that was replaced, kept for snapshots older than the replacement. */
export interface HistoryEntry { doc: Doc | null; v: number; replacedAt: number }

export interface SnapshotHolder { readonly snapshot: number }

/** Whoever holds a document's write lock (an open transaction); settles when it ends. */
export interface LockHolder { readonly finished: Promise<void> }

export class Engine {
  readonly dbs = new Map<string, Map<string, CollectionStore>>();
  clock = 0;
  journal?: Journal;
  /** ns -> idKey -> replaced versions, oldest first; only while transactions are open. */
  readonly history = new Map<string, Map<string, HistoryEntry[]>>();
  readonly openSnapshots = new Set<SnapshotHolder>();
  /** ns + '\0' + idKey -> holder of the document's write lock (a transaction). */
  readonly locks = new Map<string, LockHolder>();

  /** The transaction holding the write lock on a document, if any. */
  lockHolder(ns: string, idKey: string): LockHolder | undefined {
    return this.locks.get(`${ns}\u0000${idKey}`);
  }

  collection(db: string, coll: string): CollectionStore | undefined {
    return this.dbs.get(db)?.get(coll);
  }

  listCollections(db: string): CollectionStore[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  /** Applies changes atomically (all or none) and returns a promise of their durability. */
  apply(changes: Change[], opts: { replay?: boolean } = {}): Promise<void> {
    const undo: Array<() => void> = [];
    try {
      for (const change of changes) this.applyOne(change, undo, opts.replay === true);
    } catch (err) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
      throw err;
    }
    if (opts.replay || !this.journal || changes.length === 0) return Promise.resolve();
    return this.journal.append(changes);
  }

  /** Creates the collection (journalled) if it does not exist yet. */
  ensureCollection(db: string, coll: string): { store: CollectionStore; durable: Promise<void> } {
    const existing = this.collection(db, coll);
    if (existing) return { store: existing, durable: Promise.resolve() };
    validateNamespace(db, coll);
    const durable = this.apply([{ op: 'create', db, coll, options: {} }]);
    return { store: this.collection(db, coll) as CollectionStore, durable };
  }

  private recordHistory(ns: string, idKey: string, old: Entry | undefined, replacedAt: number): void {
    if (this.openSnapshots.size === 0) return;
    let byId = this.history.get(ns);
    if (!byId) { byId = new Map(); this.history.set(ns, byId); }
    let list = byId.get(idKey);
    if (!list) { list = []; byId.set(idKey, list); }
    list.push({ doc: old ? old.doc : null, v: old ? old.v : 0, replacedAt });
  }

  /** Drops history no open snapshot can see any more. */
  releaseSnapshot(holder: SnapshotHolder): void {
    this.openSnapshots.delete(holder);
    if (this.openSnapshots.size === 0) this.history.clear();
  }

  private applyOne(change: Change, undo: Array<() => void>, replay: boolean): void {
    switch (change.op) {
      case 'put': {
        const store = this.collection(change.db, change.coll) ?? this.createStore(change.db, change.coll, {}, undo);
        const idKey = idKeyOf(change.doc._id);
        const old = store.docs.get(idKey);
        if (!replay) store.checkUnique(change.doc, change.insert || !old ? undefined : idKey);
        const v = ++this.clock;
        this.recordHistory(store.ns, idKey, old, v);
        store.setEntry(idKey, { doc: change.doc, v });
        undo.push(() => store.setEntry(idKey, old));
        return;
      }
      case 'del': {
        const store = this.collection(change.db, change.coll);
        if (!store) return;
        const idKey = idKeyOf(change.id);
        const old = store.docs.get(idKey);
        if (!old) return;
        const v = ++this.clock;
        this.recordHistory(store.ns, idKey, old, v);
        store.setEntry(idKey, undefined);
        undo.push(() => store.setEntry(idKey, old));
        return;
      }
      case 'create': {
        if (this.collection(change.db, change.coll)) {
          if (replay) return;
          throw new MongoCommandError(ErrorCodes.NamespaceExists, `Collection ${change.db}.${change.coll} already exists.`);
        }
        this.createStore(change.db, change.coll, change.options, undo);
        return;
      }
      case 'drop': {
        const colls = this.dbs.get(change.db);
        const store = colls?.get(change.coll);
        if (!colls || !store) return;
        this.recordDropHistory(store);
        colls.delete(change.coll);
        undo.push(() => colls.set(change.coll, store));
        return;
      }
      case 'createIndex': {
        const store = this.collection(change.db, change.coll) ?? this.createStore(change.db, change.coll, {}, undo);
        if (store.indexes.has(change.spec.name)) return;
        store.createIndex(change.spec);
        undo.push(() => store.indexes.delete(change.spec.name));
        return;
      }
      case 'dropIndex': {
        const store = this.collection(change.db, change.coll);
        if (!store) return;
        const index = store.indexes.get(change.name);
        if (!index) { if (replay) return; store.dropIndex(change.name); return; }
        store.indexes.delete(change.name);
        undo.push(() => store.indexes.set(change.name, index));
        return;
      }
      case 'rename':
        this.rename(change, undo, replay);
        return;
      case 'dropDatabase': {
        const colls = this.dbs.get(change.db);
        if (!colls) return;
        for (const store of colls.values()) this.recordDropHistory(store);
        this.dbs.delete(change.db);
        undo.push(() => this.dbs.set(change.db, colls));
        return;
      }
    }
  }

  private rename(change: Extract<Change, { op: 'rename' }>, undo: Array<() => void>, replay: boolean): void {
    const source = this.collection(change.db, change.coll);
    if (!source) {
      if (replay) return;
      throw new MongoCommandError(ErrorCodes.NamespaceNotFound, `Source collection ${change.db}.${change.coll} does not exist`);
    }
    const target = this.collection(change.toDb, change.toColl);
    if (target) {
      if (!change.dropTarget && !replay) throw new MongoCommandError(ErrorCodes.NamespaceExists, 'target namespace exists');
      this.applyOne({ op: 'drop', db: change.toDb, coll: change.toColl }, undo, replay);
    }
    this.recordDropHistory(source);
    const moved = this.createStore(change.toDb, change.toColl, source.options, undo);
    for (const index of source.indexes.values()) moved.createIndex(index.spec);
    for (const [idKey, entry] of source.docs) moved.setEntry(idKey, entry);
    this.applyOne({ op: 'drop', db: change.db, coll: change.coll }, undo, replay);
  }

  private recordDropHistory(store: CollectionStore): void {
    if (this.openSnapshots.size === 0) return;
    const v = ++this.clock;
    for (const [idKey, entry] of store.docs) this.recordHistory(store.ns, idKey, entry, v);
  }

  private createStore(db: string, coll: string, options: Document, undo: Array<() => void>): CollectionStore {
    let colls = this.dbs.get(db);
    const createdDb = !colls;
    if (!colls) { colls = new Map(); this.dbs.set(db, colls); }
    const store = new CollectionStore(db, coll, options);
    colls.set(coll, store);
    const owner = colls;
    undo.push(() => {
      owner.delete(coll);
      if (createdDb) this.dbs.delete(db);
    });
    return store;
  }
}

export function validateNamespace(db: string, coll: string): void {
  if (!db || /[/\\. "$]/.test(db)) throw new MongoCommandError(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
  if (!coll || coll.includes('$') || coll.startsWith('.') || coll.includes('\u0000')) {
    throw new MongoCommandError(ErrorCodes.InvalidNamespace, `Invalid collection name: ${coll}`);
  }
}
