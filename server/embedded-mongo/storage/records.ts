// Framing shared by the journal and the snapshot: each record is
// [u32 payload length][u32 CRC-32C of payload][payload = one or more BSON documents].
// A record whose length runs past the end of the file or whose checksum fails marks a torn
// or corrupt tail: readers stop there.
import fs from 'node:fs';
import { BSON, type Document } from 'bson';
import { crc32c } from '../wire/crc32c';
import { decodeStoredDocument } from '../wire/messages';

export function encodeRecord(docs: Document[]): Buffer {
  const parts = docs.map((d) => BSON.serialize(d));
  const payloadLength = parts.reduce((a, p) => a + p.length, 0);
  const out = Buffer.allocUnsafe(8 + payloadLength);
  let off = 8;
  for (const p of parts) { out.set(p, off); off += p.length; }
  out.writeUInt32LE(payloadLength, 0);
  out.writeUInt32LE(crc32c(out, 8, 8 + payloadLength), 4);
  return out;
}

export interface ReadResult {
  records: Document[][];
  /** Offset just past the last good record. */
  goodLength: number;
  /** True if bytes after goodLength were dropped (torn or corrupt tail). */
  torn: boolean;
}

export function readRecords(file: string): ReadResult {
  const buf = fs.readFileSync(file);
  const records: Document[][] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (off + 8 + len > buf.length || len < 5 || crc32c(buf, off + 8, off + 8 + len) !== sum) break;
    const docs: Document[] = [];
    let p = off + 8;
    const end = off + 8 + len;
    let ok = true;
    while (p < end) {
      const dlen = buf.readInt32LE(p);
      if (dlen < 5 || p + dlen > end) { ok = false; break; }
      docs.push(decodeStoredDocument(buf.subarray(p, p + dlen)));
      p += dlen;
    }
    if (!ok) break;
    records.push(docs);
    off = end;
  }
  return { records, goodLength: off, torn: off < buf.length };
}

export function writeFully(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}
