// The web mode carries a finding's attachments (bodies past the 1 MB call bound, up to the import
// bound) while other calls keep the 1 MB bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { WebServer } from '../../electron/web/web-server';
import { startWebOnDemoCopy, type DemoWebServer } from '../support/web-on-demo';
import type { FindingJson, FindingList } from '../../shared/api/inspection';
import { fakePng } from './support';

let server: WebServer;
let web: DemoWebServer | undefined;

const api = (op: string, body: unknown) =>
  fetch(`${server.origin}/api/call/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-campaign-token': server.token },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  web = await startWebOnDemoCopy('campaign-finding-web-');
  server = web.server;
});

afterAll(async () => {
  await web?.close();
});

describe('findings over the web mode', () => {
  it('adds a finding with a 3 MB photo, lists it, returns its bytes; a 3 MB body elsewhere is refused', async () => {
    const photo = fakePng(7, 3 * 1024 * 1024);
    const bytes = { $bytes: Buffer.from(photo).toString('base64') };
    const added = await api('addFinding', {
      region: '沁县',
      category: '其他',
      severity: '一般',
      text: '现场照片',
      attachments: [{ name: '现场.png', bytes }],
    });
    expect(added.status).toBe(200);
    const answer = (await added.json()) as { ok: true; result: { id: string; finding: FindingJson } };
    const digest = createHash('sha256').update(photo).digest('hex');
    expect(answer.result.finding.attachments).toEqual([{ name: '现场.png', sha256: digest, bytes: photo.byteLength }]);

    const list = (await (await api('listFindings', { region: '长治市' })).json()) as { ok: true; result: FindingList };
    expect(list.result.findings.map((f) => f.id)).toEqual([answer.result.id]);

    const file = (await (await api('findingAttachment', { findingId: answer.result.id, sha256: digest })).json()) as {
      ok: true;
      result: { mime: string; bytes: { $bytes: string } };
    };
    expect(file.result.mime).toBe('image/png');
    expect(createHash('sha256').update(Buffer.from(file.result.bytes.$bytes, 'base64')).digest('hex')).toBe(digest);

    const refused = await api('listFindings', { region: 'x'.repeat(3 * 1024 * 1024) });
    expect(refused.status).toBe(413);
  });
});
