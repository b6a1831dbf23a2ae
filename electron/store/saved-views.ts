// Saved views in the database: listed, saved (by name: saving a name again updates it), deleted.
// The store keeps no view larger than VIEW_STATE_MAX_CHARS, and a listing is bounded in count and
// skips what an older version let in beyond the bounds (a 100 MB view made every listing 105 MB).
import type { Db } from './database';
import { ViewStateSchema, type SavedView, type ViewState } from '../../shared/api/views';
import { VIEW_LIST_MAX, VIEW_NAME_MAX_CHARS, VIEW_STATE_MAX_CHARS, tooLongMessage } from '../../shared/api/stored-text';
import { UserError } from '../../shared/errors';

interface Row {
  id: number;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

/** Parsed again: a view saved by an older version gains the defaults of newer fields; null if it no longer fits. */
function toView(r: Row): SavedView | null {
  let json: unknown;
  try {
    json = JSON.parse(r.state);
  } catch {
    return null;
  }
  const state = ViewStateSchema.safeParse(json);
  if (!state.success) return null;
  return { id: r.id, name: r.name, state: state.data, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function listViews(db: Db): SavedView[] {
  // octet_length reads the stored size from the record header, not the (possibly huge) text itself.
  const rows = db
    .prepare(
      `SELECT id, name, state, created_at, updated_at FROM saved_view
        WHERE octet_length(state) <= ? AND length(name) <= ?
        ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .all(VIEW_STATE_MAX_CHARS * 3, VIEW_NAME_MAX_CHARS, VIEW_LIST_MAX) as Row[];
  return rows.map(toView).filter((v): v is SavedView => v !== null);
}

export function saveView(db: Db, name: string, state: ViewState): SavedView {
  // The boundary schema has checked both; checked again here, where the text is kept.
  if (name.length > VIEW_NAME_MAX_CHARS) throw new UserError(tooLongMessage('视图名称', name.length, VIEW_NAME_MAX_CHARS));
  const json = JSON.stringify(state);
  if (json.length > VIEW_STATE_MAX_CHARS) throw new UserError(tooLongMessage('视图内容', json.length, VIEW_STATE_MAX_CHARS));
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO saved_view (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(name, json, now, now);
  const saved = toView(db.prepare('SELECT * FROM saved_view WHERE name = ?').get(name) as Row);
  if (!saved) throw new Error(`saved view ${name} does not read back`);
  return saved;
}

export function deleteView(db: Db, id: number): { id: number } {
  const { changes } = db.prepare('DELETE FROM saved_view WHERE id = ?').run(id);
  if (changes === 0) throw new UserError(`没有编号为 ${id} 的视图`);
  return { id };
}
