// What the operations may and may not do on a 督导包, so that its data never reaches the disk in the
// clear and no answer pretends to more than it holds: imports are refused (refuseImportOnBundle,
// store/workspace.ts: the import's writer thread checks it too), undo reaches only batches made on
// the bundle (no backup copy is ever taken), completeness and anomalies stay inside the bundle's
// city (the others are there as city totals only), and every successful write is sealed back into
// the file.
import { UserError } from '../../shared/errors';
import { isOperationName, isWritingOperation } from '../../shared/api/operations';
import type { ParsedSliceFilter } from '../../shared/api/slice';
import type { Workspace } from '../store/workspace';

interface BundleScope {
  cityCode: number;
  cityName: string;
  provinceBatchMax: number;
}

function scopeOf(ws: Workspace): BundleScope {
  const row = ws.db
    .prepare('SELECT o.city_code, r.name, o.province_batch_max FROM bundle_origin o JOIN region r ON r.code = o.city_code LIMIT 1')
    .raw()
    .get() as [number, string, number] | undefined;
  if (!row) throw new UserError('督导包缺少来源记录');
  return { cityCode: row[0], cityName: row[1], provinceBatchMax: row[2] };
}

/** On a bundle, only a batch made on it can be undone (the province's are undone in the province). */
export function checkUndoOnBundle(ws: Workspace, batchId: number): void {
  if (ws.kind !== 'bundle') return;
  const { provinceBatchMax } = scopeOf(ws);
  if (batchId <= provinceBatchMax) {
    throw new UserError(
      `批次 ${batchId} 来自全省数据库，督导包中不能撤销；只能撤销在督导包中形成的批次（如核实更正，批次号大于 ${provinceBatchMax}）`,
    );
  }
}

/**
 * Completeness and anomalies on a bundle: the city's own units only. No region given means the
 * bundle's city; a region of another city (or the province) is refused, since the bundle holds only
 * its daily totals.
 */
export function bundleScopedFilter<F extends ParsedSliceFilter>(ws: Workspace, filter: F, what: string): F {
  if (ws.kind !== 'bundle') return filter;
  const { cityCode, cityName } = scopeOf(ws);
  if (filter.regions.length === 0) return { ...filter, regions: [String(cityCode)] };
  for (const text of filter.regions) {
    const r = ws.resolver.resolveRegion(text);
    if (!r.ok) throw new UserError(r.reason);
    const region = r.value;
    if (region.level === 'province' || Number(region.city) !== cityCode) {
      throw new UserError(
        `督导包只含${cityName}的逐单位数据（其他地市只有全市合计），${what}只能查${cityName}及其所辖单位：${region.name} 不在其内`,
      );
    }
  }
  return filter;
}

/**
 * The core's handlers with each writing one followed, once it succeeded, by the workspace's
 * persist (the sealed write-back of a bundle; nothing for a file).
 */
export function persistAfterWrites<C extends Record<string, (input: never) => unknown>>(ws: Workspace, core: C): C {
  if (ws.kind !== 'bundle') return core;
  const wrapped: Record<string, (input: never) => unknown> = { ...core };
  for (const [name, handler] of Object.entries(core)) {
    if (!isOperationName(name) || !isWritingOperation(name)) continue;
    wrapped[name] = (input: never): unknown => {
      const result = handler(input);
      if (result instanceof Promise) {
        return result.then((value: unknown) => {
          ws.persist();
          return value;
        });
      }
      ws.persist();
      return result;
    };
  }
  // The same keys, each handler with its own signature (a wrapper returns what it wraps).
  return wrapped as C;
}
