// Which cached answers a write makes stale. Every write's result says what it changed
// (`changed`, shared/api/operations.ts); an answer is stale when its operation reads one of those
// domains. Cache keys carry the versions of the domains their operation reads, so a view asking
// again after a write asks the core, while answers about untouched domains stay cached.
import { DATA_DOMAINS, isOperationName, readsOf, type DataDomain, type OperationName } from '../../shared/api/operations';

export type DomainVersions = Readonly<Record<DataDomain, number>>;

export const FIRST_VERSIONS: DomainVersions = { facts: 0, batches: 0, views: 0, findings: 0, server: 0, database: 0 };

/** Whether a change to `domains` makes `op`'s answers stale; another database makes every answer stale. */
export function isStale(op: OperationName, domains: readonly DataDomain[]): boolean {
  return domains.includes('database') || readsOf(op).some((d) => domains.includes(d));
}

/** The versions after a change to `domains` (another database: every domain). */
export function bumped(versions: DomainVersions, domains: readonly DataDomain[]): DomainVersions {
  const all = domains.includes('database');
  const next = { ...versions };
  for (const d of DATA_DOMAINS) if (all || domains.includes(d)) next[d] += 1;
  return next;
}

/** A cache key: the operation, the versions of what it reads, the input. */
export function operationKey(op: OperationName, input: unknown, versions: DomainVersions): string {
  return `${op}|${readsOf(op)
    .map((d) => versions[d])
    .join('.')}|${JSON.stringify(input)}`;
}

/** The operation a cache key belongs to (null for a key not made by operationKey). */
export function operationOfKey(key: string): OperationName | null {
  const op = key.slice(0, key.indexOf('|'));
  return isOperationName(op) ? op : null;
}

/** What a result says it changed: `changed` of a write's result, else nothing. */
export function changedBy(result: unknown): DataDomain[] {
  if (typeof result !== 'object' || result === null || !('changed' in result) || !Array.isArray(result.changed)) return [];
  return result.changed.filter((d): d is DataDomain => (DATA_DOMAINS as readonly unknown[]).includes(d));
}
