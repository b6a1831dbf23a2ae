// A request body read with a cap, as it arrives (streamed, so other requests are served meanwhile):
// the web mode and the provincial server both refuse a body past their bound with 413 before it
// is all in memory. A declared Content-Length past the bound is refused without reading at all.
import type { IncomingMessage } from 'node:http';

/** A request body beyond its bound: the caller answers 413 (its message, if any, is the answer's). */
export class BodyTooLarge extends Error {}

function declaredLength(req: IncomingMessage): number {
  return Number(req.headers['content-length'] ?? NaN);
}

/**
 * The body, up to `limit` bytes. Past that, reading stops and the promise rejects at once: the
 * rest is never read, so the answer must close the connection (Connection: close).
 */
export function readBodyOrStop(req: IncomingMessage, limit: number, message?: string): Promise<Buffer> {
  if (declaredLength(req) > limit) return Promise.reject(new BodyTooLarge(message));
  // Listeners, not for-await: leaving a for-await early destroys the socket, and the 413 with it.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      reject(new BodyTooLarge(message));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * The body, up to `limit` bytes. Past that it is still read to its end (and dropped), so that the
 * client, which may be sending it still, gets to read the 413; past `drainLimit` bytes the
 * connection is dropped instead.
 */
export function readBodyOrDrain(req: IncomingMessage, limit: number, drainLimit: number): Promise<Buffer> {
  if (declaredLength(req) > drainLimit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new BodyTooLarge());
    });
  });
}
