// Command dispatch: looks the command up, binds it to its session and transaction, runs
// it, waits for its writes to be durable, and turns failures into mongod-shaped errors.
import type { Document } from 'bson';
import { ErrorCodes, MongoCommandError } from '../errors';
import { OpContext } from '../query/context';
import { sessionKeyOf } from '../sessions';
import { toBigInt } from '../cursors';
import type { Transaction } from '../storage/transaction';
import { aggregateCommands } from './aggregate';
import { crudCommands } from './crud';
import { ddlCommands } from './ddl';
import { explainCommands } from './explain';
import { findAndModifyCommands } from './find-and-modify';
import { findCommands } from './find';
import { handshakeCommands } from './handshake';
import type { CommandContext, CommandTable } from './types';

const commands: CommandTable = {
  ...handshakeCommands,
  ...crudCommands,
  ...findCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...ddlCommands,
  ...explainCommands,
};

const TXN_CONTROL = new Set(['commitTransaction', 'abortTransaction']);
const RETRYABLE_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

export type Services = Omit<CommandContext, 'db' | 'cmd' | 'name' | 'op' | 'sessionKey'>;

export async function runCommand(services: Services, db: string, cmd: Document): Promise<Document> {
  const name = Object.keys(cmd)[0];
  const handler = name !== undefined && Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!handler) {
    throw new MongoCommandError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
  }
  const sessionKey = sessionKeyOf(cmd);
  let txn: Transaction | undefined;
  if (cmd.autocommit === false && sessionKey && !TXN_CONTROL.has(name)) {
    txn = services.sessions.transactionFor(sessionKey, cmd);
  }
  // A retryable write carries lsid + txnNumber without autocommit; a resend of the same
  // txnNumber (after a network error) gets the first reply instead of applying twice.
  const retryable = sessionKey && cmd.txnNumber !== undefined && cmd.autocommit === undefined && RETRYABLE_WRITES.has(name)
    ? { session: services.sessions.get(sessionKey), txnNumber: Number(toBigInt(cmd.txnNumber)) }
    : undefined;
  const previous = retryable?.session.lastRetryable;
  if (retryable && previous && previous.txnNumber === retryable.txnNumber && previous.command === name) return previous.reply;
  const op = new OpContext(services.engine, txn);
  const ctx: CommandContext = { ...services, db, cmd, name, op, sessionKey };
  try {
    const reply = await handler(ctx);
    // mongod aborts a transaction on any failed statement.
    if (txn && Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) txn.abort();
    await op.durable();
    if (retryable) retryable.session.lastRetryable = { txnNumber: retryable.txnNumber, command: name, reply };
    return reply;
  } catch (err) {
    if (txn) txn.abort();
    await op.durable().catch(() => undefined);
    throw err;
  }
}
