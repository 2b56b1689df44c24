// Handshake, monitoring and server-information commands: the embedded server presents
// itself as the primary of a one-member replica set running a current mongod.
import { Long, Timestamp, type Document } from 'bson';
import { ErrorCodes, MongoCommandError, notSupported } from '../errors';
import { toBigInt } from '../cursors';
import { sessionKeyOf } from '../sessions';
import type { CommandContext, CommandTable } from './types';

export const SERVER_VERSION = '7.0.14';
export const MAX_WIRE_VERSION = 21;

function hello(ctx: CommandContext): Document {
  const { info } = ctx;
  const me = `${info.host}:${info.port}`;
  const now = new Date();
  const opTime = { ts: new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }), t: Long.fromNumber(1) };
  const reply: Document = {
    hosts: [me],
    setName: info.replSetName,
    setVersion: 1,
    isWritablePrimary: true,
    secondary: false,
    primary: me,
    me,
    electionId: info.electionId,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (ctx.name === 'hello') return reply;
  // Legacy isMaster spelling of the same answer.
  const { isWritablePrimary, ...rest } = reply;
  return { ismaster: isWritablePrimary, ...rest, ...(ctx.cmd.helloOk ? { helloOk: true } : {}) };
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 14, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['embedded'],
    javascriptEngine: 'none',
    modules: [],
    openssl: { running: 'disabled' },
  };
}

function getParameter(ctx: CommandContext): Document {
  const reply: Document = {};
  if (ctx.cmd.featureCompatibilityVersion !== undefined || ctx.cmd.getParameter === '*') reply.featureCompatibilityVersion = { version: '7.0' };
  if (ctx.cmd.transactionLifetimeLimitSeconds !== undefined || ctx.cmd.getParameter === '*') reply.transactionLifetimeLimitSeconds = 60;
  return reply;
}

function serverStatus(ctx: CommandContext): Document {
  return {
    host: `${ctx.info.host}:${ctx.info.port}`,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor((Date.now() - ctx.info.startedAt.getTime()) / 1000),
    localTime: new Date(),
    connections: { current: ctx.info.connections(), available: 1000 },
    storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: true },
    metrics: { cursor: { open: { total: ctx.cursors.count } } },
  };
}

function replSetGetStatus(ctx: CommandContext): Document {
  const me = `${ctx.info.host}:${ctx.info.port}`;
  return {
    set: ctx.info.replSetName, date: new Date(), myState: 1,
    members: [{ _id: 0, name: me, health: 1, state: 1, stateStr: 'PRIMARY', self: true }],
  };
}

function endSessions(ctx: CommandContext): Document {
  const list = ctx.cmd[ctx.name];
  if (Array.isArray(list)) {
    for (const lsid of list) {
      const key = sessionKeyOf({ lsid });
      if (key) ctx.sessions.end(key);
    }
  }
  return {};
}

function commitTransaction(ctx: CommandContext): Promise<Document> | Document {
  const txnNumber = Number(toBigInt(ctx.cmd.txnNumber));
  const txn = ctx.sessionKey ? ctx.sessions.existingTransaction(ctx.sessionKey, txnNumber) : undefined;
  if (!txn || txn.state === 'aborted') {
    throw new MongoCommandError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, { labels: ['TransientTransactionError'] });
  }
  return txn.commit().then(() => ({}));
}

function abortTransaction(ctx: CommandContext): Document {
  const txnNumber = Number(toBigInt(ctx.cmd.txnNumber));
  const txn = ctx.sessionKey ? ctx.sessions.existingTransaction(ctx.sessionKey, txnNumber) : undefined;
  if (!txn || txn.state === 'aborted') {
    throw new MongoCommandError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, { labels: ['TransientTransactionError'] });
  }
  if (txn.state === 'committed') throw new MongoCommandError(ErrorCodes.TransactionCommitted, 'Transaction has been committed.');
  txn.abort();
  return {};
}

function authentication(): Document {
  throw notSupported('Authentication');
}

export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({}),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  serverStatus,
  hostInfo: () => ({ system: { hostname: 'localhost', numCores: 1 }, os: { type: process.platform }, extra: {} }),
  whatsmyuri: () => ({ you: '127.0.0.1' }),
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {} }),
  getLog: () => ({ totalLinesWritten: 0, log: [] }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  getFreeMonitoringStatus: () => ({ state: 'disabled' }),
  replSetGetStatus,
  endSessions,
  killSessions: endSessions,
  refreshSessions: () => ({}),
  killAllSessions: () => ({}),
  startSession: () => ({ id: {}, timeoutMinutes: 30 }),
  commitTransaction,
  abortTransaction,
  saslStart: authentication,
  saslContinue: authentication,
  authenticate: authentication,
  createUser: authentication,
  usersInfo: authentication,
  logout: () => ({}),
};
