// Web mode: the renderer and the API over HTTP on 127.0.0.1 only. A random token guards every
// request (query string once, then an HttpOnly cookie, or the X-Campaign-Token header); a Host
// header other than loopback is refused, so other sites cannot reach it through DNS rebinding.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { isOperationName, type OperationInput } from '../../shared/api/operations';
import type { CoreClient } from '../core/core-client';
import { CONTENT_SECURITY_POLICY } from './csp';
import { BATCH_PATH, decodeTransportInput, encodeTransportInput } from '../../shared/api/transport-encoding';

export const TOKEN_HEADER = 'x-campaign-token';
const COOKIE = 'campaign_token';
const MAX_BODY = 200 * 1024 * 1024;


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

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('请求过大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A call's body: JSON in the transport encoding (bytes as base64); an empty body is {}. */
async function readInput(req: IncomingMessage): Promise<unknown> {
  return decodeTransportInput(JSON.parse((await readBody(req)).toString('utf8') || '{}'));
}

function badRequest(res: ServerResponse, e: unknown) {
  send(res, 400, JSON.stringify({ ok: false, error: { message: `请求格式错误：${(e as Error).message}`, user: true } }));
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const loopbackHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const serveFile = async (res: ServerResponse, root: string, relative: string) => {
    const path = normalize(join(root, relative));
    if (!path.startsWith(normalize(root) + sep)) return send(res, 404, '{"error":"未找到"}');
    try {
      const body = await readFile(path);
      const immutable: Record<string, string> = relative.startsWith('assets/') ? { 'Cache-Control': 'private, max-age=31536000, immutable' } : {};
      send(res, 200, body, MIME[extname(path)] ?? 'application/octet-stream', immutable);
    } catch {
      send(res, 404, '{"error":"未找到"}');
    }
  };

  const server = createServer(async (req, res) => {
    try {
      if (!loopbackHosts().has(req.headers.host ?? '')) return send(res, 403, '{"error":"只接受本机地址的访问"}');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const given = req.headers[TOKEN_HEADER] as string | undefined ?? url.searchParams.get('token') ?? cookieToken(req);
      if (!sameToken(given, token)) return send(res, 401, '{"error":"未授权：请使用启动时显示的带令牌的地址"}');
      // Requests that change data must come from this origin (the cookie alone is not enough).
      const origin = req.headers.origin;
      if (req.method !== 'GET' && origin !== undefined && !loopbackHosts().has(origin.replace(/^http:\/\//, ''))) {
        return send(res, 403, '{"error":"拒绝跨站请求"}');
      }

      if (url.pathname === BATCH_PATH && req.method === 'POST') {
        let calls: { op: string; input: unknown }[];
        try {
          calls = ((await readInput(req)) as { calls?: unknown }).calls as typeof calls;
          if (!Array.isArray(calls) || calls.some((c) => c?.op !== 'query')) throw new Error('只能成批调用 query');
        } catch (e) {
          return badRequest(res, e);
        }
        // The core runs them one after another, in order; the answers go back together.
        const outcomes = await Promise.all(calls.map((c) => options.core.call('query', c.input as OperationInput<'query'>)));
        return send(res, 200, JSON.stringify(encodeTransportInput({ outcomes })));
      }
      if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
        const op = url.pathname.slice('/api/call/'.length);
        if (!isOperationName(op)) return send(res, 404, JSON.stringify({ ok: false, error: { message: `未知操作 ${op}`, user: true } }));
        let input: unknown;
        try {
          input = await readInput(req);
        } catch (e) {
          return badRequest(res, e);
        }
        const outcome = await options.core.call(op, input as never);
        return send(res, outcome.ok ? 200 : outcome.error.user ? 400 : 500, JSON.stringify(encodeTransportInput(outcome)));
      }
      if (req.method !== 'GET') return send(res, 405, '{"error":"不支持的方法"}');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      // The address with the token is opened once; the cookie carries it from then on.
      if (url.searchParams.get('token') === token) res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      return serveFile(res, options.rendererDir, relative);
    } catch (e) {
      send(res, 500, JSON.stringify({ ok: false, error: { message: String(e), user: false } }));
    }
  });

  // A port already taken rejects (EADDRINUSE), so the caller can choose another.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
