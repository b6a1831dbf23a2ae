// `campaign server start` as deployed: HTTPS with a certificate made here by openssl, a login over
// it, and a clean stop on SIGTERM; an uninitialised database is refused before listening.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { migrateCentral } from '../../electron/central/schema';
import { runCli } from '../support/cli';
import { scratchFolder, startServerProcess, stopServerProcess, useTestDatabase } from './support';

const db = useTestDatabase();

function httpsJson(
  url: string,
  ca: Buffer,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      new URL(path, url),
      {
        method,
        ca,
        headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('campaign server start', () => {
  it('refuses a database without the server schema, before listening', () => {
    const r = runCli(['server', 'start', '--pg', db.url(), '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('请先运行 campaign server init');
    expect(r.stdout).not.toContain('已启动');
  });

  describe('over TLS', () => {
    let cert: string;
    let key: string;
    beforeAll(async () => {
      await migrateCentral(db.pool());
      await addAccount(
        db.pool(),
        { name: 'zhifa.analyst', role: 'analyst', password: '太原-分析口令-3355', createdBy: 'test' },
        new Date(),
      );
      const dir = scratchFolder();
      cert = join(dir, 'server.crt');
      key = join(dir, 'server.key');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '2',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
    });

    it('answers over https, refuses plain http, and stops cleanly on SIGTERM', async () => {
      const { url, child, output } = await startServerProcess(['--pg', db.url(), '--port', '0', '--tls-cert', cert, '--tls-key', key]);
      try {
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const ca = readFileSync(cert);
        const login = await httpsJson(url, ca, 'POST', '/api/login', { name: 'zhifa.analyst', password: '太原-分析口令-3355' });
        expect(login.status).toBe(200);
        const me = await httpsJson(url, ca, 'GET', '/api/me', undefined, login.body.token as string);
        expect(me.body.user).toMatchObject({ name: 'zhifa.analyst', role: 'analyst' });
        // A plain-http client gets nothing it can use.
        await expect(fetch(url.replace('https:', 'http:') + '/api/me')).rejects.toThrow();
      } finally {
        expect(await stopServerProcess(child)).toBe(0);
        expect(output()).toContain('省厅服务器已停止（SIGTERM）');
      }
      const audit = (await db.pool().query<{ action: string; address: string }>('SELECT action, address FROM audit_log ORDER BY id')).rows;
      expect(audit).toEqual([
        { action: 'POST /api/login', address: '127.0.0.1' },
        { action: 'GET /api/me', address: '127.0.0.1' },
      ]);
    });

    it('refuses a certificate without its key, and a key that is not one', () => {
      const half = runCli(['server', 'start', '--pg', db.url(), '--port', '0', '--tls-cert', cert]);
      expect(half.code).toBe(1);
      expect(half.stderr).toContain('--tls-cert 与 --tls-key 须一起给出');
      const wrong = runCli(['server', 'start', '--pg', db.url(), '--port', '0', '--tls-cert', cert, '--tls-key', cert]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('无法用给出的证书和私钥启动 HTTPS');
    });
  });
});
