// Logical sessions (lsid) and the transaction each may have open. Transactions that outlive
// mongod's default transactionLifetimeLimitSeconds (60 s) are aborted, as mongod does.
import type { Binary, Document } from 'bson';
import { ErrorCodes, MongoCommandError } from './errors';
import type { Engine } from './storage/engine';
import { Transaction } from './storage/transaction';
import { toBigInt, type CursorManager } from './cursors';

const TXN_LIFETIME_MS = 60_000;
const SESSION_IDLE_MS = 30 * 60_000;

export class SessionState {
  readonly key: string;
  lastUsed = Date.now();
  txn?: Transaction;
  txnNumber = -1;
  /** The reply to the latest retryable write, so a driver's retry is answered, not re-applied. */
  lastRetryable?: { txnNumber: number; command: string; reply: Document };
  constructor(key: string) { this.key = key; }
}

export function sessionKeyOf(cmd: Document): string | undefined {
  const lsid = cmd.lsid as { id?: Binary } | undefined;
  if (!lsid || !lsid.id || typeof lsid.id !== 'object' || !('buffer' in lsid.id)) return undefined;
  return Buffer.from(lsid.id.buffer).toString('hex');
}

export function noSuchTransaction(txnNumber: number): MongoCommandError {
  return new MongoCommandError(ErrorCodes.NoSuchTransaction, `Given transaction number ${txnNumber} does not match any in-progress transactions.`, { labels: ['TransientTransactionError'] });
}

export class SessionRegistry {
  private readonly sessions = new Map<string, SessionState>();
  private readonly engine: Engine;
  private readonly cursors: CursorManager;
  private readonly sweeper: NodeJS.Timeout;

  constructor(engine: Engine, cursors: CursorManager) {
    this.engine = engine;
    this.cursors = cursors;
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
  }

  get(key: string): SessionState {
    let s = this.sessions.get(key);
    if (!s) { s = new SessionState(key); this.sessions.set(key, s); }
    s.lastUsed = Date.now();
    return s;
  }

  /** The transaction a command with autocommit:false runs in (starting it if asked). */
  transactionFor(key: string, cmd: Document): Transaction {
    const session = this.get(key);
    const txnNumber = Number(toBigInt(cmd.txnNumber));
    if (cmd.startTransaction === true) {
      if (txnNumber < session.txnNumber) {
        throw new MongoCommandError(225, `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`, { codeName: 'TransactionTooOld' });
      }
      if (txnNumber === session.txnNumber && session.txn) {
        throw new MongoCommandError(ErrorCodes.BadValue, `Transaction ${txnNumber} has already been started.`);
      }
      session.txn?.abort();
      session.txn = new Transaction(this.engine, txnNumber);
      session.txnNumber = txnNumber;
      return session.txn;
    }
    if (!session.txn || session.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    session.txn.assertActive();
    return session.txn;
  }

  existingTransaction(key: string, txnNumber: number): Transaction | undefined {
    const session = this.sessions.get(key);
    if (!session || session.txnNumber !== txnNumber) return undefined;
    return session.txn;
  }

  end(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    s.txn?.abort();
    this.cursors.killSession(key);
    this.sessions.delete(key);
  }

  get activeCount(): number { return this.sessions.size; }

  private sweep(): void {
    const now = Date.now();
    for (const [key, s] of this.sessions) {
      if (s.txn && s.txn.state === 'active' && now - s.txn.startedAt > TXN_LIFETIME_MS) s.txn.abort();
      if (now - s.lastUsed > SESSION_IDLE_MS) this.end(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const key of [...this.sessions.keys()]) this.end(key);
  }
}
