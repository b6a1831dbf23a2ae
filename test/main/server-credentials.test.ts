// 记住密码 without Electron: the credential store with a fake safeStorage (a real cipher, so the
// file is really sealed), and the IPC handlers' guards and main-process login.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationName, OperationResults } from '../../shared/api/operations';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { CallOutcome } from '../../shared/api/call-outcome';
import {
  CREDENTIALS_FILE,
  CredentialStore,
  makeCredentialHandlers,
  type KeyStore,
  type LoginCore,
} from '../../electron/main/server-credentials';
import { tempDir } from '../support/temp-db';

const APP = 'file:///opt/app/resources/app.asar/dist/renderer/index.html';
const OWN = { senderFrame: { url: `${APP}#/review`, parent: null } };
const FOREIGN = { senderFrame: { url: 'file:///home/u/Downloads/evil.html', parent: null } };
const LOGIN = { url: 'https://sjzx.gat.sx:8443', user: 'fx.zhao', password: '口令-Zhao-9931!' };

/** A key store like the OS's: AES-GCM under a key only it holds. */
function fakeKeyStore(available = true): KeyStore & { available: boolean } {
  const key = randomBytes(32);
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(plain: string) {
      if (!this.available) throw new Error('unavailable');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed: Buffer) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('the credential store', () => {
  it('refuses to save when the key store is unavailable, and writes nothing', () => {
    const dir = tempDir();
    const store = CredentialStore.inFolder(fakeKeyStore(false), dir);
    expect(store.save(LOGIN)).toBe(false);
    expect(existsSync(join(dir, CREDENTIALS_FILE))).toBe(false);
    expect(store.state()).toEqual({ available: false, saved: null });
  });

  it('keeps the login sealed in a 0600 file with no plaintext, and gives it back', () => {
    const dir = tempDir();
    const keys = fakeKeyStore();
    const store = CredentialStore.inFolder(keys, dir);
    expect(store.save(LOGIN)).toBe(true);
    const path = join(dir, CREDENTIALS_FILE);
    const bytes = readFileSync(path);
    for (const text of [LOGIN.password, LOGIN.user, 'sjzx', 'password']) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(bytes.toString('latin1')).not.toContain(text);
    }
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.load()).toEqual(LOGIN);
    expect(store.state()).toEqual({ available: true, saved: { url: LOGIN.url, user: LOGIN.user } });
    // A key store that became unavailable (another session): asked again, nothing decrypted.
    keys.available = false;
    expect(store.load()).toBeNull();
  });

  it('a corrupt or foreign file: asked again, no crash, the file removed', () => {
    for (const content of [Buffer.from('not sealed at all'), randomBytes(80), Buffer.alloc(0)]) {
      const dir = tempDir();
      const store = CredentialStore.inFolder(fakeKeyStore(), dir);
      writeFileSync(join(dir, CREDENTIALS_FILE), content);
      expect(store.load()).toBeNull();
      expect(existsSync(join(dir, CREDENTIALS_FILE))).toBe(false);
    }
    // Sealed by the store but not a login (an address that is not a server's).
    const dir = tempDir();
    const keys = fakeKeyStore();
    writeFileSync(join(dir, CREDENTIALS_FILE), keys.encryptString(JSON.stringify({ url: 'ftp://x', user: '', password: 'p' })));
    expect(CredentialStore.inFolder(keys, dir).load()).toBeNull();
  });

  it('忘记密码 removes it', () => {
    const dir = tempDir();
    const store = CredentialStore.inFolder(fakeKeyStore(), dir);
    store.save(LOGIN);
    store.forget();
    expect(existsSync(join(dir, CREDENTIALS_FILE))).toBe(false);
    expect(store.load()).toBeNull();
  });
});

describe('the IPC handlers', () => {
  function setup(answer: (input: OperationParsed<'serverLogin'>) => CallOutcome<OperationResults['serverLogin']>) {
    const dir = tempDir();
    const store = CredentialStore.inFolder(fakeKeyStore(), dir);
    const calls: unknown[] = [];
    const core: LoginCore = {
      async call<K extends OperationName>(op: K, input: OperationParsed<K>): Promise<CallOutcome<OperationResults[K]>> {
        calls.push({ op, input });
        if (op !== 'serverLogin') throw new Error(`unexpected ${op}`);
        return answer(input as OperationParsed<'serverLogin'>) as CallOutcome<OperationResults[K]>;
      },
    };
    return {
      store,
      calls,
      handlers: makeCredentialHandlers(
        () => store,
        () => core,
        () => APP,
      ),
    };
  }
  const status: OperationResults['serverLogin'] = {
    url: LOGIN.url,
    connected: true,
    user: { name: LOGIN.user, role: 'analyst', region: null },
    reachable: true,
    error: null,
    lastSync: null,
    syncing: null,
    waiting: 0,
    changed: ['server'],
  };

  it('refuse a foreign page: nothing saved, nothing revealed, no login', async () => {
    const { store, calls, handlers } = setup(() => ({ ok: true, result: status }));
    store.save(LOGIN);
    expect(await handlers.state(FOREIGN)).toEqual({ available: false, saved: null });
    expect(await handlers.save(FOREIGN, { ...LOGIN, user: 'other' })).toMatchObject({ ok: false });
    expect(await handlers.login(FOREIGN)).toMatchObject({ ok: false });
    await handlers.forget(FOREIGN);
    expect(calls).toEqual([]);
    expect(store.load()).toEqual(LOGIN);
  });

  it('save validates; login uses the saved password in the main process, the page sees only the status', async () => {
    const { store, calls, handlers } = setup(() => ({ ok: true, result: status }));
    expect(await handlers.login(OWN)).toBeNull();
    expect(await handlers.save(OWN, { url: 'not a url', user: 'x', password: 'y' })).toMatchObject({ ok: false });
    expect(await handlers.save(OWN, LOGIN)).toEqual({ ok: true, result: { available: true, saved: { url: LOGIN.url, user: LOGIN.user } } });
    const state = await handlers.state(OWN);
    expect(JSON.stringify(state)).not.toContain(LOGIN.password);
    const outcome = await handlers.login(OWN);
    expect(outcome).toEqual({ ok: true, result: status });
    expect(calls).toEqual([{ op: 'serverLogin', input: LOGIN }]);
    await handlers.forget(OWN);
    expect(store.load()).toBeNull();
  });

  it('a saved password the server refuses is forgotten; an unreachable server keeps it', async () => {
    let message = '无法连接省厅服务器 https://sjzx.gat.sx:8443：连接超时';
    const { store, handlers } = setup(() => ({ ok: false, error: { message, user: true } }));
    store.save(LOGIN);
    expect(await handlers.login(OWN)).toMatchObject({ ok: false });
    expect(store.load()).toEqual(LOGIN);
    message = '用户名或密码错误';
    await handlers.login(OWN);
    expect(store.load()).toBeNull();
  });
});
