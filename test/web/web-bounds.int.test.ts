// Web mode holes of issue 12 §6, reproduced against a real server, core worker and demo database:
// a batch of huge listings (it took 5.5 GB and killed the process), a large body (it stalled every
// other request), and the token cookie (the browser sent it to every service on 127.0.0.1).
import { parseOperationInput } from '../../shared/api/parse-input';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreClient } from '../../electron/core/core-client';
import type { WebServer } from '../../electron/web/web-server';
import { startWebOnDemoCopy, type DemoWebServer } from '../support/web-on-demo';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { GroupKey } from '../../shared/api/slice';
import { BATCH_MAX_CALLS, BATCH_MAX_ROWS, SLICE_MAX_ROWS } from '../../shared/api/limits';

let core: CoreClient;
let server: WebServer;
let catalogue: Catalogue;
let web: DemoWebServer | undefined;
const BATCH_TEST_ROWS = 2_000;

const api = (path: string, body: unknown, headers: Record<string, string> = { 'x-campaign-token': server.token }) =>
  fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** How long the server takes to serve the page: the event loop's delay, apart from the core's queue. */
async function pageServed(): Promise<number> {
  const started = performance.now();
  const r = await fetch(`${server.origin}/index.html`);
  expect(r.status).toBe(200);
  await r.text();
  return performance.now() - started;
}

async function infoAnswered(): Promise<void> {
  expect((await api('/api/call/info', {})).status).toBe(200);
}

beforeAll(async () => {
  // A small batch bound, so that passing it takes a few small listings, not millions of rows.
  web = await startWebOnDemoCopy('campaign-web-bounds-', { batchMaxRows: BATCH_TEST_ROWS });
  ({ core, server } = web);
  const answer = (await (await api('/api/call/catalogue', {})).json()) as { ok: true; result: Catalogue };
  catalogue = answer.result;
});

afterAll(async () => {
  await web?.close();
});

describe('the token travels only in a header', () => {
  it('sets no cookie, even on the printed address', async () => {
    for (const path of ['/', `/?token=${server.token}`, '/index.html']) {
      const r = await fetch(`${server.origin}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const r = await api('/api/call/info', {});
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an API call that carries the token only as a cookie or in the address', async () => {
    const byCookie = await api('/api/call/info', {}, { cookie: `campaign_token=${server.token}` });
    expect(byCookie.status).toBe(401);
    expect(JSON.stringify(await byCookie.json())).toContain('未授权');
    expect((await api(`/api/call/info?token=${server.token}`, {}, {})).status).toBe(401);
    expect((await api('/api/batch', { calls: [] }, { cookie: `campaign_token=${server.token}` })).status).toBe(401);
    expect((await api('/api/call/info', {}, { 'x-campaign-token': `${server.token.slice(1)}x` })).status).toBe(401);
  });
});

describe('answers too large to carry', () => {
  const province = () => {
    const c = catalogue.campaigns[0]!;
    return { from: c.from, to: c.to };
  };
  const listingBy: GroupKey[] = ['region:county', 'day', 'indicator'];
  const listing = (indicators: string[] = []) => ({ ...province(), indicators, by: listingBy });

  it('refuses one county × day × indicator listing of everything before running it, on every transport', async () => {
    const r = await api('/api/call/query', listing());
    expect(r.status).toBe(400);
    const body = (await r.json()) as { ok: false; error: { message: string; user: boolean } };
    expect(body.error.user).toBe(true);
    expect(body.error.message).toMatch(/请缩小筛选范围/);
    // The core itself refuses: the Electron IPC and the CLI reach the same check.
    const direct = await core.call('query', parseOperationInput('query', listing()));
    expect(direct).toMatchObject({ ok: false, error: { user: true, message: expect.stringMatching(/超过单次上限/) } });
  });

  it('survives the attack: a batch of ten huge listings is refused call by call, and the server answers on', async () => {
    const started = performance.now();
    const r = await api('/api/batch', { calls: Array.from({ length: 10 }, () => ({ op: 'query', input: listing() })) });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text.length).toBeLessThan(10_000);
    const { outcomes } = JSON.parse(text) as { outcomes: { ok: boolean; error?: { message: string } }[] };
    expect(outcomes).toHaveLength(10);
    for (const o of outcomes) expect(o).toMatchObject({ ok: false, error: { message: expect.stringMatching(/请缩小筛选范围/) } });
    expect(performance.now() - started).toBeLessThan(5_000);
    await infoAnswered();
  });

  it(`refuses a batch of more than ${BATCH_MAX_CALLS} calls with 413`, async () => {
    const small = { ...province(), by: [] };
    const r = await api('/api/batch', { calls: Array.from({ length: BATCH_MAX_CALLS + 1 }, () => ({ op: 'query', input: small })) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain(`${BATCH_MAX_CALLS}`);
    const ok = await api('/api/batch', { calls: Array.from({ length: BATCH_MAX_CALLS }, () => ({ op: 'query', input: small })) });
    expect(ok.status).toBe(200);
  });

  it('refuses a batch whose answers, each within the bound, together pass it', async () => {
    expect(BATCH_MAX_ROWS).toBe(SLICE_MAX_ROWS);
    // One city's county × day listing of one indicator: some hundreds of rows.
    const city = catalogue.regions.find((r) => r.level === 'city' && r.code !== '140100')!;
    const indicator = catalogue.indicators.at(-1)!;
    const one = { ...listing([`${indicator.department}/${indicator.name}`]), regions: [city.code] };
    const alone = (await (await api('/api/call/query', one)).json()) as { ok: boolean; result: { rows: unknown[] } };
    expect(alone.ok).toBe(true);
    const rows = alone.result.rows.length;
    expect(rows).toBeGreaterThan(BATCH_TEST_ROWS / BATCH_MAX_CALLS);
    expect(rows).toBeLessThan(BATCH_TEST_ROWS);
    const n = Math.floor(BATCH_TEST_ROWS / rows) + 1;
    expect(n).toBeLessThanOrEqual(BATCH_MAX_CALLS);
    const r = await api('/api/batch', { calls: Array.from({ length: n }, () => ({ op: 'query', input: one })) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/合计超过.*请缩小筛选范围/);
    const fits = await api('/api/batch', { calls: Array.from({ length: n - 1 }, () => ({ op: 'query', input: one })) });
    expect(fits.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses a body over the bound with 413 and a Chinese message, and answers on', async () => {
    const big = { pad: 'x'.repeat(2 * 1024 * 1024) };
    const r = await api('/api/call/info', big);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/请求过大/);
    // An import upload may be larger, up to its own bound, declared or not.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.origin}/api/call/import`, {
        method: 'POST',
        headers: { 'x-campaign-token': server.token, 'content-type': 'application/json', 'content-length': String(65 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (body += c))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"files":[');
    });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/上传的文件过大/);
    expect(await pageServed()).toBeLessThan(2_000);
    await infoAnswered();
  });

  it('answers a small call while a large upload is still arriving, and decodes the upload off the event loop', async () => {
    // A CSV of 30 MB, base64 in JSON: about 40 MB of body, sent in pieces.
    const csv = Buffer.alloc(30 * 1024 * 1024, 'a');
    const body = Buffer.from(JSON.stringify({ files: [{ name: 'big.txt', bytes: { $bytes: csv.toString('base64') } }] }));
    // Not timed (a busy CI machine makes any bound flaky): what this thread parses is recorded. The
    // server runs on it, so a body decoded on the event loop would show here as a 40 MB parse.
    const parsedHere: number[] = [];
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      parsedHere.push(text.length);
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      let secondHalfSent = false;
      const answer = new Promise<number>((resolve, reject) => {
        const req = request(`${server.origin}/api/call/import`, {
          method: 'POST',
          headers: { 'x-campaign-token': server.token, 'content-type': 'application/json', 'content-length': String(body.length) },
        });
        req.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)));
        req.on('error', reject);
        const half = body.length >> 1;
        req.write(body.subarray(0, half));
        setTimeout(() => {
          secondHalfSent = true;
          req.end(body.subarray(half));
        }, 3_000);
      });
      await new Promise((r) => setTimeout(r, 300));
      // Answered while the upload is still arriving: before its second half is even sent.
      await pageServed();
      await infoAnswered();
      expect(secondHalfSent).toBe(false);
      // While the second half arrives and is decoded, requests are still answered.
      for (let i = 0; i < 8; i++) {
        expect(await pageServed()).toBeLessThan(10_000);
        await new Promise((r) => setTimeout(r, 150));
      }
      // The upload reaches the core (a .txt file is an 导入 error, not a transport one) ...
      expect(await answer).toBe(200);
      // ... decoded elsewhere: nothing near its size was parsed on the server's thread.
      expect(Math.max(0, ...parsedHere)).toBeLessThan(1024 * 1024);
    } finally {
      JSON.parse = parse;
    }
  }, 60_000);
});
