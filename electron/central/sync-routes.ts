// Sync: the provincial record's changes after a seq (GET /api/changes) and each batch's facts as it
// brought them (GET /api/batch-facts), paged; a city-bound account sees only its city's.
import type { Endpoint } from './authorisation';
import { readableCities, requireCityAccess } from './authorisation';
import type { CallContext, Handled, Route } from './route';
import { userOf } from './sessions';
import { ApiError } from './http-errors';
import { pauseForTestIfAsked } from './test-pause';
import { BATCH_FACTS_PAGE_MAX, CHANGES_PAGE_MAX, type BatchFactsJson, type ChangeJson, type ChangesJson } from '../../shared/api/sync-feed';

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) throw new ApiError(400, `${name} 须是 ${min} 到 ${max} 的整数`);
  return n;
}

async function serverId(ctx: CallContext): Promise<string> {
  const r = await ctx.pool.query<{ id: string }>('SELECT id FROM server_identity');
  return r.rows[0]?.id ?? '';
}

interface ChangeRow {
  seq: string;
  kind: ChangeJson['kind'];
  at: Date;
  batch_id: string;
  submission_id: string | null;
  city_code: number | null;
  source: string;
  sha256: string;
  fact_count: number;
  accepted_at: Date;
  accepted_by: string;
}

/**
 * Which changes an account sees: an analyst all of them; a city-bound account (city, inspector)
 * only those of its city — never a batch of no city (one spanning cities), which is an analyst's.
 */
function visibility(cities: number[] | null, firstParam: number): { where: string; params: number[] } {
  if (cities === null) return { where: 'TRUE', params: [] };
  return { where: `c.city_code = $${firstParam}`, params: [cities[0] ?? -1] };
}

async function changes(ctx: CallContext): Promise<Handled> {
  const account = userOf(ctx.session);
  const after = integerParam(ctx.query, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integerParam(ctx.query, 'limit', CHANGES_PAGE_MAX, 1, CHANGES_PAGE_MAX);
  const cities = readableCities(account);
  const seen = visibility(cities, 3);
  const rows = await ctx.pool.query<ChangeRow>(
    `SELECT c.seq, c.kind, c.at, b.id AS batch_id, b.submission_id, b.city_code, b.source, b.sha256, b.fact_count,
            b.accepted_at, a.name AS accepted_by
       FROM change_log c JOIN batch b ON b.id = c.batch_id JOIN account a ON a.id = b.accepted_by
      WHERE c.seq > $1 AND ${seen.where}
      ORDER BY c.seq
      LIMIT $2`,
    [after, limit, ...seen.params],
  );
  const last = await ctx.pool.query<{ last: string | null }>(
    `SELECT MAX(c.seq) AS last FROM change_log c WHERE ${visibility(cities, 1).where}`,
    seen.params,
  );
  const list: ChangeJson[] = rows.rows.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind,
    at: r.at.toISOString(),
    batch: {
      id: Number(r.batch_id),
      submission_id: r.submission_id === null ? null : Number(r.submission_id),
      city_code: r.city_code,
      source: r.source,
      sha256: r.sha256,
      fact_count: r.fact_count,
      accepted_at: r.accepted_at.toISOString(),
      accepted_by: r.accepted_by,
    },
  }));
  const body: ChangesJson = { server_id: await serverId(ctx), changes: list, last_seq: Number(last.rows[0]?.last ?? 0) };
  return { body: { ...body } };
}

/** `after` of GET /api/batch-facts: the last key of the previous page, "day.region.indicator". */
function parseCursor(raw: string | null): [number, number, number] | null {
  if (raw === null || raw === '') return null;
  const m = /^(-?\d{1,9})\.(\d{1,9})\.(\d{1,9})$/.exec(raw);
  if (!m) throw new ApiError(400, 'after 须是上一页返回的 next 值');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

async function batchFacts(ctx: CallContext): Promise<Handled> {
  const account = userOf(ctx.session);
  const id = integerParam(ctx.query, 'id', 0, 1, Number.MAX_SAFE_INTEGER);
  if (id === 0) throw new ApiError(400, '请用 id 参数指定批次');
  const after = parseCursor(ctx.query.get('after'));
  const limit = integerParam(ctx.query, 'limit', BATCH_FACTS_PAGE_MAX, 1, BATCH_FACTS_PAGE_MAX);
  const found = await ctx.pool.query<{ submission_id: string | null; city_code: number | null; city_name: string | null }>(
    'SELECT b.submission_id, b.city_code, r.name AS city_name FROM batch b LEFT JOIN region r ON r.code = b.city_code WHERE b.id = $1',
    [id],
  );
  const batch = found.rows[0];
  if (!batch) throw new ApiError(404, `批次 ${id} 不存在`);
  const cities = readableCities(account);
  if (cities !== null) {
    // A batch of no city spans several: only an analyst reads it.
    if (batch.city_code === null) throw new ApiError(403, `无权查看批次 ${id}：它涉及多个地市，只有省厅分析员可以查看`);
    requireCityAccess(account, batch.city_code, batch.city_name ?? String(batch.city_code), 'read');
  }
  if (batch.submission_id === null) throw new ApiError(409, `批次 ${id} 没有对应的报送记录，无法按报送内容同步`);
  const params: (number | string)[] = [batch.submission_id, limit + 1];
  let keyAfter = '';
  if (after) {
    params.push(...after);
    keyAfter = 'AND (day > $3 OR (day = $3 AND (region_code > $4 OR (region_code = $4 AND indicator_id > $5))))';
  }
  const rows = await ctx.pool.query<{ day: number; region_code: number; indicator_id: number; value: number; note: string | null }>(
    `SELECT day, region_code, indicator_id, value, note FROM submission_fact
      WHERE submission_id = $1 ${keyAfter}
      ORDER BY day, region_code, indicator_id
      LIMIT $2`,
    params,
  );
  await pauseForTestIfAsked('batch-facts');
  const page = rows.rows.slice(0, limit);
  const lastRow = page[page.length - 1];
  const body: BatchFactsJson = {
    batch_id: id,
    facts: page.map((r) => [r.day, r.region_code, r.indicator_id, r.value, r.note]),
    next: rows.rows.length > limit && lastRow ? `${lastRow.day}.${lastRow.region_code}.${lastRow.indicator_id}` : null,
  };
  return { body: { ...body }, target: `批次 ${id}` };
}

export const SYNC_ROUTES = {
  'GET /api/changes': { bodyLimit: 0, handle: changes },
  'GET /api/batch-facts': { bodyLimit: 0, handle: batchFacts },
} satisfies Partial<Record<Endpoint, Route>>;
