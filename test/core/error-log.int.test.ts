// Bugs are logged with an id in the per-user folder and only the id reaches the page or terminal:
// the log rotates, the web server's own bugs and the CLI's go the same way.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CoreClient } from '../../electron/core/core-client';
import { ERROR_LOG_KEEP, ERROR_LOG_MAX_BYTES, errorLogPath, logBug } from '../../electron/core/error-log';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/web-server';
import type { OperationName } from '../../shared/api/operations';
import type { CallOutcome } from '../../shared/api/call-outcome';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-db';
import type { OperationParsed } from '../../shared/api/parse-input';

const ERROR_ID = /E-\d{8}-[0-9A-F]{4}/;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the error log', () => {
  it('rotates at its size bound and keeps three old files', () => {
    const home = join(tempDir(), 'home');
    const ids: string[] = [];
    // 300 KB a bug: about 14 files' worth.
    for (let i = 0; i < 45; i++) ids.push(logBug(home, new RangeError(`第${i}号 ${'x'.repeat(300_000)}`), { operation: 'query' }).id);
    const path = errorLogPath(home);
    for (const file of [path, ...Array.from({ length: ERROR_LOG_KEEP }, (_, i) => `${path}.${i + 1}`)]) {
      expect(statSync(file).size).toBeLessThanOrEqual(ERROR_LOG_MAX_BYTES);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(existsSync(`${path}.${ERROR_LOG_KEEP + 1}`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain(ids.at(-1)!);
    expect(readFileSync(`${path}.1`, 'utf8')).not.toContain(ids.at(-1)!);
    // The oldest went: only the newest bugs are kept.
    const kept = [path, `${path}.1`, `${path}.2`, `${path}.3`].map((f) => readFileSync(f, 'utf8')).join('');
    expect(kept).not.toContain(ids[0]!);
    expect(kept).toContain(ids.at(-10)!);
  });
});

/** A core whose transport step itself fails: what the web server's own catch must handle. */
class BrokenCore extends CoreClient {
  override call<K extends OperationName>(op: K, input: OperationParsed<K>): Promise<CallOutcome<never>> {
    void input;
    throw new TypeError(`Cannot read properties of undefined (reading '${op}')`);
  }
}

async function serve(core: CoreClient, home: string, dir: string): Promise<WebServer> {
  const server = await startWebServer({ core, rendererDir: dir, port: 0, home });
  closers.push(() => server.close());
  return server;
}

const post = (server: WebServer, op: string) =>
  fetch(`${server.origin}/api/call/${op}`, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' },
    body: '{}',
  });

describe('bugs in web mode', () => {
  it('answer 500 with an id and no stack or path, for a bug in the core and in the server itself', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const core = new CoreClient({ dbPath: join(dir, 'web.db'), home, env: { ...process.env, CAMPAIGN_TEST_HOOKS: '1' } });
    closers.push(() => core.close());
    await core.ready;
    const server = await serve(core, home, dir);

    core.injectTestFault('bug');
    const inCore = await post(server, 'info');
    expect(inCore.status).toBe(500);
    const body = await inCore.text();
    expect(body).toMatch(/内部错误（编号 E-\d{8}-[0-9A-F]{4}），详情已记入 errors\.log/);
    expect(body).not.toMatch(/\bat |\/tmp\/|campaign-test-/);

    // The worker dies in a call: 503, and the answer says it was restarted.
    core.injectTestFault('exit');
    const died = await post(server, 'info');
    expect(died.status).toBe(503);
    expect(((await died.json()) as CallOutcome).ok === false).toBe(true);
    expect((await post(server, 'info')).status).toBe(200);

    const broken = new BrokenCore({ dbPath: null, home });
    closers.push(() => broken.close());
    const brokenServer = await serve(broken, home, dir);
    const inServer = await post(brokenServer, 'catalogue');
    expect(inServer.status).toBe(500);
    const text = await inServer.text();
    expect(text).not.toMatch(/TypeError|\bat |\/tmp\//);
    const id = text.match(ERROR_ID)![0];
    const log = readFileSync(errorLogPath(home), 'utf8');
    expect(log.slice(log.indexOf(id))).toMatch(
      /操作 web POST \/api\/call\/catalogue\nTypeError: Cannot read properties of undefined \(reading 'catalogue'\)\n\s+at /,
    );
  });
});

describe('bugs in the CLI', () => {
  it('print the id, not the stack, and exit 1', () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const r = runCli(['info', '--db', join(dir, 'none.db')], {
      env: { CAMPAIGN_HOME: home, CAMPAIGN_TEST_HOOKS: '1', CAMPAIGN_TEST_BUG: '1' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误: 内部错误（编号 E-\d{8}-[0-9A-F]{4}），详情已记入 errors\.log\n$/);
    const id = r.stderr.match(ERROR_ID)![0];
    const log = readFileSync(errorLogPath(home), 'utf8');
    expect(log.slice(log.indexOf(id))).toMatch(/操作 campaign info\nInjectedBug: injected test fault[^\n]*\n\s+at /);
  });
});
