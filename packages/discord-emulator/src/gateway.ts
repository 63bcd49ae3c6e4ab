/**
 * The gateway: a `ws` server on the emulator's HTTP server speaking Discord's JSON protocol (v10, no
 * compression). It keeps sessions so that a client that lost its connection can RESUME and get the dispatches it
 * missed, which is the behaviour the fault tests exercise.
 *
 * Not emulated: zlib/zstd transport compression (connections asking for it are closed with 4012 and a reason,
 * because discord.js never asks unless `zlib-sync` is installed), ETF, server-side zombie detection, presences,
 * voice and member chunking (op 3/4/8 are recorded and otherwise ignored).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { GatewayEventRecord } from './types.js';

export interface GatewayHooks {
  heartbeatIntervalMs: number;
  /** ws://127.0.0.1:PORT, the READY `resume_gateway_url`. */
  url(): string;
  tokenOk(token: unknown): boolean;
  /** READY `d` (without session fields) and the GUILD_CREATE `d`s for one shard. */
  ready(shardId: number, shardCount: number): { ready: Record<string, unknown>; guilds: unknown[] };
  record(event: GatewayEventRecord): void;
  /** Something waiters may care about changed (a shard became ready, say). */
  changed(): void;
  log(line: string): void;
}

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  seq: number;
  /** Recent dispatches, replayed on RESUME. */
  backlog: Dispatch[];
  conn: Conn | null;
}

interface Conn {
  ws: WebSocket;
  shardId: number;
  session: Session | null;
  /** READY or RESUMED has been sent on this connection: dispatches can flow. */
  live: boolean;
  /** Close code we sent, so the close handler knows who closed. */
  closedByUs: number | null;
}

/** Codes after which Discord will not resume the session. */
const NON_RESUMABLE = new Set([1000, 1001, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);
const BACKLOG = 1000;

/** A WebSocket frame as UTF-8 text, whichever of ws's shapes it came in (a Buffer, fragments, an ArrayBuffer). */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Set<Conn>();
  private readonly sessions = new Map<string, Session>();
  /** The newest session per shard id. */
  private readonly current = new Map<number, Session>();
  private readonly ackDrops = new Map<number, number>();
  /** Shard count clients identified with (the last IDENTIFY wins). */
  shardCount: number | null = null;
  identifies = 0;

  constructor(private readonly hooks: GatewayHooks) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
  }

  private accept(ws: WebSocket, url: URL): void {
    const conn: Conn = { ws, shardId: -1, session: null, live: false, closedByUs: null };
    this.conns.add(conn);
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('close', (code) => this.onClose(conn, code));
    ws.on('error', (err) => this.hooks.log(`gateway: socket error ${err.message}`));
    const q = url.searchParams;
    if (q.get('v') !== '10') return this.close(conn, 4012, 'Invalid API version (the emulator speaks v10)');
    if ((q.get('encoding') ?? 'json') !== 'json') return this.close(conn, 4012, 'the emulator speaks encoding=json only');
    if (q.has('compress')) {
      this.hooks.log('gateway: compress requested; uninstall zlib-sync, the emulator sends plain JSON');
      return this.close(conn, 4012, 'the emulator does not support transport compression');
    }
    this.send(conn, { op: 10, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs, _trace: ['emulator'] } });
  }

  private send(conn: Conn, payload: { op: number; d: unknown; s?: number | null; t?: string | null }): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  private close(conn: Conn, code: number, reason = ''): void {
    conn.closedByUs = code;
    conn.live = false;
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  private onMessage(conn: Conn, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(frameText(data)) as { op?: unknown; d?: unknown };
    } catch {
      return this.close(conn, 4002, 'Error while decoding payload.');
    }
    const op = typeof payload.op === 'number' ? payload.op : -1;
    const d = payload.d as Record<string, unknown> | null | undefined;
    // IDENTIFY and RESUME say which shard a connection is; record them with it.
    if (op === 2 && Array.isArray(d?.shard)) conn.shardId = Number(d.shard[0]);
    if (op === 6) conn.shardId = this.sessions.get(String(d?.session_id))?.shardId ?? conn.shardId;
    this.hooks.record({ shardId: conn.shardId, op, d: payload.d, at: performance.now() });
    switch (op) {
      case 1: {
        const drops = this.ackDrops.get(conn.shardId) ?? 0;
        if (drops > 0) this.ackDrops.set(conn.shardId, drops - 1);
        else this.send(conn, { op: 11, d: null });
        return;
      }
      case 2:
        return this.identify(conn, d ?? {});
      case 6:
        return this.resume(conn, d ?? {});
      case 3:
      case 4:
      case 8:
      case 31:
        if (!conn.session) this.close(conn, 4003, 'Not authenticated.');
        return;
      default:
        return this.close(conn, 4001, 'Unknown opcode.');
    }
  }

  private identify(conn: Conn, d: Record<string, unknown>): void {
    if (conn.session) return this.close(conn, 4005, 'Already authenticated.');
    if (!this.hooks.tokenOk(d.token)) return this.close(conn, 4004, 'Authentication failed.');
    const [shardId, shardCount] = Array.isArray(d.shard) ? d.shard.map(Number) : [0, 1];
    if (
      shardId === undefined ||
      shardCount === undefined ||
      !Number.isInteger(shardId) ||
      !(shardCount >= 1) ||
      shardId < 0 ||
      shardId >= shardCount
    ) {
      return this.close(conn, 4010, 'Invalid shard.');
    }
    this.identifies++;
    this.shardCount = shardCount;
    const old = this.current.get(shardId);
    if (old) this.sessions.delete(old.id);
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shardId,
      shardCount,
      seq: 0,
      backlog: [],
      conn,
    };
    this.sessions.set(session.id, session);
    this.current.set(shardId, session);
    conn.session = session;
    conn.shardId = shardId;
    conn.live = true;
    const { ready, guilds } = this.hooks.ready(shardId, shardCount);
    this.dispatchTo(session, 'READY', {
      ...ready,
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.hooks.url(),
      shard: [shardId, shardCount],
    });
    for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', guild);
    this.hooks.log(`gateway: shard ${shardId}/${shardCount} identified, session ${session.id}`);
    this.hooks.changed();
  }

  private resume(conn: Conn, d: Record<string, unknown>): void {
    const session = this.sessions.get(String(d.session_id));
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const oldest = session?.backlog[0]?.s ?? 1;
    if (!session || !this.hooks.tokenOk(d.token) || seq < oldest - 1) {
      // Not resumable: the client must IDENTIFY again on a new connection.
      this.hooks.log(`gateway: RESUME of unknown session ${String(d.session_id)}; sending op 9 false`);
      return this.send(conn, { op: 9, d: false });
    }
    if (seq > session.seq) return this.close(conn, 4007, 'Invalid seq.');
    if (session.conn && session.conn !== conn) {
      session.conn.session = null;
      this.close(session.conn, 4000, 'Session resumed elsewhere');
    }
    session.conn = conn;
    conn.session = session;
    conn.shardId = session.shardId;
    const missed = session.backlog.filter((e) => e.s > seq);
    for (const e of missed) this.send(conn, { op: 0, s: e.s, t: e.t, d: e.d });
    conn.live = true;
    this.dispatchTo(session, 'RESUMED', { _trace: ['emulator'] });
    this.hooks.log(`gateway: shard ${session.shardId} resumed from seq ${seq}, replayed ${missed.length}`);
    this.hooks.changed();
  }

  private onClose(conn: Conn, code: number): void {
    this.conns.delete(conn);
    conn.live = false;
    const session = conn.session;
    if (session?.conn === conn) {
      session.conn = null;
      // Discord drops the session when the client closes normally or when it closed with a final code.
      const finalCode = conn.closedByUs ?? code;
      if (NON_RESUMABLE.has(finalCode)) this.dropSession(session);
    }
    this.hooks.log(`gateway: shard ${conn.shardId} connection closed (${conn.closedByUs ?? code})`);
    this.hooks.changed();
  }

  private dropSession(session: Session): void {
    this.sessions.delete(session.id);
    if (this.current.get(session.shardId) === session) this.current.delete(session.shardId);
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    const event: Dispatch = { s: ++session.seq, t, d };
    session.backlog.push(event);
    if (session.backlog.length > BACKLOG) session.backlog.shift();
    const conn = session.conn;
    if (conn?.live) this.send(conn, { op: 0, ...event });
  }

  /**
   * Sends a dispatch to a shard's session. While the shard is disconnected the event is only kept for RESUME,
   * as Discord does. Throws if the shard never identified.
   */
  dispatch(shardId: number, t: string, d: unknown): void {
    const session = this.current.get(shardId);
    if (!session) throw new Error(`emulator: shard ${shardId} has no session (wait for waitForReady())`);
    this.dispatchTo(session, t, d);
  }

  hasSession(shardId: number): boolean {
    return this.current.has(shardId);
  }

  /** Shards whose current connection got READY or RESUMED. */
  readyShards(): Set<number> {
    const ready = new Set<number>();
    for (const [id, s] of this.current) if (s.conn?.live) ready.add(id);
    return ready;
  }

  private connsOf(shardId?: number): Conn[] {
    return [...this.conns].filter((c) => shardId === undefined || c.shardId === shardId);
  }

  /** Closes shard connections with `code` (all shards when no id). 4000 keeps the session resumable. */
  closeShards(code: number, shardId?: number, reason = 'closed by the emulator'): void {
    for (const conn of this.connsOf(shardId)) this.close(conn, code, reason);
  }

  /** Drops connections without a close frame: the client sees 1006 and resumes. */
  terminate(shardId?: number): void {
    for (const conn of this.connsOf(shardId)) {
      conn.live = false;
      conn.ws.terminate();
    }
  }

  /** Op 9. Not resumable: the session is forgotten, so the client must IDENTIFY again. */
  invalidSession(resumable: boolean, shardId?: number): void {
    for (const conn of this.connsOf(shardId)) {
      if (!resumable && conn.session) this.dropSession(conn.session);
      conn.live = false;
      this.send(conn, { op: 9, d: resumable });
    }
  }

  /** Op 7: the client closes and resumes on a new connection. */
  reconnect(shardId?: number): void {
    for (const conn of this.connsOf(shardId)) this.send(conn, { op: 7, d: null });
  }

  /** Leave the next `count` heartbeats unacknowledged, so the client treats the connection as a zombie. */
  dropHeartbeatAcks(count: number, shardId: number): void {
    this.ackDrops.set(shardId, (this.ackDrops.get(shardId) ?? 0) + count);
  }

  async stop(): Promise<void> {
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
