// One collection in memory: documents by encoded _id (the _id index), their write
// versions, and the secondary indexes kept in step with every write.
import { UUID, type Document } from 'bson';
import { DuplicateKeyError, ErrorCodes, MongoCommandError } from '../errors';
import { IndexStore, type IndexSpec } from './index-store';
import { idKeyOf } from './keys';
import type { Doc } from './documents';

export interface Entry { doc: Doc; v: number }

export const ID_INDEX_NAME = '_id_';

export class CollectionStore {
  readonly db: string;
  readonly name: string;
  options: Document;
  readonly uuid: UUID;
  readonly docs = new Map<string, Entry>();
  readonly indexes = new Map<string, IndexStore>();
  /** The compiled `validator` option, built on first use. */
  validate?: (doc: Doc) => boolean;

  constructor(db: string, name: string, options: Document = {}) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.uuid = new UUID();
  }

  get ns(): string { return `${this.db}.${this.name}`; }

  /** Throws 11000 if `doc` would break _id or a unique index. */
  checkUnique(doc: Doc, selfIdKey: string | undefined, ignore?: (idKey: string) => boolean): void {
    const idKey = idKeyOf(doc._id);
    if (selfIdKey === undefined && this.docs.has(idKey) && !(ignore && ignore(idKey))) {
      const text = `{ _id: ${doc._id instanceof Object && 'toHexString' in doc._id ? `ObjectId('${String(doc._id)}')` : JSON.stringify(doc._id)} }`;
      throw new DuplicateKeyError(this.ns, ID_INDEX_NAME, { _id: 1 }, { _id: doc._id }, text);
    }
    for (const index of this.indexes.values()) {
      const dup = index.findDuplicate(doc, selfIdKey ?? idKey, ignore);
      if (dup) {
        const d = index.describeDuplicate(dup);
        throw new DuplicateKeyError(this.ns, index.name, d.keyPattern, d.keyValue, d.text);
      }
    }
  }

  /** Sets or removes the entry at idKey, keeping indexes in step (no checks). */
  setEntry(idKey: string, entry: Entry | undefined): void {
    const old = this.docs.get(idKey);
    if (old) for (const index of this.indexes.values()) index.remove(idKey, old.doc);
    if (entry) {
      this.docs.set(idKey, entry);
      for (const index of this.indexes.values()) index.add(idKey, entry.doc);
    } else {
      this.docs.delete(idKey);
    }
  }

  createIndex(spec: IndexSpec): void {
    const index = new IndexStore(spec);
    for (const [idKey, entry] of this.docs) {
      if (index.unique) {
        const dup = index.findDuplicate(entry.doc, idKey);
        if (dup) {
          const d = index.describeDuplicate(dup);
          throw new DuplicateKeyError(this.ns, index.name, d.keyPattern, d.keyValue, d.text);
        }
      }
      index.add(idKey, entry.doc);
    }
    this.indexes.set(spec.name, index);
  }

  dropIndex(name: string): void {
    if (!this.indexes.delete(name)) {
      throw new MongoCommandError(ErrorCodes.IndexNotFound, `index not found with name [${name}]`);
    }
  }

  indexSpecs(): IndexSpec[] {
    return [{ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }, ...[...this.indexes.values()].map((i) => i.spec)];
  }
}
