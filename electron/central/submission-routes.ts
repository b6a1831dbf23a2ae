// 报送: upload (validated with the import's own code, all or nothing, city scope), list, detail,
// the original file, accept (a batch of the provincial record, record.ts) or 退回 with a reason,
// the 报送状态 board, and undoing a batch. Who may call each is ENDPOINT_ROLES' (authorisation.ts);
// every refusal is an ApiError the API server audits (with the submission as target where known).
import { z } from 'zod';
import type { DecisionJson, SubmitResultJson } from '../../shared/api/central';
import { ReturnReasonSchema, SUBMISSION_FILE_MAX_BYTES, SUBMISSION_LIST_MAX, SUBMISSION_STATUSES } from '../../shared/api/central';
import { ROLE_LABELS } from '../../shared/api/server-accounts';
import { parseIsoDay } from '../../shared/dates';
import { resolveCity, type Account } from './accounts';
import { asBadRequest, parseBody, type CallContext, type Handled, type Route } from './route';
import { readableCities, requireCityAccess, type Endpoint } from './authorisation';
import { centralResolver } from './catalogue';
import { FILING_STATUS_MAX_DAYS, filingStatus } from './filing-status';
import { ApiError } from './http-errors';
import { inTransaction } from './pg-pool';
import { userOf } from './sessions';
import { acceptIntoRecord, RecordConflict, RecordRefused, undoInRecord } from './record';
import { foreignRows, validateUpload } from './submission-validation';
import { listSubmissionRows, sameContentHeld, sha256Of, storeSubmission, submissionById, submissionDetailJson } from './submissions';

function idParam(ctx: CallContext): number {
  const text = ctx.query.get('id') ?? '';
  const id = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(id) || id < 1) throw new ApiError(400, '请用 id 参数给出报送编号（正整数）');
  return id;
}

/**
 * The city a read asks about (`city`: a name or code), checked against the account's: a city-bound
 * account asking for another city is refused (403, audited with that city), and always reads its
 * own. Null: every city (an analyst who names none).
 */
async function requestedCity(ctx: CallContext, account: Account): Promise<{ cityCode: number | null; target: string | null }> {
  const cityText = ctx.query.get('city');
  let cityCode: number | null = null;
  let target: string | null = null;
  if (cityText) {
    const city = await asBadRequest(() => resolveCity(ctx.pool, cityText));
    try {
      requireCityAccess(account, city.code, city.name, 'read');
    } catch (e) {
      if (e instanceof ApiError) throw new ApiError(e.status, e.message, {}, {}, city.name);
      throw e;
    }
    cityCode = city.code;
    target = city.name;
  }
  const own = readableCities(account);
  if (own !== null) cityCode = own[0] ?? -1;
  return { cityCode, target };
}

async function submit(ctx: CallContext): Promise<Handled> {
  const account = userOf(ctx.session);
  const file = ctx.file;
  if (!file) throw new ApiError(400, '请上传报表文件');
  if (account.regionCode === null) throw new ApiError(403, `${ROLE_LABELS[account.role]}账号没有所属地市，不能报送`);
  const cityCode = account.regionCode;
  const own = account.regionName ?? '本市';
  // A 督导回传 holds verified corrections: it always replaces what it corrects.
  const kind = account.role === 'inspector' ? 'inspection_return' : 'return';
  const replace = kind === 'inspection_return' || ctx.query.get('replace') === '1';
  const sha256 = sha256Of(file.bytes);
  const held = await sameContentHeld(ctx.pool, sha256);
  if (held) throw new ApiError(409, `文件“${file.name}”${held}`, {}, {}, file.name);
  const resolver = await centralResolver(ctx.pool);
  // The worker running out of its heap bound is the user's to act on (split the file): 400 with the reason.
  const upload = await asBadRequest(() => validateUpload(file.name, file.bytes, resolver));
  const foreign = foreignRows(upload, resolver, cityCode);
  if (foreign) {
    const where = `${foreign.sheet === null ? '' : `工作表“${foreign.sheet}”`}第 ${foreign.row} 行（${foreign.unit}）`;
    throw new ApiError(
      403,
      `无权报送${foreign.city}的数据：文件“${file.name}”${where}等 ${foreign.count} 条数据不属于${own}；${ROLE_LABELS[account.role]}账号只能报送${own}的数据，整个文件未保存`,
      {},
      {},
      file.name,
    );
  }
  const stored = await inTransaction(ctx.pool, async (db) => {
    // One city's uploads are stored one at a time (its region row, FOR NO KEY UPDATE, so rows that
    // merely reference the region are not held up): the same file sent twice at once is stored once.
    await db.query('SELECT code FROM region WHERE code = $1 FOR NO KEY UPDATE', [cityCode]);
    const heldNow = await sameContentHeld(db, sha256);
    if (heldNow) throw new ApiError(409, `文件“${file.name}”${heldNow}`, {}, {}, file.name);
    return storeSubmission(db, {
      account,
      cityCode,
      kind,
      replace,
      name: file.name,
      bytes: file.bytes,
      sha256,
      upload,
      resolver,
      now: ctx.now,
    });
  });
  const result: SubmitResultJson = { id: stored.id, file: file.name, status: stored.status, rows: stored.rows, problems: stored.problems };
  return { status: 201, body: { ...result }, target: String(stored.id) };
}

async function list(ctx: CallContext): Promise<Handled> {
  const account = userOf(ctx.session);
  const statusText = ctx.query.get('status');
  const status = statusText === null || statusText === '' ? undefined : SUBMISSION_STATUSES.find((s) => s === statusText);
  if (statusText && !status) throw new ApiError(400, `status 须是 ${SUBMISSION_STATUSES.join('、')} 之一`);
  const limitText = ctx.query.get('limit') ?? '100';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > SUBMISSION_LIST_MAX)
    throw new ApiError(400, `limit 须是 1 到 ${SUBMISSION_LIST_MAX} 的整数`);
  const { cityCode, target } = await requestedCity(ctx, account);
  return { body: { submissions: await listSubmissionRows(ctx.pool, { status, cityCode: cityCode ?? undefined, limit }) }, target };
}

/** A submission the account may read, or a 404 / 403 (audited with its id). */
async function readable(ctx: CallContext, id: number) {
  const found = await submissionById(ctx.pool, id);
  if (!found) throw new ApiError(404, `报送 ${id} 不存在`, {}, {}, String(id));
  try {
    requireCityAccess(userOf(ctx.session), found.cityCode, found.json.city, 'read');
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError(e.status, e.message, {}, {}, String(id));
    throw e;
  }
  return found;
}

async function detail(ctx: CallContext): Promise<Handled> {
  const id = idParam(ctx);
  await readable(ctx, id);
  const json = await submissionDetailJson(ctx.pool, id);
  return { body: { ...json }, target: String(id) };
}

/** The file as uploaded, base64 in JSON (the API answers JSON only); as bounded as the upload. */
async function original(ctx: CallContext): Promise<Handled> {
  const id = idParam(ctx);
  const found = await readable(ctx, id);
  const r = await ctx.pool.query<{ file_bytes: Buffer; file_sha256: string }>(
    'SELECT file_bytes, file_sha256 FROM submission WHERE id = $1',
    [id],
  );
  const bytes = r.rows[0]!.file_bytes;
  if (bytes.length > SUBMISSION_FILE_MAX_BYTES) throw new ApiError(413, '文件过大，无法下载');
  return {
    body: { id, name: found.json.file, size: bytes.length, sha256: r.rows[0]!.file_sha256, bytes_base64: bytes.toString('base64') },
    target: String(id),
  };
}

const IdInput = z.object({ id: z.number().int().positive() }).strict();
const ReturnInput = z.object({ id: z.number().int().positive(), reason: ReturnReasonSchema }).strict();

async function decided(ctx: CallContext, id: number, replaced: number): Promise<Handled> {
  const found = await submissionById(ctx.pool, id);
  const body: DecisionJson = { submission: found!.json, replaced };
  return { body: { ...body }, target: String(id) };
}

async function accept(ctx: CallContext): Promise<Handled> {
  const { id } = parseBody(IdInput, ctx.body);
  const analyst = userOf(ctx.session);
  try {
    const done = await inTransaction(ctx.pool, (db) => acceptIntoRecord(db, id, analyst.id, ctx.now));
    return await decided(ctx, id, done.replaced);
  } catch (e) {
    if (e instanceof RecordConflict) {
      throw new ApiError(
        409,
        `报送 ${id} 与已采用的数据冲突 ${e.count} 处，未采用（仍为待审核）：可退回请地市核实，或由地市以“替换已有数据”重新报送`,
        { problems: e.problems, problem_count: e.count },
        {},
        String(id),
      );
    }
    if (e instanceof RecordRefused) throw new ApiError(/不存在/.test(e.message) ? 404 : 409, e.message, {}, {}, String(id));
    throw e;
  }
}

async function giveBack(ctx: CallContext): Promise<Handled> {
  const { id, reason } = parseBody(ReturnInput, ctx.body);
  const analyst = userOf(ctx.session);
  await inTransaction(ctx.pool, async (db) => {
    const r = await db.query<{ status: string }>('SELECT status FROM submission WHERE id = $1 FOR UPDATE', [id]);
    const status = r.rows[0]?.status;
    if (status === undefined) throw new ApiError(404, `报送 ${id} 不存在`, {}, {}, String(id));
    if (status !== '待审核') throw new ApiError(409, `报送 ${id} 的状态是“${status}”，只有“待审核”的报送可以退回`, {}, {}, String(id));
    await db.query("UPDATE submission SET status = '已退回', reason = $1, decided_at = $2, decided_by = $3 WHERE id = $4", [
      reason,
      ctx.now,
      analyst.id,
      id,
    ]);
  });
  return decided(ctx, id, 0);
}

async function undo(ctx: CallContext): Promise<Handled> {
  const { id } = parseBody(IdInput, ctx.body);
  const analyst = userOf(ctx.session);
  const sub = await ctx.pool.query<{ submission_id: string | null }>('SELECT submission_id FROM batch WHERE id = $1', [id]);
  const submissionId = sub.rows[0]?.submission_id ?? null;
  // Audited against the submission the batch came from (a batch of none: the batch).
  const target = submissionId ?? `批次 ${id}`;
  try {
    const done = await inTransaction(ctx.pool, (db) => undoInRecord(db, id, analyst.id, ctx.now));
    return {
      body: {
        batch_id: id,
        submission_id: submissionId === null ? null : Number(submissionId),
        seq: done.seq,
        removed: done.removed,
        restored: done.restored,
      },
      target,
    };
  } catch (e) {
    if (e instanceof RecordRefused) throw new ApiError(/不存在/.test(e.message) ? 404 : 409, e.message, {}, {}, target);
    throw e;
  }
}

function dayParam(ctx: CallContext, name: 'from' | 'to'): number {
  const text = ctx.query.get(name) ?? '';
  const day = parseIsoDay(text);
  if (day === null) throw new ApiError(400, `${name} 须是日期，如 2024-07-01`);
  return day;
}

async function board(ctx: CallContext): Promise<Handled> {
  const account = userOf(ctx.session);
  const from = dayParam(ctx, 'from');
  const to = dayParam(ctx, 'to');
  if (to < from) throw new ApiError(400, '结束日期早于开始日期');
  if (to - from + 1 > FILING_STATUS_MAX_DAYS) throw new ApiError(400, `报送状态一次最多查询 ${FILING_STATUS_MAX_DAYS} 天`);
  const { cityCode, target } = await requestedCity(ctx, account);
  return { body: { ...(await filingStatus(ctx.pool, from, to, cityCode)) }, target };
}

export const SUBMISSION_ROUTES = {
  // The body limit is the largest return file the server takes; past it, 413 (api-server.ts).
  'POST /api/submissions': { bodyLimit: SUBMISSION_FILE_MAX_BYTES, bodyKind: 'file', handle: submit },
  'GET /api/submissions': { bodyLimit: 0, handle: list },
  'GET /api/submission': { bodyLimit: 0, handle: detail },
  'GET /api/submission/file': { bodyLimit: 0, handle: original },
  'POST /api/submissions/accept': { bodyLimit: 4096, handle: accept },
  'POST /api/submissions/return': { bodyLimit: 8192, handle: giveBack },
  'GET /api/filing-status': { bodyLimit: 0, handle: board },
  'POST /api/batches/undo': { bodyLimit: 4096, handle: undo },
} satisfies Partial<Record<Endpoint, Route>>;
