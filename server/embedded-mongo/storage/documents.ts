// Small helpers on stored documents: deep copies that keep BSON value classes, and reading
// the values an index sees at a dotted path (arrays fan out, as in multikey indexes).
import type { Document } from 'bson';

export type Doc = Document;

export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneValue) as unknown as T;
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out: Document = {};
    for (const [k, val] of Object.entries(v as Document)) out[k] = cloneValue(val);
    return out as T;
  }
  // BSON value classes (ObjectId, Binary, Long, Decimal128, ...) are treated as immutable.
  return v;
}

export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Values reachable at a dotted path; arrays along the way and at the end fan out. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (v: unknown, i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(v)) {
        if (v.length === 0) out.push(undefined);
        else for (const e of v) out.push(e);
      } else out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      const idx = /^\d+$/.test(parts[i]) ? Number(parts[i]) : -1;
      if (idx >= 0) { walk(v[idx], i + 1); return; }
      for (const e of v) if (isPlainObject(e)) walk(e[parts[i]], i + 1);
      return;
    }
    if (isPlainObject(v)) { walk(v[parts[i]], i + 1); return; }
    out.push(undefined);
  };
  walk(doc, 0);
  return out.length > 0 ? out : [undefined];
}

/** The single value at a dotted path (no array fan-out), or undefined. */
export function valueAtPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isPlainObject(v)) v = v[part];
    else return undefined;
  }
  return v;
}

export function hasPath(doc: unknown, path: string): boolean {
  const parts = path.split('.');
  const walk = (v: unknown, i: number): boolean => {
    if (i === parts.length) return v !== undefined;
    if (Array.isArray(v)) {
      if (/^\d+$/.test(parts[i])) return walk(v[Number(parts[i])], i + 1);
      return v.some((e) => walk(e, i));
    }
    if (isPlainObject(v)) return parts[i] in v && walk(v[parts[i]], i + 1);
    return false;
  };
  return walk(doc, 0);
}
