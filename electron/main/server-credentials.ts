// 记住密码 for the provincial server, in the OS key store through Electron's safeStorage (main
// process only): {url, user, password} encrypted with encryptString into one 0600 file under
// userData. Never plaintext: when the key store is unavailable nothing is saved and the password
// is asked each time. The saved password never goes to the page: the main process logs in with it
// itself (the page learns only the address and user name). Apart from Electron itself (safeStorage
// and the core are passed in), so a test can drive it with a fake key store.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServerLoginInputSchema } from '../../shared/api/central';
import type { OperationName, OperationResults } from '../../shared/api/operations';
import type { CredentialsState } from '../../shared/api/server-credentials';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { CallOutcome } from '../../shared/api/call-outcome';
import type { CallerFrame } from './api-call';
import { fromOwnPage } from './ipc-guard';

/** The parts of Electron's safeStorage used. */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SavedServerLogin {
  url: string;
  user: string;
  password: string;
}

export const CREDENTIALS_FILE = 'server-login.bin';

export class CredentialStore {
  constructor(
    private readonly keyStore: KeyStore,
    readonly path: string,
  ) {}

  static inFolder(keyStore: KeyStore, userData: string): CredentialStore {
    return new CredentialStore(keyStore, join(userData, CREDENTIALS_FILE));
  }

  available(): boolean {
    try {
      return this.keyStore.isEncryptionAvailable();
    } catch {
      return false;
    }
  }

  /** Encrypts and keeps the login; false (nothing written) when the key store is unavailable. */
  save(login: SavedServerLogin): boolean {
    if (!this.available()) return false;
    const parsed = ServerLoginInputSchema.parse(login);
    const sealed = this.keyStore.encryptString(JSON.stringify({ url: parsed.url, user: parsed.user, password: parsed.password }));
    mkdirSync(dirname(this.path), { recursive: true });
    // Written whole under another name, then renamed: a cut write never leaves half a file.
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, sealed, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
    return true;
  }

  /** The saved login, or null: none, key store unavailable, or a file that does not decrypt (removed). */
  load(): SavedServerLogin | null {
    if (!existsSync(this.path) || !this.available()) return null;
    try {
      const plain = this.keyStore.decryptString(readFileSync(this.path));
      const parsed = ServerLoginInputSchema.safeParse(JSON.parse(plain));
      if (parsed.success) return parsed.data;
    } catch {
      // Not ours, damaged, or sealed by another user's key: asked again below.
    }
    this.forget();
    return null;
  }

  forget(): void {
    rmSync(this.path, { force: true });
  }

  state(): CredentialsState {
    const available = this.available();
    const saved = available ? this.load() : null;
    return { available, saved: saved ? { url: saved.url, user: saved.user } : null };
  }
}

export interface LoginCore {
  call<K extends OperationName>(op: K, input: OperationParsed<K>): Promise<CallOutcome<OperationResults[K]>>;
}

function refused<T>(message: string): CallOutcome<T> {
  return { ok: false, error: { message, user: true } };
}

/**
 * The IPC handlers (credentials:state|save|forget|login), each refusing any caller but the app's
 * own top frame. `save` takes the login the page just used (validated by the shared schema);
 * `login` logs in with the saved one in the main process, and forgets it when the server refuses it.
 */
export function makeCredentialHandlers(store: () => CredentialStore, core: () => LoginCore, appUrl: () => string) {
  const own = (event: CallerFrame) => fromOwnPage(event.senderFrame, appUrl());
  return {
    state: async (event: CallerFrame): Promise<CredentialsState> => (own(event) ? store().state() : { available: false, saved: null }),
    save: async (event: CallerFrame, login: unknown): Promise<CallOutcome<CredentialsState>> => {
      if (!own(event)) return refused('拒绝来自外部页面的调用');
      const parsed = ServerLoginInputSchema.safeParse(login);
      if (!parsed.success) return refused('要保存的登录信息不完整');
      if (!store().save(parsed.data)) return refused('本机系统密钥库不可用，无法记住密码，每次连接时需输入密码');
      return { ok: true, result: store().state() };
    },
    forget: async (event: CallerFrame): Promise<CredentialsState> => {
      if (!own(event)) return { available: false, saved: null };
      store().forget();
      return store().state();
    },
    login: async (event: CallerFrame): Promise<CallOutcome<OperationResults['serverLogin']> | null> => {
      if (!own(event)) return refused('拒绝来自外部页面的调用');
      const saved = store().load();
      if (!saved) return null;
      const outcome = await core().call('serverLogin', saved);
      // A password the server no longer takes is not tried again at every start.
      if (!outcome.ok && /用户名或密码错误|已停用/.test(outcome.error.message)) store().forget();
      return outcome;
    },
  };
}
