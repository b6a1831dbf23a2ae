// The renderer's one way to the data: Electron's preload bridge when present, else the web mode's
// HTTP API. Both carry the same operations (shared/api/operations.ts).
import type { OperationInput, OperationName, OperationResults, WorkstationApi } from '../../shared/api/operations';
import { BATCH_PATH, decodeTransportInput, encodeTransportInput } from '../../shared/api/transport-encoding';
import type { CredentialsState } from '../../shared/api/server-credentials';
import { CallOutcomeSchema, type CallOutcome, type CoreRestart } from '../../shared/api/call-outcome';
import type { DatabaseDialogMode } from '../../shared/api/database-dialog';

/** Sent on window when a call failed because the core worker died (renderer/data/data-status.tsx). */
export const CORE_RESTART_EVENT = 'campaign:core-restart';
export interface CoreRestartDetail {
  kind: CoreRestart;
  message: string;
  /** The restarts counted after this one, as dataStatus answers them; absent from an older core. */
  coreRestarts?: number;
}

/** What electron/main/preload.ts exposes as window.api. */
export interface ElectronBridge {
  call(op: string, input: unknown): Promise<CallOutcome<unknown>>;
  /** Electron's own open/save dialog for a database file; null when cancelled. */
  chooseDatabase?(mode: DatabaseDialogMode): Promise<string | null>;
  /** 记住密码 in the OS key store (electron/main/server-credentials.ts); absent in the web mode. */
  serverCredentials?: {
    state(): Promise<CredentialsState>;
    save(login: OperationInput<'serverLogin'>): Promise<CallOutcome<CredentialsState>>;
    forget(): Promise<CredentialsState>;
    /** Logs in with the saved login in the main process; null when none is saved. */
    login(): Promise<CallOutcome<OperationResults['serverLogin']> | null>;
  };
}

declare global {
  interface Window {
    api?: ElectronBridge;
  }
}

/** An operation's own error; `user` errors are meant to be shown as they are. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly user: boolean,
    readonly coreRestart?: CoreRestart,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What arrived, checked: an answer of another shape (the web server's 404, a proxy's page) is an unknown error. */
function outcomeOf(answer: unknown): CallOutcome {
  const parsed = CallOutcomeSchema.safeParse(answer);
  return parsed.success ? parsed.data : { ok: false, error: { message: '未知错误', user: false } };
}

export function unwrap<T>(answer: CallOutcome<T>): T {
  const outcome = outcomeOf(answer);
  if (outcome.ok) return outcome.result as T;
  const { message, user, coreRestart, coreRestarts } = outcome.error;
  const error = new ApiError(message, user, coreRestart);
  if (coreRestart) {
    const detail: CoreRestartDetail = { kind: coreRestart, message, ...(coreRestarts === undefined ? {} : { coreRestarts }) };
    window.dispatchEvent(new CustomEvent<CoreRestartDetail>(CORE_RESTART_EVENT, { detail }));
  }
  throw error;
}

export function createApi(): WorkstationApi {
  const bridge = window.api;
  if (bridge) {
    return { call: async (op, input) => unwrap(await bridge.call(op, input)) as never };
  }
  return createHttpApi();
}

interface QueuedQuery {
  input: unknown;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

const TOKEN_KEY = 'campaign-token';

/**
 * The web mode's token: from the printed address (?token=…, which bookmarks keep), else from this
 * tab's sessionStorage. It travels only in a header this page adds, never in a cookie, which the
 * browser would send to every other service on 127.0.0.1 as well.
 */
function webToken(): string {
  const fromAddress = new URLSearchParams(window.location.search).get('token');
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    return fromAddress;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Campaign-Token': webToken() },
    credentials: 'omit',
    body: JSON.stringify(encodeTransportInput(body)),
  });
  if (response.status === 401) throw new ApiError('未授权：请使用启动时显示的带令牌的地址重新打开', true);
  const text = await response.text();
  // A refused body or batch (413) answers with its own message, as a failed call does.
  if (response.status === 413) {
    const refused = CallOutcomeSchema.safeParse(JSON.parse(text));
    throw new ApiError(refused.success && !refused.data.ok ? refused.data.error.message : '请求过大', true);
  }
  const value = JSON.parse(text) as unknown;
  // Only answers that carry bytes (reports) need decoding: walking a large plain answer again
  // would cost the main thread as much as parsing it.
  return text.includes('"$bytes"') ? decodeTransportInput(value) : value;
}

/**
 * Web mode over HTTP. Queries asked for in the same task (the panels of a view, after a filter
 * change) go in one request: their answers arrive together and are drawn in one pass, not one
 * redraw per answer with the next answer waiting behind it.
 */
function createHttpApi(): WorkstationApi {
  let queued: QueuedQuery[] = [];

  const flush = () => {
    const batch = queued;
    queued = [];
    if (batch.length === 1) {
      const [only] = batch as [QueuedQuery];
      post('./api/call/query', only.input).then((outcome) => settle(only, outcome as CallOutcome<unknown>), only.reject);
      return;
    }
    post(`.${BATCH_PATH}`, { calls: batch.map((q) => ({ op: 'query', input: q.input })) }).then(
      (answer) => {
        const { outcomes } = answer as { outcomes: CallOutcome<unknown>[] };
        batch.forEach((q, i) => settle(q, outcomes[i] ?? { ok: false, error: { message: '批量查询缺少结果', user: false } }));
      },
      (e: unknown) => batch.forEach((q) => q.reject(e)),
    );
  };

  const settle = (q: QueuedQuery, outcome: CallOutcome<unknown>) => {
    try {
      q.resolve(unwrap(outcome));
    } catch (e) {
      q.reject(e);
    }
  };

  return {
    async call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationResults[K]> {
      if (op !== 'query') return unwrap((await post(`./api/call/${op}`, input)) as CallOutcome<OperationResults[K]>);
      return new Promise<OperationResults[K]>((resolve, reject) => {
        queued.push({ input, resolve, reject });
        if (queued.length === 1) queueMicrotask(flush);
      });
    },
  };
}
