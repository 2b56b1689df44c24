// aggregate: a leading $match is answered through the indexes, the rest of the pipeline runs
// in mingo; stages the embedded server does not implement fail with a clear error.
import '../query/mingo-setup';
import type { Document } from 'bson';
import { Aggregator, ProcessingMode } from 'mingo';
import { badValue, notSupported } from '../errors';
import { assertSupportedFilter } from '../query/filter';
import { cloneValue, isPlainObject, type Doc } from '../storage/documents';
import { rejectCollation } from './common';
import type { CommandContext, CommandTable } from './types';

const UNSUPPORTED_STAGES: Record<string, string> = {
  $changeStream: 'Change streams',
  $geoNear: 'Geospatial aggregation ($geoNear)',
  $search: 'Atlas Search ($search)',
  $searchMeta: 'Atlas Search ($searchMeta)',
  $vectorSearch: 'Vector search ($vectorSearch)',
  $out: 'The $out stage',
  $merge: 'The $merge stage',
  $collStats: 'The $collStats stage',
  $indexStats: 'The $indexStats stage',
  $currentOp: 'The $currentOp stage',
  $listSessions: 'The $listSessions stage',
  $listLocalSessions: 'The $listLocalSessions stage',
  $planCacheStats: 'The $planCacheStats stage',
};

function checkPipeline(pipeline: unknown[]): void {
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw badValue('A pipeline stage specification object must contain exactly one field.');
    const name = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES[name]) throw notSupported(UNSUPPORTED_STAGES[name]);
    if (name === '$facet' && isPlainObject(stage.$facet)) {
      for (const sub of Object.values(stage.$facet)) if (Array.isArray(sub)) checkPipeline(sub);
    }
    if (name === '$lookup' && isPlainObject(stage.$lookup) && Array.isArray(stage.$lookup.pipeline)) checkPipeline(stage.$lookup.pipeline);
    assertSupportedFilter(stage);
  }
}

function aggregate(ctx: CommandContext): Document {
  const { cmd } = ctx;
  rejectCollation(cmd.collation);
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  checkPipeline(pipeline);
  if (cmd.explain) return { explainVersion: '1', stages: pipeline, queryPlanner: { namespace: `${ctx.db}.${String(cmd.aggregate)}` } };
  const coll = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  let input: Doc[] = [];
  let rest = pipeline as Document[];
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
    collectionResolver: (name: string) => ctx.op.find(ctx.db, name, {}).map(cloneValue),
    variables: isPlainObject(cmd.let) ? cmd.let : undefined,
  });
  const out = rest.length ? (agg.run(input) as Doc[]) : input;
  const cursorOpts = isPlainObject(cmd.cursor) ? cmd.cursor : {};
  const batchSize = typeof cursorOpts.batchSize === 'number' ? cursorOpts.batchSize : undefined;
  const ns = coll ? `${ctx.db}.${coll}` : `${ctx.db}.$cmd.aggregate`;
  return { cursor: ctx.cursors.firstBatch(ns, out, batchSize, false, ctx.sessionKey) };
}

export const aggregateCommands: CommandTable = { aggregate };
