// Saved views in the database: listed, saved (by name: saving a name again updates it), deleted.
import type { Db } from './database';
import { ViewStateSchema, type SavedView, type ViewState } from '../../shared/api/views';
import { UserError } from '../../shared/errors';

interface Row {
  id: number;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

const toView = (r: Row): SavedView => ({
  id: r.id,
  name: r.name,
  // Parsed again: a view saved by an older version gains the defaults of newer fields.
  state: ViewStateSchema.parse(JSON.parse(r.state)),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listViews(db: Db): SavedView[] {
  return (db.prepare('SELECT * FROM saved_view ORDER BY updated_at DESC, id DESC').all() as Row[]).map(toView);
}

export function saveView(db: Db, name: string, state: ViewState): SavedView {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO saved_view (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(name, JSON.stringify(state), now, now);
  return toView(db.prepare('SELECT * FROM saved_view WHERE name = ?').get(name) as Row);
}

export function deleteView(db: Db, id: number): { id: number } {
  const { changes } = db.prepare('DELETE FROM saved_view WHERE id = ?').run(id);
  if (changes === 0) throw new UserError(`没有编号为 ${id} 的视图`);
  return { id };
}
