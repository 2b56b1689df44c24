// aggregate: a leading $match is answered through the indexes, the rest of the pipeline runs
// in mingo; stages the embedded server does not implement fail with a clear error.
import '../query/mingo-setup';
import type { Document } from 'bson';
import { Aggregator, Context, ProcessingMode } from 'mingo';
import type { PipelineOperator } from 'mingo/core';
import { forMingo, queryContext } from '../query/bson-types';
import { Long, ObjectId } from 'bson';
import { badValue, ErrorCodes, MongoCommandError, notSupported } from '../errors';
import type { Change } from '../storage/engine';
import { assertSupportedFilter } from '../query/filter';
import { idFirst, sortDocs } from '../query/shape';
import { cloneValue, isPlainObject, type Doc } from '../storage/documents';
import { rejectCollation } from './common';
import type { CommandContext, CommandTable } from './types';

const UNSUPPORTED_STAGES: Record<string, string> = {
  $changeStream: 'Change streams',
  $geoNear: 'Geospatial aggregation ($geoNear)',
  $search: 'Atlas Search ($search)',
  $searchMeta: 'Atlas Search ($searchMeta)',
  $vectorSearch: 'Vector search ($vectorSearch)',
  $merge: 'The $merge stage',
  $collStats: 'The $collStats stage',
  $indexStats: 'The $indexStats stage',
  $currentOp: 'The $currentOp stage',
  $listSessions: 'The $listSessions stage',
  $listLocalSessions: 'The $listLocalSessions stage',
  $planCacheStats: 'The $planCacheStats stage',
};

/** $sort in MongoDB's BSON order (arrays by their extreme element), replacing mingo's own. */
const bsonSort: PipelineOperator = (collection, expr) => collection.transform((docs) => sortDocs(docs as Doc[], expr as Document));
const aggregationContext = Context.merge(queryContext, Context.init({ pipeline: { $sort: bsonSort } }));

function checkPipeline(pipeline: unknown[], topLevel = true): void {
  pipeline.forEach((stage, i) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw badValue('A pipeline stage specification object must contain exactly one field.');
    const name = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES[name]) throw notSupported(UNSUPPORTED_STAGES[name]);
    if (name === '$out' && (!topLevel || i !== pipeline.length - 1)) {
      throw new MongoCommandError(40601, '$out can only be the final stage in the pipeline', { codeName: 'Location40601' });
    }
    if (name === '$facet' && isPlainObject(stage.$facet)) {
      for (const sub of Object.values(stage.$facet)) if (Array.isArray(sub)) checkPipeline(sub, false);
    }
    if (name === '$lookup' && isPlainObject(stage.$lookup) && Array.isArray(stage.$lookup.pipeline)) checkPipeline(stage.$lookup.pipeline, false);
    assertSupportedFilter(stage);
  });
}

/** $out: replaces the target collection with the results in one atomic, journalled change. */
async function writeOut(ctx: CommandContext, spec: unknown, docs: Doc[]): Promise<void> {
  if (ctx.op.txn) throw new MongoCommandError(ErrorCodes.OperationNotSupportedInTransaction, '$out cannot be used in a transaction');
  const [db, coll] = typeof spec === 'string' ? [ctx.db, spec]
    : isPlainObject(spec) && typeof spec.coll === 'string' ? [typeof spec.db === 'string' ? spec.db : ctx.db, spec.coll]
      : [undefined, undefined];
  if (!db || !coll) throw badValue('$out requires a collection name or { db, coll }');
  const existing = ctx.engine.collection(db, coll);
  const changes: Change[] = [];
  if (existing) changes.push({ op: 'drop', db, coll });
  changes.push({ op: 'create', db, coll, options: existing?.options ?? {} });
  for (const index of existing?.indexes.values() ?? []) changes.push({ op: 'createIndex', db, coll, spec: index.spec });
  for (const doc of docs) {
    const withId = doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc;
    changes.push({ op: 'put', db, coll, doc: withId, insert: true });
  }
  await ctx.engine.apply(changes);
}

async function aggregate(ctx: CommandContext): Promise<Document> {
  const { cmd } = ctx;
  rejectCollation(cmd.collation);
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  checkPipeline(pipeline);
  if (cmd.explain) return { explainVersion: '1', stages: pipeline, queryPlanner: { namespace: `${ctx.db}.${String(cmd.aggregate)}` } };
  const coll = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  let input: Doc[] = [];
  let rest = pipeline as Document[];
  const outStage = rest.length > 0 && '$out' in rest[rest.length - 1] ? rest[rest.length - 1].$out : undefined;
  if (outStage !== undefined) rest = rest.slice(0, -1);
  if (coll) {
    const first = rest[0];
    if (first && isPlainObject(first.$match)) {
      input = ctx.op.find(ctx.db, coll, first.$match, cmd.hint);
      rest = rest.slice(1);
    } else {
      input = ctx.op.find(ctx.db, coll, {}, cmd.hint);
    }
  }
  const agg = new Aggregator(rest, {
    processingMode: ProcessingMode.CLONE_INPUT,
    context: aggregationContext,
    collectionResolver: (name: string) => ctx.op.find(ctx.db, name, {}).map((d) => cloneValue(forMingo(d))),
    variables: isPlainObject(cmd.let) ? cmd.let : undefined,
  });
  const out = rest.length ? idFirst(agg.run(input.map(forMingo)) as Doc[]) : input;
  if (outStage !== undefined) {
    await writeOut(ctx, outStage, out);
    return { cursor: { firstBatch: [], id: Long.fromNumber(0), ns: `${ctx.db}.${coll ?? '$cmd.aggregate'}` } };
  }
  const cursorOpts = isPlainObject(cmd.cursor) ? cmd.cursor : {};
  const batchSize = typeof cursorOpts.batchSize === 'number' ? cursorOpts.batchSize : undefined;
  const ns = coll ? `${ctx.db}.${coll}` : `${ctx.db}.$cmd.aggregate`;
  return { cursor: ctx.cursors.firstBatch(ns, out, batchSize, false, ctx.sessionKey) };
}

export const aggregateCommands: CommandTable = { aggregate };
