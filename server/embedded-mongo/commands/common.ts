// Argument helpers shared by command handlers.
import type { Document } from 'bson';
import { badValue, ErrorCodes, MongoCommandError, notSupported, toCommandError } from '../errors';
import { isPlainObject } from '../storage/documents';
import type { CommandContext } from './types';

export function collectionArg(ctx: CommandContext): string {
  const v = ctx.cmd[ctx.name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new MongoCommandError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeof v}`);
  }
  return v;
}

export function rejectCollation(collation: unknown): void {
  if (isPlainObject(collation) && Object.keys(collation).length > 0 && collation.locale !== 'simple') throw notSupported('Collation');
}

export function optionalDoc(v: unknown, what: string): Document | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw new MongoCommandError(ErrorCodes.TypeMismatch, `${what} must be an object`);
  return v;
}

export function optionalNumber(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw badValue(`${what} must be a number`);
  return n;
}

/**
 * A write error entry as mongod reports it inside a write command's reply. Errors that carry
 * labels (WriteConflict, NoSuchTransaction) fail the whole command instead, as in mongod,
 * so drivers see the TransientTransactionError label and retry.
 */
export function writeErrorOf(err: unknown, index: number): Document {
  const e = toCommandError(err);
  if (e.labels.length > 0) throw e;
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}
