// The provincial server's HTTP JSON API (HTTPS when given a certificate and key). Each request:
// route → authenticate (bearer token) → authorise (ENDPOINT_ROLES) → bounded body → handler →
// audit row. Answers are JSON; a bug answers 500 with an id and never a stack (the stack goes to
// stderr with the same id). close() stops taking connections and waits for calls in flight.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { audit, type AuditOutcome } from './audit';
import { authorise, isEndpoint, ENDPOINT_ROLES } from './authorisation';
import { ApiError } from './http-errors';
import type { Pool } from './pg-pool';
import { ROUTES } from './api-routes';
import type { Handled } from './route';
import { sessionOf, type Session } from './sessions';
import { BodyTooLarge, readBodyOrDrain } from '../http/request-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { gracefulClose, listen } from '../http/server-lifecycle';

export interface CentralServerOptions {
  pool: Pool;
  host?: string;
  port?: number;
  /** PEM certificate and key: the server speaks HTTPS only. */
  tls?: { cert: Buffer; key: Buffer };
  /** Behind a TLS reverse proxy on this machine: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The clock (tests move it); default the system's. */
  now?: () => Date;
  /** Where bugs are written (with their id); default stderr. */
  logBug?: (id: string, error: unknown) => void;
}

export interface CentralServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A body beyond this many bytes is not even drained: the connection is dropped. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

function plainAddress(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/**
 * The client's address. Behind a TLS reverse proxy on this machine (`trustProxy`), the address the
 * proxy appended last to X-Forwarded-For — earlier entries are the client's own say and are ignored;
 * the header is believed only from a loopback peer, so a client cannot claim another address.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trustProxy || (peer !== '127.0.0.1' && peer !== '::1')) return peer;
  const header = req.headers['x-forwarded-for'];
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').pop()?.trim() ?? '';
  return isIP(last) ? plainAddress(last) : peer;
}

function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** The body, at most `limit` bytes; past that it is drained (up to DRAIN_LIMIT) and refused. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return readBodyOrDrain(req, limit, Math.max(DRAIN_LIMIT, limit));
}

/** An upload's file name: X-File-Name, percent-encoded UTF-8 (headers carry ASCII only). */
function uploadName(req: IncomingMessage): string {
  const header = req.headers['x-file-name'];
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) throw new ApiError(400, '上传文件须在 X-File-Name 请求头中给出文件名');
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'X-File-Name 请求头不是有效的百分号编码');
  }
  // Only the name: a path a client sends is not the server's business.
  const base = name.split(/[\\/]/).pop() ?? '';
  if (base.length === 0 || base.length > 255 || /[\u0000-\u001f\u007f]/.test(base))
    throw new ApiError(400, '上传文件的文件名无效（空、过长或含控制字符）');
  return base;
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, '请求内容不是 UTF-8 编码的 JSON');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, '请求内容不是有效的 JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'ok';
  return status === 401 || status === 403 || status === 429 ? 'refused' : 'failed';
}

export async function startCentralServer(options: CentralServerOptions): Promise<CentralServer> {
  const { pool } = options;
  const now = options.now ?? (() => new Date());
  const logBug =
    options.logBug ??
    ((id, e) => process.stderr.write(`服务器内部错误 ${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = now();
    const address = clientAddress(req, options.trustProxy ?? false);
    const url = new URL(req.url ?? '/', 'http://server');
    const key = `${req.method ?? 'GET'} ${url.pathname}`;
    if (!isEndpoint(key)) {
      const pathKnown = Object.keys(ENDPOINT_ROLES).some((k) => k.endsWith(' ' + url.pathname));
      throw new ApiError(pathKnown ? 405 : 404, pathKnown ? '该接口不支持此请求方法' : '没有这个接口');
    }
    const route = ROUTES[key];
    let session: Session | null = null;
    // Audit rows after authentication name the user; a refusal before it names whom it could.
    const auditCall = (status: number, reason: string | null, target: string | null) =>
      audit(pool, { at, account: session?.account ?? null, action: key, target, outcome: outcomeOf(status), reason, address });
    try {
      if (ENDPOINT_ROLES[key] !== 'public') {
        const token = bearerToken(req);
        session = token ? await sessionOf(pool, token, at) : null;
        if (!session) throw new ApiError(401, token ? '登录已失效，请重新登录' : '请先登录');
        authorise(key, session.account);
      }
      let body: unknown = {};
      let file: { name: string; bytes: Buffer } | null = null;
      if (route.bodyLimit > 0 && route.bodyKind === 'file') file = { name: uploadName(req), bytes: await readBody(req, route.bodyLimit) };
      else if (route.bodyLimit > 0) body = parseJson(await readBody(req, route.bodyLimit));
      else req.resume();
      const handled: Handled = await route.handle({ pool, now: at, address, session, body, file, query: url.searchParams });
      if (!route.auditsItself) await auditCall(handled.status ?? 200, null, handled.target ?? null);
      send(res, handled.status ?? 200, handled.body);
    } catch (caught) {
      let e = caught;
      if (e instanceof BodyTooLarge) {
        const limitKb = Math.round(route.bodyLimit / 1024);
        e = new ApiError(413, `请求内容过大（此接口最多 ${limitKb} KB）`);
      }
      if (e instanceof ApiError && !route.auditsItself) await auditCall(e.status, e.message, e.target);
      throw e;
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    closer.onRequest(res);
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ApiError) {
        const headers = e.status === 413 ? { ...e.headers, Connection: 'close' } : e.headers;
        send(res, e.status, { error: e.message, ...e.extra }, headers);
        return;
      }
      const id = randomBytes(4).toString('hex');
      logBug(id, e);
      send(res, 500, { error: `服务器内部错误（编号 ${id}），请联系管理员` });
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  // Slow clients do not hold connections for ever.
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  // Closing: idle keep-alive connections go now; calls in flight finish first.
  const closer = gracefulClose(server);
  const host = options.host ?? '127.0.0.1';
  const { port } = await listen(server, options.port ?? 0, host);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`, port, close: () => closer.close() };
}
