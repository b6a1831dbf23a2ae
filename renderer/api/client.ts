// The renderer's one way to the data: Electron's preload bridge when present, else the web mode's
// HTTP API. Both carry the same operations (shared/api/operations.ts).
import type { OperationInput, OperationName, OperationResults, WorkstationApi } from '../../shared/api/operations';
import { decodeTransportInput, encodeTransportInput } from '../../shared/api/transport-encoding';

interface CallOutcome<T> {
  ok: boolean;
  result?: T;
  error?: { message: string; user: boolean };
}

/** What electron/main/preload.ts exposes as window.api. */
export interface ElectronBridge {
  call(op: string, input: unknown): Promise<CallOutcome<unknown>>;
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
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function unwrap<T>(outcome: CallOutcome<T>): T {
  if (outcome.ok) return outcome.result as T;
  throw new ApiError(outcome.error?.message ?? '未知错误', outcome.error?.user ?? false);
}

export function createApi(): WorkstationApi {
  const bridge = window.api;
  if (bridge) {
    return { call: async (op, input) => unwrap(await bridge.call(op, input)) as never };
  }
  return {
    async call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationResults[K]> {
      const response = await fetch(`./api/call/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(encodeTransportInput(input)),
      });
      if (response.status === 401) throw new ApiError('未授权：请使用启动时显示的带令牌的地址重新打开', true);
      return unwrap(decodeTransportInput(await response.json()) as CallOutcome<OperationResults[K]>);
    },
  };
}
