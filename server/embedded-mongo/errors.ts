// Errors in mongod's shape: every failure a command can raise carries a numeric code,
// a codeName and optional error labels, so drivers classify it exactly as they would mongod's.
import { BSONError } from 'bson';
import { MingoError } from 'mingo/util';

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidOptions: 72,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  DollarPrefixedFieldName: 52,
  EmptyFieldName: 56,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NotImplemented: 238,
  WriteConflict: 112,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
  Location40324: 40324,
  NotSupported: 115,
} as const;

const codeNames = new Map<number, string>(Object.entries(ErrorCodes).map(([k, v]) => [v, k]));
codeNames.set(115, 'CommandNotSupported');

export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly labels: string[];
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, opts: { labels?: string[]; extra?: Record<string, unknown>; codeName?: string } = {}) {
    super(message);
    this.code = code;
    this.codeName = opts.codeName ?? codeNames.get(code) ?? 'UnknownError';
    this.labels = opts.labels ?? [];
    this.extra = opts.extra ?? {};
  }

  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.labels.length > 0) reply.errorLabels = this.labels;
    return reply;
  }
}

export function badValue(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCodes.BadValue, message);
}

/** A feature MongoDB has but this embedded server deliberately does not. */
export function notSupported(feature: string): MongoCommandError {
  return new MongoCommandError(ErrorCodes.NotSupported, `${feature}: not supported by the embedded server; use a real MongoDB (set MONGODB_URI) for this feature`);
}

export function writeConflict(): MongoCommandError {
  return new MongoCommandError(
    ErrorCodes.WriteConflict,
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
    { labels: ['TransientTransactionError'] },
  );
}

export class DuplicateKeyError extends MongoCommandError {
  constructor(ns: string, indexName: string, keyPattern: Record<string, unknown>, keyValue: Record<string, unknown>, dupText: string) {
    super(ErrorCodes.DuplicateKey, `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${dupText}`, {
      extra: { keyPattern, keyValue },
    });
  }
}

/**
 * Turns anything thrown while running a command into a mongod-shaped error: mingo's and
 * bson's complaints about the request are BadValue (2); anything else is a bug or an I/O
 * failure of ours and becomes InternalError (1).
 */
export function toCommandError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  if (err instanceof MingoError || err instanceof BSONError) return new MongoCommandError(ErrorCodes.BadValue, err.message);
  if (err instanceof SyntaxError && err.message.includes('regular expression')) {
    return new MongoCommandError(51091, `Regular expression is invalid: ${err.message}`, { codeName: 'Location51091' });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new MongoCommandError(ErrorCodes.InternalError, `embedded server internal error: ${message}`);
}
