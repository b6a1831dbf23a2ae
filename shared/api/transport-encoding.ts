// JSON cannot carry bytes: over HTTP, Uint8Array values (imported files, written reports) travel
// as {"$bytes": "<base64>"} in both directions.
export function encodeTransportInput(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let binary = '';
    for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
    return { $bytes: btoa(binary) };
  }
  // Copied only where bytes were replaced: most values (every query's answer) have none, and
  // copying a large answer before JSON.stringify doubled the server's work for it.
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const encoded = encodeTransportInput(value[i]);
      if (encoded !== value[i]) (copy ??= value.slice())[i] = encoded;
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const k of Object.keys(object)) {
      const encoded = encodeTransportInput(object[k]);
      if (encoded !== object[k]) (copy ??= { ...object })[k] = encoded;
    }
    return copy ?? value;
  }
  return value;
}

export function decodeTransportInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTransportInput);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$bytes' && typeof entries[0]![1] === 'string') {
      const binary = atob(entries[0]![1]);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeTransportInput(v)]));
  }
  return value;
}

/**
 * Web mode: queries the renderer asks for together (one view's panels after a filter change)
 * travel in one request to this path, {"calls": [{"op": "query", "input": …}]}, and come back
 * together as {"outcomes": [...]}: one answer to draw instead of several, each a redraw.
 */
export const BATCH_PATH = '/api/batch';
