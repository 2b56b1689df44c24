// MongoDB wire protocol framing: parses OP_MSG and legacy OP_QUERY requests and encodes
// OP_MSG and OP_REPLY responses. Knows nothing about what the commands mean.
import { BSON, type Document } from 'bson';
import { crc32c } from './crc32c';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1;
export const MSG_MORE_TO_COME = 2;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

export const MAX_MESSAGE_SIZE = 48_000_000;

/** Options used for every incoming document: keep int64 as numbers when safe, Binary stays Binary. */
const deserializeOptions = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

export function decodeDocument(buf: Uint8Array): Document {
  return BSON.deserialize(buf, deserializeOptions);
}

/**
 * Documents read back from the server's own journal and snapshot: an int64 stays a `Long`,
 * as it was in memory when written (only `Long`s are written as int64).
 */
export function decodeStoredDocument(buf: Uint8Array): Document {
  return BSON.deserialize(buf, { ...deserializeOptions, promoteLongs: false });
}

export interface Header {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface CommandRequest {
  kind: 'msg' | 'query';
  requestId: number;
  /** The command document with OP_MSG kind-1 sequences folded in as arrays. */
  command: Document;
  /** For OP_QUERY: the database taken from fullCollectionName. */
  db?: string;
  moreToCome: boolean;
  checksum: boolean;
}

export class ProtocolError extends Error {}

export function readHeader(buf: Buffer): Header {
  return {
    messageLength: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function bsonLength(buf: Buffer, offset: number): number {
  if (offset + 4 > buf.length) throw new ProtocolError('truncated BSON document');
  const len = buf.readInt32LE(offset);
  if (len < 5 || offset + len > buf.length) throw new ProtocolError('invalid BSON document length');
  return len;
}

/** Parses one complete message (header included). */
export function parseMessage(buf: Buffer): CommandRequest {
  const header = readHeader(buf);
  if (header.opCode === OP_MSG) return parseOpMsg(buf, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(buf, header);
  if (header.opCode === OP_COMPRESSED) throw new ProtocolError('OP_COMPRESSED is not supported by the embedded server (no compressors are advertised)');
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(buf: Buffer, header: Header): CommandRequest {
  const flags = buf.readUInt32LE(16);
  const checksum = (flags & MSG_CHECKSUM_PRESENT) !== 0;
  let end = buf.length;
  if (checksum) {
    end -= 4;
    const expected = buf.readUInt32LE(end);
    if (crc32c(buf, 0, end) !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = 20;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = buf[offset++];
    if (kind === 0) {
      const len = bsonLength(buf, offset);
      body = decodeDocument(buf.subarray(offset, offset + len));
      offset += len;
    } else if (kind === 1) {
      const size = buf.readInt32LE(offset);
      const sectionEnd = offset + size;
      const [identifier, docStart] = readCString(buf, offset + 4);
      const docs: Document[] = [];
      let p = docStart;
      while (p < sectionEnd) {
        const len = bsonLength(buf, p);
        docs.push(decodeDocument(buf.subarray(p, p + len)));
        p += len;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) {
    const existing = body[identifier];
    body[identifier] = Array.isArray(existing) ? [...existing, ...docs] : docs;
  }
  return { kind: 'msg', requestId: header.requestId, command: body, moreToCome: (flags & MSG_MORE_TO_COME) !== 0, checksum };
}

function parseOpQuery(buf: Buffer, header: Header): CommandRequest {
  let offset = 20; // header + flags
  const [fullName, next] = readCString(buf, offset);
  offset = next + 8; // numberToSkip, numberToReturn
  const len = bsonLength(buf, offset);
  let command = decodeDocument(buf.subarray(offset, offset + len));
  // Legacy drivers wrap the command as { $query: {...}, $readPreference: ... }.
  if (command.$query && typeof command.$query === 'object') command = command.$query as Document;
  const dot = fullName.indexOf('.');
  const db = dot >= 0 ? fullName.slice(0, dot) : fullName;
  if (!fullName.endsWith('.$cmd')) throw new ProtocolError('legacy OP_QUERY is only supported for commands ($cmd)');
  return { kind: 'query', requestId: header.requestId, command, db, moreToCome: false, checksum: false };
}

let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeOpMsg(responseTo: number, reply: Document, withChecksum: boolean): Buffer {
  const body = BSON.serialize(reply);
  const flags = withChecksum ? MSG_CHECKSUM_PRESENT : 0;
  const length = 16 + 4 + 1 + body.length + (withChecksum ? 4 : 0);
  const out = Buffer.alloc(length);
  header(length, responseTo, OP_MSG).copy(out, 0);
  out.writeUInt32LE(flags, 16);
  out[20] = 0;
  out.set(body, 21);
  if (withChecksum) out.writeUInt32LE(crc32c(out, 0, length - 4), length - 4);
  return out;
}

export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const length = 16 + 20 + body.length;
  const out = Buffer.alloc(length);
  header(length, responseTo, OP_REPLY).copy(out, 0);
  out.writeInt32LE(0, 16); // responseFlags
  out.writeBigInt64LE(0n, 20); // cursorID
  out.writeInt32LE(0, 28); // startingFrom
  out.writeInt32LE(1, 32); // numberReturned
  out.set(body, 36);
  return out;
}
