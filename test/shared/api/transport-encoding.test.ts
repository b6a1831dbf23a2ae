import { describe, expect, it } from 'vitest';
import { decodeTransportInput, encodeTransportInput } from '../../../shared/api/transport-encoding';

describe('transport encoding', () => {
  it('carries bytes as {$bytes} and back, wherever they are', () => {
    const value = { ok: true, result: { name: '简报.pdf', bytes: new Uint8Array([0, 1, 2, 250, 255]) }, list: [1, new Uint8Array([7])] };
    const sent = JSON.parse(JSON.stringify(encodeTransportInput(value))) as unknown;
    expect(sent).toEqual({ ok: true, result: { name: '简报.pdf', bytes: { $bytes: 'AAEC+v8=' } }, list: [1, { $bytes: 'Bw==' }] });
    expect(decodeTransportInput(sent)).toEqual(value);
  });

  it('leaves a value without bytes as it is (no copy of a large answer)', () => {
    const answer = { ok: true, result: { rows: [{ region_name: '太原市', value: 1, base: null }], total: { value: 1, unit: '人次' } } };
    expect(encodeTransportInput(answer)).toBe(answer);
    const withBytes = { a: { b: 1 }, c: new Uint8Array([1]) };
    const encoded = encodeTransportInput(withBytes) as Record<string, unknown>;
    expect(encoded).not.toBe(withBytes);
    expect(encoded.a).toBe(withBytes.a);
    expect(withBytes.c).toBeInstanceOf(Uint8Array);
  });
});
