// Result shaping for find-like commands: sort in MongoDB's BSON order (arrays sort by their
// smallest element ascending, largest descending) and projection via mingo.
import './mingo-setup';
import type { Document } from 'bson';
import { find as mingoFind } from 'mingo';
import { badValue, notSupported } from '../errors';
import { encodeValue } from '../storage/keys';
import { isPlainObject, valuesAtPath, type Doc } from '../storage/documents';

function sortKey(doc: Doc, path: string, dir: number): string {
  const vals = valuesAtPath(doc, path).map((v) => encodeValue(v === undefined ? null : v));
  if (vals.length === 1) return vals[0];
  vals.sort();
  return dir > 0 ? vals[0] : vals[vals.length - 1];
}

export function sortDocs(docs: Doc[], sort: Document | undefined | null): Doc[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const fields = Object.entries(sort).map(([path, d]) => {
    if (isPlainObject(d)) {
      if (d.$meta) throw notSupported(`Sorting by { $meta: ${JSON.stringify(d.$meta)} }`);
      throw badValue(`Invalid sort specification for ${path}`);
    }
    const dir = Number(d);
    if (dir !== 1 && dir !== -1) throw badValue('$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    return { path, dir };
  });
  const keyed = docs.map((doc, i) => ({ doc, i, keys: fields.map((f) => sortKey(doc, f.path, f.dir)) }));
  keyed.sort((a, b) => {
    for (let j = 0; j < fields.length; j++) {
      if (a.keys[j] !== b.keys[j]) return (a.keys[j] < b.keys[j] ? -1 : 1) * fields[j].dir;
    }
    return a.i - b.i;
  });
  return keyed.map((k) => k.doc);
}

/** mongod keeps _id as the first field of projected and grouped documents; mingo appends it. */
export function idFirst(docs: Doc[]): Doc[] {
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d && typeof d === 'object' && '_id' in d && Object.keys(d)[0] !== '_id') {
      const { _id, ...rest } = d;
      docs[i] = { _id, ...rest };
    }
  }
  return docs;
}

export function projectDocs(docs: Doc[], projection: Document | undefined | null): Doc[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs;
  for (const v of Object.values(projection)) {
    if (isPlainObject(v) && '$meta' in v) throw notSupported(`Projection { $meta: ${JSON.stringify(v.$meta)} }`);
  }
  // mongod leaves out a field projected with $elemMatch when it is missing or not an array;
  // mingo throws instead. An empty array matches nothing, which mingo also leaves out.
  const elemMatched = Object.keys(projection).filter((k) => isPlainObject(projection[k]) && '$elemMatch' in (projection[k] as Document));
  const input = elemMatched.length
    ? docs.map((d) => {
        if (elemMatched.every((k) => Array.isArray(d[k]))) return d;
        const copy = { ...d };
        for (const k of elemMatched) if (!Array.isArray(copy[k])) copy[k] = [];
        return copy;
      })
    : docs;
  const out = mingoFind(input, {}, projection).all() as Doc[];
  // mongod keeps the stored field order (mingo follows the projection's order).
  return out.map((projected, i) => {
    const source = docs[i];
    const ordered: Doc = {};
    for (const k of Object.keys(source)) if (k in projected) ordered[k] = projected[k];
    for (const k of Object.keys(projected)) if (!(k in ordered)) ordered[k] = projected[k];
    return ordered;
  });
}
