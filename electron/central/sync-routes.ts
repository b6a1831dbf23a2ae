// Sync: the provincial record's changes after a seq (GET /api/changes) and each batch's facts as it
// brought them (GET /api/batch-facts), paged; a city-bound account sees only its city's.
// PLACEHOLDER (h14-sync replaces every handler).
import type { Endpoint } from './authorisation';
import type { Route } from './api-routes';

const notBuilt: Route['handle'] = async () => {
  throw new Error('sync routes: not built yet');
};

export const SYNC_ROUTES = {
  'GET /api/changes': { bodyLimit: 0, handle: notBuilt },
  'GET /api/batch-facts': { bodyLimit: 0, handle: notBuilt },
} satisfies Partial<Record<Endpoint, Route>>;
