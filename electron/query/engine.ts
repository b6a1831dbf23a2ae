// The slice engine a workspace queries through. Everything that answers slices (CLI, UI, reports,
// benchmark) gets its FactSource here, so the fast path and the plain path stay interchangeable.
import type { Workspace } from '../store/workspace';
import type { QueryEngineInfo } from '../../shared/api/operations';
import { SqlFactSource, type FactSource } from './fact-source';
import { CubeFactSource, cubeCellLimit, cubeCellsNeeded } from './cube';
import { ScanFactSource } from './scan';

/**
 * resident: a process that answers many queries (the workstation's core, the web mode) builds the
 * in-memory cube once. one-answer: a one-shot command (`campaign query`, `info`, `report`) answers
 * once and exits, so building running sums over every series would cost more than the answer: it
 * scans only the stored day columns of the days asked about.
 */
export type EnginePurpose = 'resident' | 'one-answer';

export interface EngineChoice {
  source: FactSource;
  engine: QueryEngineInfo;
}

// Databases whose fallback was already written to stderr: said once per process, not per query.
const fallbackLogged = new Set<string>();

/**
 * The in-memory cube when the database fits under the bound, else the SQL path; the fallback is
 * not silent: it is written to stderr once and returned, so `info` and the header can say so.
 */
export function chooseFactSource(ws: Workspace, purpose: EnginePurpose = 'resident'): EngineChoice {
  if (purpose === 'one-answer') return { source: ScanFactSource.open(ws.db), engine: { kind: 'scan', reason: null } };
  const limit = cubeCellLimit();
  const cube = CubeFactSource.load(ws.db, limit);
  if (cube) return { source: cube, engine: { kind: 'cube', reason: null } };
  const cells = cubeCellsNeeded(ws.db);
  const reason = `数据量超过内存汇总上限（需 ${cells} 个汇总单元，上限 ${limit}），查询改由数据库逐次计算，速度较慢`;
  if (!fallbackLogged.has(ws.path)) {
    fallbackLogged.add(ws.path);
    process.stderr.write(`注意：${ws.path}：${reason}\n`);
  }
  return { source: new SqlFactSource(ws.db), engine: { kind: 'sql', reason } };
}

export function createFactSource(ws: Workspace, purpose: EnginePurpose = 'resident'): FactSource {
  return chooseFactSource(ws, purpose).source;
}
