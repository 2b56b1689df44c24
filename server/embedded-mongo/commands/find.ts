// find, getMore, killCursors, count and distinct.
import { Long, type Document } from 'bson';
import { badValue, ErrorCodes, MongoCommandError, notSupported } from '../errors';
import { projectDocs, sortDocs } from '../query/shape';
import { toBigInt } from '../cursors';
import { encodeValue } from '../storage/keys';
import { valuesAtPath, type Doc } from '../storage/documents';
import { collectionArg, optionalDoc, optionalNumber, rejectCollation } from './common';
import type { CommandContext, CommandTable } from './types';

function find(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  const { cmd } = ctx;
  rejectCollation(cmd.collation);
  if (cmd.tailable) throw notSupported('Tailable cursors');
  const filter = optionalDoc(cmd.filter, 'filter');
  const sort = optionalDoc(cmd.sort, 'sort');
  const skip = optionalNumber(cmd.skip, 'skip') ?? 0;
  let limit = optionalNumber(cmd.limit, 'limit') ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  let singleBatch = cmd.singleBatch === true;
  if (limit < 0) { limit = -limit; singleBatch = true; }
  const earlyStop = !sort && limit > 0 ? skip + limit : 0;
  let docs = sort && limit > 0 && cmd.hint === undefined ? ctx.op.findOrdered(ctx.db, coll, filter, sort, skip + limit) : undefined;
  if (!docs) docs = sortDocs(ctx.op.find(ctx.db, coll, filter, cmd.hint, earlyStop), sort);
  if (skip) docs = docs.slice(skip);
  if (limit) docs = docs.slice(0, limit);
  const projection = optionalDoc(cmd.projection, 'projection');
  const batchSize = optionalNumber(cmd.batchSize, 'batchSize');
  if (batchSize !== undefined && batchSize < 0) throw badValue('batchSize must be non-negative');
  const shape = projection && Object.keys(projection).length ? (batch: Doc[]) => projectDocs(batch, projection) : undefined;
  // Validate the projection up front so a bad one fails the find, not a later getMore.
  if (shape && docs.length === 0) projectDocs([{}], projection);
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.${coll}`, docs, batchSize, singleBatch, ctx.sessionKey, shape) };
}

function getMore(ctx: CommandContext): Document {
  const id = toBigInt(ctx.cmd.getMore);
  const coll = ctx.cmd.collection;
  if (typeof coll !== 'string') throw badValue('getMore requires a collection name');
  const batch = ctx.cursors.getMore(id, `${ctx.db}.${coll}`, optionalNumber(ctx.cmd.batchSize, 'batchSize'));
  if (!batch) throw new MongoCommandError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
  return { cursor: batch };
}

function killCursors(ctx: CommandContext): Document {
  const ids = ctx.cmd.cursors;
  if (!Array.isArray(ids)) throw badValue('killCursors requires a cursors array');
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of ids) {
    const id = toBigInt(raw);
    (ctx.cursors.kill(id) ? killed : notFound).push(Long.fromBigInt(id));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
}

function count(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  rejectCollation(ctx.cmd.collation);
  const skip = optionalNumber(ctx.cmd.skip, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(ctx.cmd.limit, 'limit') ?? 0);
  const query = optionalDoc(ctx.cmd.query, 'query');
  let n: number;
  if (!query || Object.keys(query).length === 0) {
    n = ctx.op.txn ? ctx.op.find(ctx.db, coll, {}).length : ctx.op.collection(ctx.db, coll)?.docs.size ?? 0;
  } else {
    n = ctx.op.find(ctx.db, coll, query, ctx.cmd.hint).length;
  }
  n = Math.max(0, n - skip);
  if (limit) n = Math.min(n, limit);
  return { n };
}

function distinct(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  rejectCollation(ctx.cmd.collation);
  const key = ctx.cmd.key;
  if (typeof key !== 'string') throw badValue('distinct requires a key string');
  const seen = new Map<string, unknown>();
  for (const doc of ctx.op.find(ctx.db, coll, optionalDoc(ctx.cmd.query, 'query'), ctx.cmd.hint)) {
    for (const v of valuesAtPath(doc, key)) {
      if (v === undefined) continue;
      const k = encodeValue(v);
      if (!seen.has(k)) seen.set(k, v);
    }
  }
  const values = [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v);
  return { values };
}

export const findCommands: CommandTable = { find, getMore, killCursors, count, distinct };
