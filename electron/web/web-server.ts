// Web mode: the renderer and the API over HTTP on 127.0.0.1 only. A random token guards every
// API call, and travels only in the X-Campaign-Token header the page adds: never in a cookie,
// which the browser would also send to every other service on 127.0.0.1 (cookies ignore ports).
// The page's own files (the public build) are served without it; the page reads the token from
// the printed address. A Host header other than loopback is refused, so other sites cannot reach
// it through DNS rebinding.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { isPageOperation } from '../../shared/api/operations';
import { tryParseOperationInput } from '../../shared/api/parse-input';
import type { CoreClient } from '../core/core-client';
import { CONTENT_SECURITY_POLICY } from './csp';
import { BATCH_PATH, encodeTransportInput } from '../../shared/api/transport-encoding';
import { BATCH_MAX_CALLS, BATCH_MAX_ROWS, CALL_MAX_BODY_BYTES, IMPORT_MAX_BODY_BYTES, NARROW_FILTER } from '../../shared/api/limits';
import { decodeBody } from './body-decoder';
import { logBug } from '../core/error-log';
import type { CallOutcome } from '../../shared/api/call-outcome';
import { userDataFolder } from '../runtime/default-db';
import { BodyTooLarge, readBodyOrStop } from '../http/request-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { gracefulClose, listen } from '../http/server-lifecycle';

export const TOKEN_HEADER = 'x-campaign-token';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface WebServerOptions {
  core: CoreClient;
  /** The built renderer (vite build output). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** Rows all answers of one batch may hold together; default BATCH_MAX_ROWS (tests set less). */
  batchMaxRows?: number;
  /** The per-user folder, whose logs/errors.log gets the server's own bugs; default userDataFolder(). */
  home?: string;
}

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Calls that carry files — an import, a finding's attachments, a 督导回传 — may be as large as an import. */
const FILE_CARRYING_OPERATIONS: ReadonlySet<string> = new Set(['import', 'addFinding', 'updateFinding', 'mergeReturn']);

function bodyLimitMessage(limit: number, op?: string): string {
  if (limit === IMPORT_MAX_BODY_BYTES && op !== undefined && op !== 'import') {
    return `上传的附件或文件过大：一次合计不能超过约 ${megabytes((limit * 3) / 4)}，请分几次添加`;
  }
  return limit === IMPORT_MAX_BODY_BYTES
    ? `上传的文件过大：一次导入合计不能超过约 ${megabytes((limit * 3) / 4)}，请分批导入`
    : `请求过大（超过 ${megabytes(limit)}）：${NARROW_FILTER}`;
}

/** How long close() lets calls in flight finish before it drops their connections. */
const CLOSE_GRACE_MS = 3000;

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string = 'application/json; charset=utf-8',
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'no-referrer',
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(body);
}

/** A call's input: its body, at most `limit` bytes (a larger one is refused unread, see refuse()). */
async function readInput(req: IncomingMessage, limit: number, op?: string): Promise<unknown> {
  return decodeBody(await readBodyOrStop(req, limit, bodyLimitMessage(limit, op)));
}

function refuse(res: ServerResponse, status: number, message: string) {
  // The rest of a refused body is not read: the connection closes after the answer.
  send(res, status, JSON.stringify({ ok: false, error: { message, user: true } }), undefined, { Connection: 'close' });
}

function badRequest(res: ServerResponse, e: unknown) {
  if (e instanceof BodyTooLarge) return refuse(res, 413, e.message);
  send(res, 400, JSON.stringify({ ok: false, error: { message: `请求格式错误：${(e as Error).message}`, user: true } }));
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const batchMaxRows = options.batchMaxRows ?? BATCH_MAX_ROWS;
  const loopbackHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const serveFile = async (res: ServerResponse, root: string, relative: string) => {
    const path = normalize(join(root, relative));
    if (!path.startsWith(normalize(root) + sep)) return send(res, 404, '{"error":"未找到"}');
    try {
      const body = await readFile(path);
      const immutable: Record<string, string> = relative.startsWith('assets/')
        ? { 'Cache-Control': 'private, max-age=31536000, immutable' }
        : {};
      send(res, 200, body, MIME[extname(path)] ?? 'application/octet-stream', immutable);
    } catch {
      send(res, 404, '{"error":"未找到"}');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Closing: no connection is kept alive for the page's next poll.
    closer.onRequest(res);
    try {
      if (!loopbackHosts().has(req.headers.host ?? '')) return send(res, 403, '{"error":"只接受本机地址的访问"}');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
        return serveFile(res, options.rendererDir, relative);
      }
      const given = req.headers[TOKEN_HEADER];
      if (!sameToken(typeof given === 'string' ? given : undefined, token)) {
        return send(
          res,
          401,
          JSON.stringify({ ok: false, error: { message: '未授权：请使用启动时显示的带令牌的地址重新打开', user: true } }),
        );
      }
      // Requests that change data must come from this origin.
      const origin = req.headers.origin;
      if (req.method !== 'GET' && origin !== undefined && !loopbackHosts().has(origin.replace(/^http:\/\//, ''))) {
        return send(res, 403, '{"error":"拒绝跨站请求"}');
      }

      if (url.pathname === BATCH_PATH && req.method === 'POST') {
        let calls: { op: string; input: unknown }[];
        try {
          calls = ((await readInput(req, CALL_MAX_BODY_BYTES)) as { calls?: unknown }).calls as typeof calls;
          if (!Array.isArray(calls) || calls.some((c) => c?.op !== 'query')) throw new Error('只能成批调用 query');
        } catch (e) {
          return badRequest(res, e);
        }
        if (calls.length > BATCH_MAX_CALLS) {
          return refuse(res, 413, `一次最多成批查询 ${BATCH_MAX_CALLS} 项（收到 ${calls.length} 项）`);
        }
        // One after another, so that a batch stops as soon as its answers together pass the bound
        // (each answer alone is bounded by the core).
        const outcomes = [];
        let rows = 0;
        for (const c of calls) {
          // Validated here, where the call enters; the core gets what zod returned.
          const parsed = tryParseOperationInput('query', c.input);
          const outcome = parsed.ok ? await options.core.call('query', parsed.input) : parsed;
          if (outcome.ok) rows += outcome.result.rows.length;
          if (rows > batchMaxRows) {
            return refuse(res, 413, `成批查询的结果合计超过 ${batchMaxRows.toLocaleString('en-US')} 行：${NARROW_FILTER}`);
          }
          outcomes.push(outcome);
        }
        return send(res, 200, JSON.stringify(encodeTransportInput({ outcomes })));
      }
      if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
        const op = url.pathname.slice('/api/call/'.length);
        if (!isPageOperation(op)) return send(res, 404, JSON.stringify({ ok: false, error: { message: `未知操作 ${op}`, user: true } }));
        let input: unknown;
        try {
          input = await readInput(req, FILE_CARRYING_OPERATIONS.has(op) ? IMPORT_MAX_BODY_BYTES : CALL_MAX_BODY_BYTES, op);
        } catch (e) {
          return badRequest(res, e);
        }
        const parsed = tryParseOperationInput(op, input);
        const outcome: CallOutcome = parsed.ok ? await options.core.call(op, parsed.input) : parsed;
        const status = outcome.ok ? 200 : outcome.error.coreRestart ? 503 : outcome.error.user ? 400 : 500;
        return send(res, status, JSON.stringify(encodeTransportInput(outcome)));
      }
      if (req.method !== 'GET') return send(res, 405, '{"error":"不支持的方法"}');
      return send(res, 404, '{"error":"未找到"}');
    } catch (e) {
      // A bug of the server itself: logged with an id, and only the id goes to the page.
      const { message } = logBug(options.home ?? userDataFolder(), e, {
        operation: `web ${req.method ?? ''} ${new URL(req.url ?? '/', 'http://x').pathname}`,
      });
      send(res, 500, JSON.stringify({ ok: false, error: { message, user: false } }));
    }
  };
  // Every error is answered inside handle (500 with a logged id): nothing is left to wait for.
  const server = createServer((req, res) => void handle(req, res));

  // A call still waiting on the core at close() is not waited for long: the core is closed next.
  const closer = gracefulClose(server, CLOSE_GRACE_MS);
  // A port already taken rejects (EADDRINUSE), so the caller can choose another.
  port = (await listen(server, options.port ?? 0, '127.0.0.1')).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () => closer.close(),
  };
}
