// Files on their way to an import cross threads moved, not copied: a copy of a large file costs
// the sending thread and the receiving one (the core, and every query waiting on it) a pause.

/** The whole buffers under the files' bytes, once each (a slice of a shared pool is copied instead). */
export function movableBuffers(files: readonly { bytes: Uint8Array }[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { bytes } of files) {
    if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
      buffers.add(bytes.buffer);
  }
  return [...buffers];
}
