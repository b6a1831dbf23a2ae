// Large request bodies (import uploads) are parsed and their base64 files decoded in a worker
// thread: on the event loop, a 60 MB body held every other request for seconds.
import { Worker } from 'node:worker_threads';
import { decodeTransportInput } from '../../shared/api/transport-encoding';

/** Bodies at most this large are parsed in place: cheaper than a trip to the worker. */
const IN_PLACE_BYTES = 256 * 1024;

// Plain CommonJS, so that it runs the same from tsx, vitest and the bundle.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const decode = (v) => {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof v.$bytes === 'string') {
      const b = Buffer.from(v.$bytes, 'base64');
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    }
    const out = {};
    for (const k of keys) out[k] = decode(v[k]);
    return out;
  }
  return v;
};
parentPort.on('message', (body) => {
  try {
    const text = Buffer.from(body).toString('utf8');
    parentPort.postMessage({ ok: true, value: decode(JSON.parse(text || '{}')) });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
`;

type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

/** A call's body: JSON in the transport encoding (bytes as base64); an empty body is {}. */
export async function decodeBody(body: Buffer): Promise<unknown> {
  if (body.length <= IN_PLACE_BYTES) return decodeTransportInput(JSON.parse(body.toString('utf8') || '{}'));
  // One short-lived worker per large body: uploads are rare, and a worker that dies with its
  // body leaves nothing behind.
  const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  try {
    const decoded = await new Promise<Decoded>((resolve, reject) => {
      worker.once('message', (m: Decoded) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`解码进程意外退出（${code}）`)));
      const copy = new Uint8Array(body);
      worker.postMessage(copy, [copy.buffer]);
    });
    if (!decoded.ok) throw new Error(decoded.message);
    return decoded.value;
  } finally {
    await worker.terminate();
  }
}
