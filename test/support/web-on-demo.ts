// The web server in process, over a core worker on a private copy of the demo database, with a
// stand-in page: what tests of the web transport start (bounds, uploads, attachments).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { CoreClient } from '../../electron/core/core-client';
import { startWebServer, type WebServer, type WebServerOptions } from '../../electron/web/web-server';

export interface DemoWebServer {
  core: CoreClient;
  server: WebServer;
  close(): Promise<void>;
}

export async function startWebOnDemoCopy(prefix: string, options: Pick<WebServerOptions, 'batchMaxRows'> = {}): Promise<DemoWebServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'campaign.db');
  copyFileSync(inject('demoDb'), db);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>工作站</title>');
  const core = new CoreClient({ dbPath: db, home: join(dir, 'home') });
  await core.ready;
  const server = await startWebServer({ core, rendererDir, port: 0, ...options });
  return {
    core,
    server,
    async close() {
      await server.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
