// What the Electron main process does with a call from the page, apart from Electron itself (so a
// test can drive it): only our own page may call, only known operations, only arguments the
// shared schemas accept; what the schemas returned (not the raw input) goes to the core worker.
import { isPageOperation, type OperationName } from '../../shared/api/operations';
import { tryParseOperationInput, type OperationParsed } from '../../shared/api/parse-input';
import type { CallOutcome } from '../../shared/api/call-outcome';
import { fromOwnPage, type SenderFrame } from './ipc-guard';

export interface Core {
  call<K extends OperationName>(op: K, input: OperationParsed<K>): Promise<CallOutcome<unknown>>;
}

/** The parts of Electron's IpcMainInvokeEvent looked at. */
export interface CallerFrame {
  senderFrame?: SenderFrame | null;
}

/** `appUrl`: the URL the window loaded; only its top frame may call (not any file:// page or iframe). */
export function makeApiCallHandler(core: () => Core, appUrl: () => string) {
  return async (event: CallerFrame, op: unknown, input: unknown): Promise<CallOutcome<unknown>> => {
    if (!fromOwnPage(event.senderFrame, appUrl())) return refuse('拒绝来自外部页面的调用');
    if (typeof op !== 'string' || !isPageOperation(op)) return refuse(`未知操作 ${String(op)}`);
    const parsed = tryParseOperationInput(op, input);
    return parsed.ok ? core().call(op, parsed.input) : parsed;
  };
}

function refuse(message: string): CallOutcome<unknown> {
  return { ok: false, error: { message, user: true } };
}
