// Who may call what. Every endpoint of the server is listed here with the roles allowed to call it
// (the API server refuses to start with a route missing from this table), and a city-bound account
// (city, inspector) is held to its own city by `requireCityAccess`. A refusal is an ApiError 403
// whose message says why, in Chinese; the API server writes it to the audit log.
import type { Account } from './accounts';
import { ApiError } from './http-errors';
import { CITY_BOUND_ROLES } from './roles';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/api/server-accounts';

/** 'public': no login needed (only the login itself). */
export type EndpointAccess = 'public' | readonly Role[];

export const ENDPOINT_ROLES = {
  'POST /api/login': 'public',
  'GET /api/me': ROLES,
  'POST /api/logout': ROLES,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/disable': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/units': ['analyst', 'city', 'inspector'],
  // 报送 (submission-routes.ts). A city account submits returns, an inspector a 督导回传, each for
  // its own city; an analyst decides. Reading is held to the account's city by requireCityAccess.
  'POST /api/submissions': ['city', 'inspector'],
  'GET /api/submissions': ['analyst', 'city', 'inspector'],
  'GET /api/submission': ['analyst', 'city', 'inspector'],
  'GET /api/submission/file': ['analyst', 'city', 'inspector'],
  'POST /api/submissions/accept': ['analyst'],
  'POST /api/submissions/return': ['analyst'],
  'GET /api/filing-status': ['analyst', 'city', 'inspector'],
  'POST /api/batches/undo': ['analyst'],
  // Sync (sync-routes.ts): the record's changes and each batch's facts; a city-bound account sees
  // only its city's.
  'GET /api/changes': ['analyst', 'city', 'inspector'],
  'GET /api/batch-facts': ['analyst', 'city', 'inspector'],
  // Public: what a workstation shows as the server's status before logging in.
  'GET /api/health': 'public',
} as const satisfies Record<string, EndpointAccess>;

export type Endpoint = keyof typeof ENDPOINT_ROLES;

export function isEndpoint(key: string): key is Endpoint {
  return Object.hasOwn(ENDPOINT_ROLES, key);
}

function rolesText(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join('、');
}

/** Refuses `account` an endpoint its role may not call. */
export function authorise(endpoint: Endpoint, account: Account): void {
  const access: EndpointAccess = ENDPOINT_ROLES[endpoint];
  if (access === 'public') return;
  if (!access.includes(account.role)) {
    throw new ApiError(403, `无权操作：${ROLE_LABELS[account.role]}账号不能执行此操作（仅限${rolesText(access)}）`);
  }
}

export type CityAccess = 'read' | 'submit';

/**
 * Refuses a city-bound account (city, inspector) anything of another city. `cityCode` is the city
 * the request concerns (for a county or a city's own unit, its city). Other roles pass: which of
 * them may call the endpoint at all is ENDPOINT_ROLES' business.
 */
export function requireCityAccess(account: Account, cityCode: number, cityName: string, access: CityAccess): void {
  if (!CITY_BOUND_ROLES.includes(account.role)) return;
  if (account.regionCode === cityCode) return;
  const own = account.regionName ?? '本市';
  const verb = access === 'read' ? '查看' : '报送';
  throw new ApiError(403, `无权${verb}${cityName}的数据：${ROLE_LABELS[account.role]}账号只能${verb}${own}的数据`);
}

/** The cities an account may read: null for all of them. */
export function readableCities(account: Account): number[] | null {
  if (!CITY_BOUND_ROLES.includes(account.role)) return null;
  return account.regionCode === null ? [] : [account.regionCode];
}
