// The workstation's and the CLI's side of the provincial server's HTTP JSON API: one client that
// logs in, keeps the bearer token in memory only, and turns every refusal into a UserError carrying
// the server's own words (and its HTTP status). The server is as untrusted as any file: answers are
// bounded in size and time, and must be JSON objects.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UserError } from '../../shared/errors';
import type { HealthJson } from '../../shared/api/central';
import type { AccountJson, LoginJson } from '../../shared/api/server-accounts';

/** Largest answer read from the server (a page of batch facts is far smaller). */
export const RESPONSE_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** A refusal or failure the server answered, with its status and message (in Chinese). */
export class CentralApiError extends UserError {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CentralApiError';
  }
}

/** The server could not be reached (refused, reset, timed out, TLS): a user's error, no stack. */
export class CentralUnreachable extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'CentralUnreachable';
  }
}

export interface CentralClientOptions {
  /** PEM of a private CA (a province's own certificate authority) to trust besides the system's. */
  ca?: Buffer;
  timeoutMs?: number;
}

type Query = Record<string, string | number | boolean | undefined>;

interface Body {
  bytes: Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

export class CentralClient {
  readonly url: string;
  private token: string | null = null;
  user: AccountJson | null = null;
  expiresAt: Date | null = null;

  constructor(
    url: string,
    private readonly options: CentralClientOptions = {},
  ) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UserError(`服务器地址“${url}”无效：应形如 https://服务器:8443`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UserError(`服务器地址“${url}”须以 http:// 或 https:// 开头`);
    this.url = parsed.origin;
  }

  get loggedIn(): boolean {
    return this.token !== null && (this.expiresAt === null || this.expiresAt.getTime() > Date.now());
  }

  async health(): Promise<HealthJson> {
    return this.send<HealthJson>('GET', '/api/health', {}, null, false);
  }

  async login(name: string, password: string): Promise<LoginJson> {
    const answer = await this.send<LoginJson>('POST', '/api/login', {}, jsonBody({ name, password }), false);
    this.token = answer.token;
    this.user = answer.user;
    this.expiresAt = new Date(answer.expires_at);
    return answer;
  }

  async logout(): Promise<void> {
    if (!this.token) return;
    try {
      await this.send('POST', '/api/logout', {}, jsonBody({}));
    } finally {
      this.token = null;
      this.user = null;
      this.expiresAt = null;
    }
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.send<T>('GET', path, query, null);
  }

  postJson<T>(path: string, body: unknown, query: Query = {}): Promise<T> {
    return this.send<T>('POST', path, query, jsonBody(body));
  }

  /** Uploads a file as the raw body; its name travels percent-encoded in X-File-Name. */
  postFile<T>(path: string, fileName: string, bytes: Uint8Array, query: Query = {}): Promise<T> {
    const body: Body = {
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      contentType: 'application/octet-stream',
      headers: { 'X-File-Name': encodeURIComponent(fileName) },
    };
    return this.send<T>('POST', path, query, body);
  }

  private send<T>(method: 'GET' | 'POST', path: string, query: Query, body: Body | null, authenticated = true): Promise<T> {
    if (authenticated && !this.token) throw new UserError('尚未登录省厅服务器');
    const target = new URL(path, this.url);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) target.searchParams.set(k, String(v));
    const headers: Record<string, string | number> = { Accept: 'application/json', ...(body?.headers ?? {}) };
    if (authenticated && this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body) {
      headers['Content-Type'] = body.contentType;
      headers['Content-Length'] = body.bytes.length;
    }
    const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      const req = requestFn(target, { method, headers, ...(this.options.ca ? { ca: this.options.ca } : {}) }, (res) => {
        readAnswer(res).then(
          (answer) => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(answer as T);
            else {
              const message = typeof answer.error === 'string' ? answer.error : `服务器拒绝了请求（HTTP ${status}）`;
              // A token the server no longer knows: log in again.
              if (status === 401 && authenticated) this.token = null;
              reject(new CentralApiError(status, message, answer));
            }
          },
          (e: unknown) => reject(e instanceof UserError ? e : new CentralUnreachable(`读取服务器 ${this.url} 的回答时连接中断，请重试`)),
        );
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(new CentralUnreachable(`服务器 ${this.url} 在 ${Math.round(timeoutMs / 1000)} 秒内没有回答，请检查网络后重试`)),
      );
      req.on('error', (e: Error & { code?: string }) => reject(e instanceof UserError ? e : unreachable(this.url, e)));
      if (body) req.end(body.bytes);
      else req.end();
    });
  }
}

function jsonBody(value: unknown): Body {
  return { bytes: Buffer.from(JSON.stringify(value), 'utf8'), contentType: 'application/json; charset=utf-8' };
}

function unreachable(url: string, e: Error & { code?: string }): CentralUnreachable {
  const why: Record<string, string> = {
    ECONNREFUSED: '服务器没有在运行，或端口不对',
    ENOTFOUND: '找不到这个服务器名',
    ECONNRESET: '连接被中断',
    ETIMEDOUT: '连接超时',
    EHOSTUNREACH: '网络不通',
    DEPTH_ZERO_SELF_SIGNED_CERT: '服务器证书是自签名的，请用 --ca 或 CAMPAIGN_SERVER_CA 指定签发它的证书',
    SELF_SIGNED_CERT_IN_CHAIN: '服务器证书不受信任，请用 --ca 或 CAMPAIGN_SERVER_CA 指定签发它的证书',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: '服务器证书不受信任，请用 --ca 或 CAMPAIGN_SERVER_CA 指定签发它的证书',
    ERR_TLS_CERT_ALTNAME_INVALID: '服务器证书上的名称与地址不符',
    CERT_HAS_EXPIRED: '服务器证书已过期',
  };
  const reason = (e.code && why[e.code]) ?? e.message;
  return new CentralUnreachable(`无法连接省厅服务器 ${url}：${reason}`);
}

async function readAnswer(res: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > RESPONSE_MAX_BYTES) {
      res.destroy();
      throw new UserError(`服务器的回答超过 ${RESPONSE_MAX_BYTES / 1024 / 1024} MB，已中止`);
    }
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new UserError(`服务器的回答不是有效的 JSON（HTTP ${res.statusCode ?? '?'}）：地址是否指向了省厅服务器？`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UserError('服务器的回答格式不对：地址是否指向了省厅服务器？');
  return parsed as Record<string, unknown>;
}
