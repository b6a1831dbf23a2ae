// Calls a read operation for the current input: cached, and a stale answer (the filter moved on)
// never overwrites a newer one. The previous result stays shown while the next one loads.
import { useEffect, useRef, useState } from 'react';
import type { OperationInput, OperationName, OperationResults, WritingOperation } from '../../shared/api/operations';
import { useApiContext } from './api-context';
import { operationKey } from './invalidation';

/** The operations whose answers may be cached: those that write nothing (OPERATION_DATA). */
export type ReadOperation = Exclude<OperationName, WritingOperation>;

export { operationKey };

export interface OperationState<T, I = unknown> {
  data: T | undefined;
  /** The key `data` belongs to; equals `key` once the current input's answer is in. */
  dataKey: string | null;
  key: string | null;
  loading: boolean;
  error: Error | null;
  /** True when `data` answers the current input. */
  current: boolean;
  /** The input `data` answers (the previous input while a newer answer loads). */
  dataInput: I | undefined;
}

interface Held<T, I> {
  data: T | undefined;
  input: I | undefined;
  dataKey: string | null;
  error: Error | null;
  errorKey: string | null;
}

export function useOperation<K extends ReadOperation>(
  op: K,
  input: OperationInput<K> | null,
): OperationState<OperationResults[K], OperationInput<K>> {
  const { api, cache, versions } = useApiContext();
  const key = input === null ? null : operationKey(op, input, versions);
  const [held, setHeld] = useState<Held<OperationResults[K], OperationInput<K>>>({
    data: undefined,
    input: undefined,
    dataKey: null,
    error: null,
    errorKey: null,
  });

  useEffect(() => {
    if (key === null || input === null) return;
    let stale = false;
    cache
      .get(key, () => api.call(op, input))
      .then(
        (data) => {
          if (!stale) setHeld({ data, input, dataKey: key, error: null, errorKey: null });
        },
        (e: unknown) => {
          if (!stale) setHeld((h) => ({ ...h, error: e instanceof Error ? e : new Error(String(e)), errorKey: key }));
        },
      );
    return () => {
      stale = true;
    };
    // `input` is represented by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, api, cache, op]);

  // An answer already in the cache is drawn in this render: no pass that still shows the previous
  // answer, no wait for the effect (going back to a filter, 同比 fetched ahead, 无对比 after 同比).
  if (key !== null && input !== null && held.dataKey !== key) {
    const hit = cache.peek(key);
    if (hit)
      return { data: hit.value as OperationResults[K], dataInput: input, dataKey: key, key, loading: false, error: null, current: true };
  }
  const current = key !== null && held.dataKey === key;
  const error = held.errorKey === key ? held.error : null;
  return {
    data: held.data,
    dataInput: held.input,
    dataKey: held.dataKey,
    key,
    loading: key !== null && !current && error === null,
    error,
    current,
  };
}

/**
 * Asks for answers the user is likely to want next once the browser is idle, into the cache: the
 * panel that then asks for one draws without waiting for the core. `inputs` null: none now.
 * `onFetched`, when given, gets the answers (in the order of `inputs`) and their keys in a later
 * idle moment, unless the inputs have changed meanwhile — to draw them ahead where nobody sees it.
 */
export function usePrefetch<K extends ReadOperation>(
  op: K,
  inputs: OperationInput<K>[] | null,
  onFetched?: (answers: OperationResults[K][], keys: string[]) => void,
): void {
  const { api, cache, versions } = useApiContext();
  const keyList = inputs === null ? null : inputs.map((input) => operationKey(op, input, versions));
  const keys = keyList === null ? null : keyList.join('\n');
  const latest = useRef(onFetched);
  // eslint-disable-next-line react-hooks/refs -- the newest callback for answers still on their way
  latest.current = onFetched;
  useEffect(() => {
    if (inputs === null || keyList === null) return;
    let cancelled = false;
    let later: number | undefined;
    const handle = requestIdleCallback(() => {
      const answers = inputs.map((input, i) => cache.get(keyList[i]!, () => api.call(op, input)));
      Promise.all(answers).then(
        (values) => {
          if (cancelled || !latest.current) return;
          later = requestIdleCallback(() => {
            if (!cancelled) latest.current?.(values, keyList);
          });
        },
        // Errors are not cached: the panel that needs the answer asks again and shows them.
        () => undefined,
      );
    });
    return () => {
      cancelled = true;
      cancelIdleCallback(handle);
      if (later !== undefined) cancelIdleCallback(later);
    };
    // `inputs` and `keyList` are represented by `keys`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys, api, cache, op]);
}
