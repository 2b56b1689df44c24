// explain for find, count, distinct, update, delete and findAndModify: reports the plan the
// embedded planner picked (IXSCAN on an index, IDHACK for _id, or COLLSCAN) in mongod's
// shape, plus executionStats (documents examined, returned) when asked.
import type { Document } from 'bson';
import { badValue } from '../errors';
import type { ScanStats } from '../query/context';
import { sortDocs } from '../query/shape';
import { isPlainObject } from '../storage/documents';
import type { CommandContext, CommandTable } from './types';

function winningPlan(stats: ScanStats): Document {
  if (stats.indexName === '_id_') return { stage: 'IDHACK' };
  if (stats.indexName) return { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: stats.indexName } };
  return { stage: 'COLLSCAN', direction: 'forward' };
}

function explain(ctx: CommandContext): Document {
  const inner = ctx.cmd.explain;
  if (!isPlainObject(inner)) throw badValue('explain command requires a nested object');
  const verb = Object.keys(inner)[0];
  const coll = inner[verb];
  if (typeof coll !== 'string') throw badValue(`explain of ${verb} is not supported by the embedded server`);
  let filter: Document | undefined;
  let hint: unknown;
  let sort: Document | undefined;
  switch (verb) {
    case 'find': filter = inner.filter; hint = inner.hint; sort = inner.sort; break;
    case 'count': filter = inner.query; hint = inner.hint; break;
    case 'distinct': filter = inner.query; hint = inner.hint; break;
    case 'findAndModify': filter = inner.query; hint = inner.hint; sort = inner.sort; break;
    case 'update': filter = inner.updates?.[0]?.q; hint = inner.updates?.[0]?.hint; break;
    case 'delete': filter = inner.deletes?.[0]?.q; hint = inner.deletes?.[0]?.hint; break;
    default: throw badValue(`explain of ${verb} is not supported by the embedded server`);
  }
  const stats: ScanStats = {};
  const docs = sortDocs(ctx.op.find(ctx.db, coll, filter, hint, 0, stats), sort);
  const reply: Document = {
    explainVersion: '1',
    queryPlanner: { namespace: `${ctx.db}.${coll}`, parsedQuery: filter ?? {}, winningPlan: winningPlan(stats), rejectedPlans: [] },
  };
  if (ctx.cmd.verbosity !== 'queryPlanner') {
    reply.executionStats = {
      executionSuccess: true,
      nReturned: docs.length,
      totalKeysExamined: stats.indexName ? stats.docsExamined : 0,
      totalDocsExamined: stats.docsExamined ?? 0,
    };
  }
  return reply;
}

export const explainCommands: CommandTable = { explain };
