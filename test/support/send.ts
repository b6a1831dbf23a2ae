// A call to the core worker as a transport makes it: the input validated where it enters
// (shared/api/parse-input.ts), then sent parsed, as the web server and Electron IPC do.
import type { CoreClient } from '../../electron/core/core-client';
import { parseOperationInput } from '../../shared/api/parse-input';
import type { OperationInput, OperationName } from '../../shared/api/operations';
import type { ImportProgress } from '../../shared/api/import';

export function send<K extends OperationName>(core: CoreClient, op: K, input: OperationInput<K>, onProgress?: (p: ImportProgress) => void) {
  return core.call(op, parseOperationInput(op, input), onProgress);
}
