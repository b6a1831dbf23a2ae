// The four roles of the provincial server (issue 14 §1).
export const ROLES = ['admin', 'analyst', 'city', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  analyst: '省厅分析员',
  city: '地市报送员',
  inspector: '督导组',
};

/** Roles whose account belongs to one city and sees only it. */
export const CITY_BOUND_ROLES: readonly Role[] = ['city', 'inspector'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
