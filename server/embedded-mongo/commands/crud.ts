// insert, update and delete: each document change is atomic on its own; ordered batches
// stop at the first error and report it as a write error, as mongod does.
import { ObjectId, type Document } from 'bson';
import { badValue } from '../errors';
import { applyUpdate, buildUpsert, validateUpdate } from '../query/update';
import { encodeValue } from '../storage/keys';
import { isPlainObject, type Doc } from '../storage/documents';
import { collectionArg, rejectCollation, writeErrorOf } from './common';
import type { CommandContext, CommandTable } from './types';

/** mongod stores _id as the first field, generating an ObjectId when it is missing. */
function withId(doc: Doc): Doc {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function insert(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  const docs = ctx.cmd.documents;
  if (!Array.isArray(docs)) throw badValue('insert requires a documents array');
  const ordered = ctx.cmd.ordered !== false;
  ctx.op.ensureCollection(ctx.db, coll);
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      if (!isPlainObject(docs[i])) throw badValue('document to insert must be an object');
      if (Array.isArray(docs[i]._id)) throw badValue("can't use an array for _id");
      ctx.op.insert(ctx.db, coll, withId(docs[i]));
      n++;
    } catch (err) {
      writeErrors.push(writeErrorOf(err, i));
      if (ordered) break;
    }
  }
  return writeErrors.length ? { n, writeErrors } : { n };
}

async function update(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const updates = ctx.cmd.updates;
  if (!Array.isArray(updates)) throw badValue('update requires an updates array');
  const ordered = ctx.cmd.ordered !== false;
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors: Document[] = [];
  for (let i = 0; i < updates.length; i++) {
    const spec = updates[i] as Document;
    try {
      rejectCollation(spec.collation);
      const q = (spec.q ?? {}) as Document;
      const u = validateUpdate(spec.u, spec.arrayFilters);
      const multi = spec.multi === true;
      if (multi && !Array.isArray(u) && Object.keys(u).length > 0 && !Object.keys(u)[0].startsWith('$')) {
        throw badValue('multi update is not supported for replacement-style update');
      }
      const arrayFilters = spec.arrayFilters as Document[] | undefined;
      const matches = await ctx.op.selectForWrite(ctx.db, coll, () => ctx.op.find(ctx.db, coll, q, spec.hint, multi ? 0 : 1));
      if (matches.length === 0 && spec.upsert === true) {
        const doc = buildUpsert(q, u, arrayFilters);
        ctx.op.insert(ctx.db, coll, doc);
        upserted.push({ index: i, _id: doc._id });
        n++;
        continue;
      }
      for (const doc of matches) {
        const next = applyUpdate(doc, u, { filter: q, arrayFilters });
        n++;
        if (encodeValue(next) !== encodeValue(doc)) {
          ctx.op.replace(ctx.db, coll, next);
          nModified++;
        }
      }
    } catch (err) {
      writeErrors.push(writeErrorOf(err, i));
      if (ordered) break;
    }
  }
  const reply: Document = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  return reply;
}

async function remove(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const deletes = ctx.cmd.deletes;
  if (!Array.isArray(deletes)) throw badValue('delete requires a deletes array');
  const ordered = ctx.cmd.ordered !== false;
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < deletes.length; i++) {
    const spec = deletes[i] as Document;
    try {
      rejectCollation(spec.collation);
      const limit = Number(spec.limit ?? 0);
      const matches = await ctx.op.selectForWrite(ctx.db, coll, () => ctx.op.find(ctx.db, coll, (spec.q ?? {}) as Document, spec.hint, limit === 1 ? 1 : 0));
      for (const doc of matches) {
        ctx.op.remove(ctx.db, coll, doc._id);
        n++;
      }
    } catch (err) {
      writeErrors.push(writeErrorOf(err, i));
      if (ordered) break;
    }
  }
  return writeErrors.length ? { n, writeErrors } : { n };
}

export const crudCommands: CommandTable = { insert, update, delete: remove };
