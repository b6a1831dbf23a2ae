// The four roles of the provincial server (issue 14 §1; the list and its names: shared/api/server-accounts.ts).
import { ROLES, type Role } from '../../shared/api/server-accounts';

/** Roles whose account belongs to one city and sees only it. */
export const CITY_BOUND_ROLES: readonly Role[] = ['city', 'inspector'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
