// @vitest-environment jsdom
// 打开督导包 in Electron: the .cwb comes from the system's dialog, the passphrase is typed in the page,
// and both go to openDatabase.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/data/api-context';
import { DatabaseChooser } from '../../renderer/database/DatabaseChooser';
import type { OperationName, WorkspaceState, WorkstationApi } from '../../shared/api/operations';

afterEach(() => {
  cleanup();
  delete window.api;
});

const current: WorkspaceState = { path: '/data/全省.db', fileName: '全省.db', demo: false, homeFolder: '/home/a', bundle: null };

describe('DatabaseChooser in Electron', () => {
  it('打开督导包: the dialog gives the file, the page asks for the passphrase, openDatabase gets both', async () => {
    const asked: string[] = [];
    const calls: { op: OperationName; input: unknown }[] = [];
    const opened: WorkspaceState = { ...current, path: '/mnt/u盘/晋中督导包.cwb', fileName: '晋中督导包.cwb' };
    const api: WorkstationApi = {
      call: (async (op: OperationName, input: unknown) => {
        calls.push({ op, input });
        return { ...opened, changed: ['database'] };
      }) as WorkstationApi['call'],
    };
    window.api = {
      call: async () => ({ ok: false, error: { message: 'not used', user: true } }),
      chooseDatabase: async (mode) => {
        asked.push(mode);
        return '/mnt/u盘/晋中督导包.cwb';
      },
    };
    const switched: WorkspaceState[] = [];
    render(
      <ApiProvider api={api}>
        <DatabaseChooser current={current} onSwitched={(s) => switched.push(s)} layout="menu" />
      </ApiProvider>,
    );
    fireEvent.click(screen.getByTestId('db-open-bundle'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('db-path').value).toBe('/mnt/u盘/晋中督导包.cwb'));
    expect(asked).toEqual(['bundle']);
    // Nothing is opened before the passphrase is typed.
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByTestId('db-passphrase'), { target: { value: '晋中督导二组口令' } });
    fireEvent.click(screen.getByTestId('db-path-submit'));
    await waitFor(() => expect(switched).toHaveLength(1));
    expect(calls).toEqual([{ op: 'openDatabase', input: { path: '/mnt/u盘/晋中督导包.cwb', passphrase: '晋中督导二组口令' } }]);
  });
});
