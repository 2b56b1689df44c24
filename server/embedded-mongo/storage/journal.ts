// The append-only journal: each apply() becomes one checksummed record. Records queue in
// memory until the next group commit writes them all with one write and one fdatasync;
// acknowledgements wait for that sync, and records arriving meanwhile share the next one.
import fs from 'node:fs';
import type { Document } from 'bson';
import type { Change } from './engine';
import { encodeRecord, writeFully } from './records';

type Waiter = { resolve: () => void; reject: (err: Error) => void };
interface Pending { record: Buffer; waiter: Waiter }

export class JournalFile {
  readonly file: string;
  private fd: number;
  size: number;
  private waiting: Pending[] = [];
  private syncing = false;
  private closed = false;
  private idle: Array<() => void> = [];

  constructor(file: string) {
    this.file = file;
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  append(changes: Change[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const record = encodeRecord(changes as unknown as Document[]);
    this.size += record.length;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ record, waiter: { resolve, reject } });
      if (!this.syncing && this.waiting.length === 1) setImmediate(() => this.scheduleSync());
    });
  }

  private scheduleSync(): void {
    if (this.syncing || this.waiting.length === 0) return;
    this.syncing = true;
    const batch = this.waiting;
    this.waiting = [];
    let failure: Error | undefined;
    try {
      writeFully(this.fd, batch.length === 1 ? batch[0].record : Buffer.concat(batch.map((p) => p.record)));
    } catch (err) {
      failure = err as Error;
    }
    const done = (err: Error | null | undefined) => {
      this.syncing = false;
      for (const p of batch) if (err) p.waiter.reject(err); else p.waiter.resolve();
      if (this.waiting.length > 0) this.scheduleSync();
      else for (const f of this.idle.splice(0)) f();
    };
    if (failure) { done(failure); return; }
    fs.fdatasync(this.fd, done);
  }

  /** Resolves once every appended record has been synced. */
  flushed(): Promise<void> {
    if (!this.syncing && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(unlink = false): Promise<void> {
    await this.flushed();
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
    if (unlink) fs.rmSync(this.file, { force: true });
  }
}
