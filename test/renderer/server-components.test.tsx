// @vitest-environment jsdom
// The header's server status, the login dialog and 记住密码: in the web mode no key store (the box is
// not offered); in Electron the bridge saves the login after it succeeds, logs in at start with the
// saved one (the page never sees the password), and 忘记密码 removes it. 同步 shows its progress.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/data/api-context';
import { ServerProvider } from '../../renderer/components/server/ServerProvider';
import { ServerStatusChip } from '../../renderer/components/server/ServerStatusChip';
import type { ServerStatus, SyncResult } from '../../shared/api/central';
import type { OperationName, WorkstationApi } from '../../shared/api/operations';
import type { CredentialsState } from '../../shared/api/server-credentials';

afterEach(() => {
  cleanup();
  delete window.api;
});

const URL_ = 'https://172.20.3.4:8443';
const OFFLINE: ServerStatus = {
  url: null,
  connected: false,
  user: null,
  reachable: null,
  error: null,
  lastSync: null,
  syncing: null,
  waiting: null,
};
const CONNECTED: ServerStatus = {
  url: URL_,
  connected: true,
  user: { name: 'fx.cao', role: 'analyst', region: null },
  reachable: true,
  error: null,
  lastSync: null,
  syncing: null,
  waiting: 3,
};

/** A core that answers serverStatus from `status`, and records every call. */
function fakeApi(initial: ServerStatus, handlers: Partial<Record<OperationName, (input: unknown) => Promise<unknown>>> = {}) {
  const calls: { op: OperationName; input: unknown }[] = [];
  let status = initial;
  const api: WorkstationApi = {
    call: (async (op: OperationName, input: unknown) => {
      calls.push({ op, input });
      const h = handlers[op];
      if (h) return h(input);
      if (op === 'serverStatus') return status;
      if (op === 'serverLogin') {
        status = CONNECTED;
        return { ...CONNECTED, changed: ['server'] };
      }
      throw new Error(`unexpected ${op}`);
    }) as WorkstationApi['call'],
  };
  return { api, calls, setStatus: (s: ServerStatus) => (status = s) };
}

function renderChip(api: WorkstationApi) {
  return render(
    <ApiProvider api={api}>
      <ServerProvider>
        <ServerStatusChip />
      </ServerProvider>
    </ApiProvider>,
  );
}

describe('header status and login (web mode: no key store)', () => {
  it('未连接 → the dialog → 已连接; no 记住密码 offered, the password sent once and not kept in the form', async () => {
    const { api, calls } = fakeApi(OFFLINE);
    renderChip(api);
    await waitFor(() => expect(screen.getByTestId('server-chip-text').textContent).toBe('未连接省厅服务器'));
    fireEvent.click(screen.getByTestId('server-menu'));
    fireEvent.click(screen.getByTestId('server-login'));
    expect(screen.queryByTestId('server-remember')).toBeNull();
    fireEvent.change(screen.getByTestId('server-url'), { target: { value: URL_ } });
    fireEvent.change(screen.getByTestId('server-user'), { target: { value: 'fx.cao' } });
    fireEvent.change(screen.getByTestId('server-password'), { target: { value: '曹-口令-8812' } });
    fireEvent.click(screen.getByTestId('server-login-submit'));
    await waitFor(() => expect(screen.queryByTestId('server-login-dialog')).toBeNull());
    expect(screen.getByTestId('server-chip-text').textContent).toBe('已连接：fx.cao（省厅分析员）');
    expect(calls.filter((c) => c.op === 'serverLogin')).toEqual([
      { op: 'serverLogin', input: { url: URL_, user: 'fx.cao', password: '曹-口令-8812' } },
    ]);
    expect(document.body.innerHTML).not.toContain('曹-口令-8812');
  });

  it('a refused login keeps the dialog open with the server’s words', async () => {
    const { api } = fakeApi(OFFLINE, {
      serverLogin: async () => {
        throw Object.assign(new Error('用户名或密码错误'), { name: 'ApiError', user: true });
      },
    });
    renderChip(api);
    fireEvent.click(await screen.findByTestId('server-menu'));
    fireEvent.click(screen.getByTestId('server-login'));
    fireEvent.change(screen.getByTestId('server-url'), { target: { value: URL_ } });
    fireEvent.change(screen.getByTestId('server-user'), { target: { value: 'fx.cao' } });
    fireEvent.change(screen.getByTestId('server-password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('server-login-submit'));
    await waitFor(() => expect(screen.getByTestId('server-login-error').textContent).toContain('用户名或密码错误'));
    expect(screen.getByTestId('server-login-dialog')).toBeTruthy();
  });
});

describe('记住密码 in Electron', () => {
  function bridge(
    initial: CredentialsState,
    loginOutcome: { ok: true; result: unknown } | { ok: false; error: { message: string; user: boolean } } | null = null,
  ) {
    let state = initial;
    const log: string[] = [];
    window.api = {
      call: async () => ({ ok: false, error: { message: 'not used', user: true } }),
      serverCredentials: {
        state: async () => state,
        save: async (login) => {
          log.push(`save ${login.user}`);
          state = { available: true, saved: { url: login.url, user: login.user } };
          return { ok: true, result: state };
        },
        forget: async () => {
          log.push('forget');
          state = { available: true, saved: null };
          return state;
        },
        login: async () => {
          log.push('login');
          return loginOutcome as never;
        },
      },
    };
    return log;
  }

  it('offered when the key store is available; saved only after the login succeeded', async () => {
    const log = bridge({ available: true, saved: null });
    const { api } = fakeApi(OFFLINE);
    renderChip(api);
    fireEvent.click(await screen.findByTestId('server-menu'));
    fireEvent.click(screen.getByTestId('server-login'));
    fireEvent.change(screen.getByTestId('server-url'), { target: { value: URL_ } });
    fireEvent.change(screen.getByTestId('server-user'), { target: { value: 'fx.cao' } });
    fireEvent.change(screen.getByTestId('server-password'), { target: { value: '口令-7' } });
    fireEvent.click(screen.getByTestId('server-remember'));
    fireEvent.click(screen.getByTestId('server-login-submit'));
    await waitFor(() => expect(log).toEqual(['save fx.cao']));
  });

  it('logs in at start with the saved login (in the main process); 忘记密码 removes it', async () => {
    const log = bridge(
      { available: true, saved: { url: URL_, user: 'fx.cao' } },
      { ok: true, result: { ...CONNECTED, changed: ['server'] } },
    );
    const { api, calls } = fakeApi(OFFLINE);
    renderChip(api);
    await waitFor(() => expect(screen.getByTestId('server-chip-text').textContent).toBe('已连接：fx.cao（省厅分析员）'));
    expect(log).toEqual(['login']);
    // The page itself never called serverLogin (it has no password).
    expect(calls.some((c) => c.op === 'serverLogin')).toBe(false);
    fireEvent.click(screen.getByTestId('server-menu'));
    fireEvent.click(screen.getByTestId('server-forget'));
    await waitFor(() => expect(log).toEqual(['login', 'forget']));
    await waitFor(() => expect(screen.queryByTestId('server-forget')).toBeNull());
  });
});

describe('同步', () => {
  it('shows its progress while it runs (polled), then what it pulled', async () => {
    let finish: (r: SyncResult) => void = () => undefined;
    const { api, setStatus } = fakeApi(CONNECTED, {
      syncNow: () => new Promise((resolve) => (finish = (r) => resolve({ ...r, changed: ['facts', 'batches', 'server'] }))),
    });
    renderChip(api);
    await waitFor(() => expect(screen.getByTestId('server-chip-text').textContent).toBe('已连接：fx.cao（省厅分析员）'));
    fireEvent.click(screen.getByTestId('server-menu'));
    setStatus({ ...CONNECTED, syncing: { stage: 'facts', done: 2, total: 5 } });
    fireEvent.click(screen.getByTestId('sync-now'));
    await waitFor(() => expect(screen.getByTestId('sync-progress').textContent).toContain('下载数据 2/5（40%）'), { timeout: 3000 });
    expect(screen.getByTestId('server-status').getAttribute('data-syncing')).toBe('true');
    setStatus({ ...CONNECTED, lastSync: { at: '2025-08-02T01:02:00Z', seq: 12, pulled: 5 } });
    await act(async () =>
      finish({
        server_url: URL_,
        from_seq: 7,
        to_seq: 12,
        batches_added: 5,
        batches_undone: 0,
        facts_added: 640,
        local_facts_superseded: 0,
        changes_skipped: 0,
        finished_at: '2025-08-02T01:02:00Z',
      }),
    );
    await waitFor(() => expect(screen.getByTestId('sync-result').textContent).toContain('新增 5 批（640 条数据）'));
    await waitFor(() => expect(screen.getByTestId('server-last-sync').textContent).toContain('更新 5 项变更'));
  });
});
