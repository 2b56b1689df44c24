// The TCP side: accepts loopback connections, frames wire-protocol messages, runs each
// connection's commands in order, and writes replies (none for moreToCome requests).
import net from 'node:net';
import { Binary, Long, ObjectId, Timestamp, type Document } from 'bson';
import { runCommand, type Services } from './commands';
import type { ServerInfo } from './commands/types';
import { CursorManager } from './cursors';
import { ErrorCodes, toCommandError } from './errors';
import { SessionRegistry } from './sessions';
import type { Engine } from './storage/engine';
import { encodeOpMsg, encodeOpReply, MAX_MESSAGE_SIZE, parseMessage, ProtocolError, type CommandRequest } from './wire/messages';

export interface WireServerOptions {
  engine: Engine;
  host: string;
  port: number;
  replSetName: string;
  logger: (msg: string) => void;
}

const zeroSignature = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly opts: WireServerOptions;
  readonly cursors = new CursorManager();
  readonly sessions: SessionRegistry;
  private info!: ServerInfo;
  private nextConnectionId = 1;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(opts: WireServerOptions) {
    this.opts = opts;
    this.sessions = new SessionRegistry(opts.engine, this.cursors);
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : this.opts.port;
    this.info = {
      host: this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host,
      port,
      replSetName: this.opts.replSetName,
      processId: new ObjectId(),
      electionId: new ObjectId('7fffffff0000000000000001'),
      startedAt: new Date(),
      connections: () => this.sockets.size,
    };
    return port;
  }

  private services(connectionId: number): Services {
    return { engine: this.opts.engine, cursors: this.cursors, sessions: this.sessions, info: this.info, connectionId };
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      while (buffered.length >= 4) {
        const len = buffered.readInt32LE(0);
        if (len < 16 || len > MAX_MESSAGE_SIZE) {
          this.opts.logger(`connection ${connectionId}: invalid message length ${len}; closing`);
          socket.destroy();
          return;
        }
        if (buffered.length < len) break;
        const message = buffered.subarray(0, len);
        buffered = buffered.subarray(len);
        chain = chain.then(() => this.handle(socket, connectionId, message));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(socket: net.Socket, connectionId: number, message: Buffer): Promise<void> {
    let request: CommandRequest;
    try {
      request = parseMessage(message);
    } catch (err) {
      this.opts.logger(`connection ${connectionId}: ${err instanceof ProtocolError ? err.message : String(err)}; closing`);
      socket.destroy();
      return;
    }
    const work = this.execute(request, connectionId);
    const tracked: Promise<void> = work.then(() => undefined, () => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    const reply = await work;
    if (request.moreToCome || socket.destroyed) return;
    const out = request.kind === 'query' ? encodeOpReply(request.requestId, reply) : encodeOpMsg(request.requestId, reply, request.checksum);
    socket.write(out);
  }

  private async execute(request: CommandRequest, connectionId: number): Promise<Document> {
    const db = typeof request.command.$db === 'string' ? request.command.$db : request.db ?? 'admin';
    let reply: Document;
    try {
      const result = await runCommand(this.services(connectionId), db, request.command);
      reply = { ...result, ok: 1 };
    } catch (err) {
      const e = toCommandError(err);
      if (e.code === ErrorCodes.InternalError) {
        this.opts.logger(`embedded-mongo: command ${Object.keys(request.command)[0]} failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
      reply = e.toReply();
    }
    const clusterTime = new Timestamp({ t: Math.floor(Date.now() / 1000), i: (this.opts.engine.clock % 0x7fffffff) + 1 });
    reply.$clusterTime = { clusterTime, signature: zeroSignature };
    reply.operationTime = clusterTime;
    return reply;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    await Promise.all(this.inFlight);
    this.sessions.close();
    this.cursors.close();
  }
}
