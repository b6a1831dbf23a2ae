// 报送: upload (validated with the import's own code, all or nothing, city scope), list, detail,
// the original file, accept (a batch of the provincial record, record.ts) or 退回 with a reason,
// the 报送状态 board, and undoing a batch. Who may call each is ENDPOINT_ROLES' (authorisation.ts).
// PLACEHOLDER (h14-review replaces every handler).
import type { Endpoint } from './authorisation';
import type { Route } from './api-routes';

const notBuilt: Route['handle'] = async () => {
  throw new Error('submission routes: not built yet');
};

export const SUBMISSION_ROUTES = {
  'POST /api/submissions': { bodyLimit: 64 * 1024 * 1024, bodyKind: 'file', handle: notBuilt },
  'GET /api/submissions': { bodyLimit: 0, handle: notBuilt },
  'GET /api/submission': { bodyLimit: 0, handle: notBuilt },
  'GET /api/submission/file': { bodyLimit: 0, handle: notBuilt },
  'POST /api/submissions/accept': { bodyLimit: 4096, handle: notBuilt },
  'POST /api/submissions/return': { bodyLimit: 8192, handle: notBuilt },
  'GET /api/filing-status': { bodyLimit: 0, handle: notBuilt },
  'POST /api/batches/undo': { bodyLimit: 4096, handle: notBuilt },
} satisfies Partial<Record<Endpoint, Route>>;
