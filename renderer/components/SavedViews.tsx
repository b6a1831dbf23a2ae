// Saved views: name the current filter and view, list them, reopen, delete. Stored in the database.
// The list is a cached read: saving or deleting says it changed the views, which drops it (api-context).
import { useState } from 'react';
import type { SavedView } from '../../shared/api/views';
import { useApiContext } from '../data/api-context';
import { useOperation } from '../data/use-operation';
import { useWorkstation } from '../state/workstation-context';
import { VIEW_LABELS } from '../state/view-state';
import { ConfirmDialog } from './ConfirmDialog';
import { errorMessage } from './feedback';

export function SavedViews() {
  const { api } = useApiContext();
  const { state, dispatch } = useWorkstation();
  const listed = useOperation('listViews', {});
  const views = listed.data ?? null;
  const [actionError, setError] = useState<unknown>(null);
  const error = actionError ?? listed.error;
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<SavedView | null>(null);

  const save = async () => {
    const n = name.trim();
    if (!n) return;
    try {
      await api.call('saveView', { name: n, state });
      setNaming(false);
      setName('');
      setError(null);
    } catch (e) {
      setError(e);
    }
  };

  const remove = async (v: SavedView) => {
    setDeleting(null);
    try {
      await api.call('deleteView', { id: v.id });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="saved-views" data-testid="saved-views">
      <div className="nav-section-title">
        已存视图
        <button
          type="button"
          className="btn-icon"
          title="保存当前视图"
          aria-label="保存当前视图"
          onClick={() => setNaming((x) => !x)}
          data-testid="save-view"
        >
          ＋
        </button>
      </div>
      {naming && (
        <form
          className="save-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            autoFocus
            placeholder="视图名称"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            data-testid="save-view-name"
          />
          <div className="save-actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={!name.trim()} data-testid="save-view-submit">
              保存
            </button>
            <button type="button" className="btn btn-small" onClick={() => setNaming(false)}>
              取消
            </button>
          </div>
        </form>
      )}
      {error !== null && <div className="nav-error">{errorMessage(error)}</div>}
      {views === null && error === null && <div className="muted small pad">加载中…</div>}
      {views !== null && views.length === 0 && !naming && <div className="muted small pad">点击 ＋ 保存当前筛选和视图</div>}
      <ul className="saved-list">
        {views?.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="saved-open"
              title={`${VIEW_LABELS[v.state.view]} · ${v.state.filter.from} 至 ${v.state.filter.to}`}
              onClick={() => dispatch({ type: 'open', state: v.state })}
            >
              <span className="saved-name">{v.name}</span>
              <span className="muted small">{VIEW_LABELS[v.state.view]}</span>
            </button>
            <button
              type="button"
              className="btn-icon saved-delete"
              aria-label={`删除视图 ${v.name}`}
              title="删除"
              onClick={() => setDeleting(v)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="删除已存视图？"
          message={`删除“${deleting.name}”后无法恢复。`}
          confirmLabel="删除"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
