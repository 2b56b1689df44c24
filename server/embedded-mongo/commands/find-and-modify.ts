// findAndModify: find one document (optionally sorted), then update, replace or remove it
// atomically, returning the document before or after.
import type { Document } from 'bson';
import { badValue } from '../errors';
import { applyUpdate, buildUpsert, validateUpdate } from '../query/update';
import { projectDocs, sortDocs } from '../query/shape';
import { encodeValue } from '../storage/keys';
import type { Doc } from '../storage/documents';
import { collectionArg, optionalDoc, rejectCollation } from './common';
import type { CommandContext, CommandTable } from './types';

async function findAndModify(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const { cmd } = ctx;
  rejectCollation(cmd.collation);
  const query = optionalDoc(cmd.query, 'query') ?? {};
  const sort = optionalDoc(cmd.sort, 'sort');
  const fields = optionalDoc(cmd.fields, 'fields');
  const remove = cmd.remove === true;
  if (remove && cmd.update !== undefined) throw badValue('Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined) throw badValue('Either an update or remove=true must be specified');
  if (remove && cmd.upsert === true) throw badValue('Cannot specify both upsert=true and remove=true');
  const project = (d: Doc | null): Doc | null => (d ? projectDocs([d], fields)[0] : null);

  const [target] = await ctx.op.selectForWrite(ctx.db, coll, () => [sortDocs(ctx.op.find(ctx.db, coll, query, cmd.hint, sort ? 0 : 1), sort)[0] as Doc | undefined]);

  if (remove) {
    if (!target) return { lastErrorObject: { n: 0 }, value: null };
    ctx.op.remove(ctx.db, coll, target._id);
    return { lastErrorObject: { n: 1 }, value: project(target) };
  }

  const u = validateUpdate(cmd.update, cmd.arrayFilters);
  const arrayFilters = cmd.arrayFilters as Document[] | undefined;
  if (!target) {
    if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const doc = buildUpsert(query, u, arrayFilters);
    ctx.op.insert(ctx.db, coll, doc);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: cmd.new === true ? project(doc) : null };
  }
  const next = applyUpdate(target, u, { filter: query, arrayFilters });
  if (encodeValue(next) !== encodeValue(target)) ctx.op.replace(ctx.db, coll, next);
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(cmd.new === true ? next : target) };
}

export const findAndModifyCommands: CommandTable = { findAndModify, findandmodify: findAndModify };
