// The data directory: recovery at start (load snapshot, replay the journal up to its last
// intact record), durable appends through the journal, and periodic compaction of the whole
// store into a new snapshot generation (written aside, fsynced, then renamed into place).
import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import { CollectionStore } from './collection';
import type { Change, Engine, Journal } from './engine';
import type { IndexSpec } from './index-store';
import { JournalFile } from './journal';
import { acquireLock } from './lock';
import { idKeyOf } from './keys';
import { encodeRecord, readRecords, writeFully } from './records';

const SNAPSHOT = 'snapshot.bson';
const DOCS_PER_RECORD = 1000;
/** Besides the size trigger, a journal past 1 MiB is compacted every 10 minutes so restarts stay quick. */
const PERIODIC_COMPACT_MS = 10 * 60_000;
const PERIODIC_COMPACT_MIN_BYTES = 1024 * 1024;
/** Journal size that triggers compaction; EMBEDDED_MONGO_COMPACT_BYTES overrides (tests use it). */
const COMPACT_AT_BYTES = Number(process.env.EMBEDDED_MONGO_COMPACT_BYTES) > 0 ? Number(process.env.EMBEDDED_MONGO_COMPACT_BYTES) : 64 * 1024 * 1024;

export interface DataDirectory {
  path: string;
  compact(): void;
  close(): Promise<void>;
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch { /* not supported on every platform */ }
}

function journalName(gen: number): string {
  return `journal.${gen}`;
}

function loadSnapshot(file: string, engine: Engine): number {
  const { records, torn } = readRecords(file);
  const header = records[0]?.[0];
  if (!header || header.t !== 'header') throw new Error(`embedded-mongo: snapshot ${file} has no header; refusing to start`);
  const last = records[records.length - 1]?.[0];
  if (torn || !last || last.t !== 'end') throw new Error(`embedded-mongo: snapshot ${file} is incomplete; refusing to start`);
  for (const record of records.slice(1, -1)) {
    const [meta, ...docs] = record;
    const db = meta.db as string;
    const coll = meta.coll as string;
    let store = engine.collection(db, coll);
    if (meta.t === 'coll') {
      let colls = engine.dbs.get(db);
      if (!colls) { colls = new Map(); engine.dbs.set(db, colls); }
      store = new CollectionStore(db, coll, (meta.options ?? {}) as Document);
      colls.set(coll, store);
      for (const spec of (meta.indexes ?? []) as IndexSpec[]) store.createIndex(spec);
    }
    if (!store) throw new Error(`embedded-mongo: snapshot ${file} has documents for unknown collection ${db}.${coll}`);
    for (const doc of docs) store.setEntry(idKeyOf(doc._id), { doc, v: 0 });
  }
  return header.gen as number;
}

function writeSnapshot(dir: string, engine: Engine, gen: number): void {
  const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    writeFully(fd, encodeRecord([{ t: 'header', gen, createdAt: new Date() }]));
    for (const [db, colls] of engine.dbs) {
      for (const [coll, store] of colls) {
        const indexes = [...store.indexes.values()].map((i) => i.spec);
        writeFully(fd, encodeRecord([{ t: 'coll', db, coll, options: store.options, indexes }]));
        let chunk: Document[] = [];
        for (const entry of store.docs.values()) {
          chunk.push(entry.doc);
          if (chunk.length >= DOCS_PER_RECORD) {
            writeFully(fd, encodeRecord([{ t: 'docs', db, coll }, ...chunk]));
            chunk = [];
          }
        }
        if (chunk.length) writeFully(fd, encodeRecord([{ t: 'docs', db, coll }, ...chunk]));
      }
    }
    writeFully(fd, encodeRecord([{ t: 'end' }]));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function openDataDirectory(dirPath: string, engine: Engine, logger: (msg: string) => void): Promise<DataDirectory> {
  const dir = path.resolve(dirPath);
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  let journal: JournalFile;
  let gen = 0;
  try {
    const snapshotFile = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapshotFile)) gen = loadSnapshot(snapshotFile, engine);
    const journalFile = path.join(dir, journalName(gen));
    if (fs.existsSync(journalFile)) {
      const { records, goodLength, torn } = readRecords(journalFile);
      for (const changes of records) engine.apply(changes as unknown as Change[], { replay: true });
      if (torn) {
        logger(`embedded-mongo: dropped a torn journal tail in ${journalFile} at byte ${goodLength}`);
        fs.truncateSync(journalFile, goodLength);
      }
      logger(`embedded-mongo: recovered ${records.length} journal records`);
    }
    for (const name of fs.readdirSync(dir)) {
      if ((name.startsWith('journal.') && name !== journalName(gen)) || name === `${SNAPSHOT}.tmp`) fs.rmSync(path.join(dir, name), { force: true });
    }
    journal = new JournalFile(journalFile);
    fsyncDir(dir); // make the journal's directory entry durable too
  } catch (err) {
    release();
    throw err;
  }

  let compacting = false;
  const compact = (): void => {
    if (compacting) return;
    compacting = true;
    try {
      const nextGen = gen + 1;
      writeSnapshot(dir, engine, nextGen);
      const nextJournal = new JournalFile(path.join(dir, journalName(nextGen)));
      fs.renameSync(path.join(dir, `${SNAPSHOT}.tmp`), path.join(dir, SNAPSHOT));
      fsyncDir(dir);
      const old = journal;
      journal = nextJournal;
      gen = nextGen;
      // Records still waiting for their sync are inside the fsynced snapshot already.
      void old.close(true);
    } finally {
      compacting = false;
    }
  };

  const durable: Journal = {
    append(changes: Change[]): Promise<void> {
      const p = journal.append(changes);
      if (journal.size > COMPACT_AT_BYTES && !compacting) setImmediate(compact);
      return p;
    },
  };
  engine.journal = durable;
  const periodic = setInterval(() => {
    if (journal.size > PERIODIC_COMPACT_MIN_BYTES) compact();
  }, PERIODIC_COMPACT_MS);
  periodic.unref();

  return {
    path: dir,
    compact,
    async close() {
      clearInterval(periodic);
      engine.journal = undefined;
      await journal.flushed();
      if (journal.size > 0) compact();
      await journal.close();
      release();
    },
  };
}
