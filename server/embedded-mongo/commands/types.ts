// What every command handler receives, and the handler signature.
import type { Document, ObjectId } from 'bson';
import type { OpContext } from '../query/context';
import type { Engine } from '../storage/engine';
import type { CursorManager } from '../cursors';
import type { SessionRegistry } from '../sessions';

export interface ServerInfo {
  host: string;
  port: number;
  replSetName: string;
  processId: ObjectId;
  electionId: ObjectId;
  startedAt: Date;
  connections: () => number;
}

export interface CommandContext {
  db: string;
  cmd: Document;
  name: string;
  op: OpContext;
  engine: Engine;
  cursors: CursorManager;
  sessions: SessionRegistry;
  info: ServerInfo;
  sessionKey?: string;
  connectionId: number;
}

export type CommandHandler = (ctx: CommandContext) => Document | Promise<Document>;
export type CommandTable = Record<string, CommandHandler>;
