// JSON cannot carry bytes: over HTTP, Uint8Array values (imported files, written reports) travel
// as {"$bytes": "<base64>"} in both directions.
export function encodeTransportInput(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let binary = '';
    for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
    return { $bytes: btoa(binary) };
  }
  if (Array.isArray(value)) return value.map(encodeTransportInput);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeTransportInput(v)]));
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
