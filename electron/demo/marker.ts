// Whether a database holds demo facts: the demo writes one batch under DEMO_SOURCE. Every view and
// every export of such a database says 演示数据, so invented figures are never taken for returns.
import type { Db } from '../store/database';
import { DEMO_SOURCE } from './generate';

/** The words every export of a demo database carries on its first page, sheet or line. */
export { DEMO_MARK } from '../../shared/demo';

export function holdsDemoData(db: Db): boolean {
  return db.prepare('SELECT 1 FROM batch WHERE source = ? AND undone_at IS NULL LIMIT 1').get(DEMO_SOURCE) !== undefined;
}
