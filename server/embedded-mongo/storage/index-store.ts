// One secondary index: a hash of encoded key -> document ids for O(1) equality and
// uniqueness checks, plus the distinct keys in order (SortedKeys) for prefix and
// range scans. Keys are BSON-ordered strings (see keys.ts); arrays fan out (multikey).
import '../query/mingo-setup';
import { ObjectId, type Document } from 'bson';
import { Query } from 'mingo';
import { forMingo, mingoOptions } from '../query/bson-types';
import { encodeValue } from './keys';
import { SortedKeys } from './sorted-keys';
import { hasPath, valuesAtPath, type Doc } from './documents';

export interface IndexSpec {
  v?: number;
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  [option: string]: unknown;
}

interface KeyEntry { key: string; values: unknown[] }

const MAX_KEYS_PER_DOC = 10_000;

function formatKeyValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined || v === null) return 'null';
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  return String(v);
}

export class IndexStore {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly partial?: Query;
  /** Set once some document produced several keys; range plans then keep a single bound. */
  multikey = false;
  private readonly postings = new Map<string, Set<string>>();
  private readonly sorted = new SortedKeys();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression, mingoOptions);
  }

  get name(): string { return this.spec.name; }
  get unique(): boolean { return this.spec.unique === true; }
  get isPartialOrSparse(): boolean { return this.partial !== undefined || this.spec.sparse === true; }
  get size(): number { return this.sorted.size; }

  /** The index entries of a document; empty when sparse/partial rules leave it out. */
  entriesFor(doc: Doc): KeyEntry[] {
    if (this.spec.sparse && !this.fields.some((f) => hasPath(doc, f))) return [];
    if (this.partial && !this.partial.test(forMingo(doc))) return [];
    let acc: KeyEntry[] = [{ key: '', values: [] }];
    for (const field of this.fields) {
      const vals = valuesAtPath(doc, field);
      const next: KeyEntry[] = [];
      const seen = new Set<string>();
      for (const v of vals) {
        const enc = encodeValue(v);
        if (seen.has(enc)) continue;
        seen.add(enc);
        for (const a of acc) next.push({ key: a.key + enc, values: [...a.values, v] });
      }
      if (next.length > MAX_KEYS_PER_DOC) throw new Error(`index ${this.name}: too many keys for one document`);
      acc = next;
    }
    return acc;
  }

  add(idKey: string, doc: Doc): void {
    const entries = this.entriesFor(doc);
    if (entries.length > 1) this.multikey = true;
    for (const { key } of entries) {
      let set = this.postings.get(key);
      if (!set) {
        set = new Set();
        this.postings.set(key, set);
        this.sorted.insert(key);
      }
      set.add(idKey);
    }
  }

  remove(idKey: string, doc: Doc): void {
    for (const { key } of this.entriesFor(doc)) {
      const set = this.postings.get(key);
      if (!set) continue;
      set.delete(idKey);
      if (set.size === 0) {
        this.postings.delete(key);
        this.sorted.delete(key);
      }
    }
  }

  /** For a unique index: the entry of `doc` already held by another document, if any. */
  findDuplicate(doc: Doc, selfIdKey: string, ignore?: (idKey: string) => boolean): KeyEntry | undefined {
    if (!this.unique) return undefined;
    for (const entry of this.entriesFor(doc)) {
      const set = this.postings.get(entry.key);
      if (!set) continue;
      for (const other of set) if (other !== selfIdKey && !(ignore && ignore(other))) return entry;
    }
    return undefined;
  }

  describeDuplicate(entry: KeyEntry): { keyPattern: Document; keyValue: Document; text: string } {
    const keyPattern: Document = { ...this.spec.key };
    const keyValue: Document = {};
    const parts: string[] = [];
    this.fields.forEach((f, i) => {
      const v = entry.values[i];
      keyValue[f] = v === undefined ? null : v;
      parts.push(`${f}: ${formatKeyValue(v)}`);
    });
    return { keyPattern, keyValue, text: `{ ${parts.join(', ')} }` };
  }

  /** Document ids whose key equals `key` exactly. */
  lookup(key: string): Iterable<string> {
    return this.postings.get(key) ?? [];
  }

  /** Document ids of keys in [lo, hi) (string order), each at most once. */
  scan(lo: string, hi: string): Set<string> {
    const out = new Set<string>();
    for (const key of this.sorted.range(lo, hi)) {
      for (const id of this.postings.get(key) ?? []) out.add(id);
    }
    return out;
  }

  /** Document ids under keys in [lo, hi), in key order (descending if asked). */
  *ordered(lo: string, hi: string, descending: boolean): Generator<string> {
    const keys = descending ? this.sorted.rangeDesc(lo, hi) : this.sorted.range(lo, hi);
    for (const key of keys) yield* this.postings.get(key) ?? [];
  }

  clear(): void {
    this.postings.clear();
    this.sorted.clear();
  }
}
