// The provincial server's sync feed (issue 14 §2): the record's changes after a seq and each
// batch's facts, paged. The server builds these answers (electron/central/sync-routes.ts); the
// workstation checks every answer against the same schemas before it writes anything
// (electron/sync/feed-answers.ts): a server is as untrusted as any file.
import * as z from 'zod';

/** Changes per page of GET /api/changes. */
export const CHANGES_PAGE_MAX = 1000;
/** Facts per page of GET /api/batch-facts (a page of JSON stays a few MB). */
export const BATCH_FACTS_PAGE_MAX = 50_000;

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Iso = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)));
const RegionCode = z.number().int().min(100_000).max(999_999);

/** One change of the provincial record (GET /api/changes), in seq order. */
export const ChangeSchema = z.object({
  seq: Id,
  kind: z.enum(['batch_accepted', 'batch_undone']),
  at: Iso,
  batch: z.object({
    id: Id,
    submission_id: Id.nullable(),
    city_code: RegionCode.nullable(),
    source: z.string().max(1000),
    sha256: z.string().max(128),
    fact_count: z.number().int().min(0),
    accepted_at: Iso,
    accepted_by: z.string().max(200),
  }),
});
export type ChangeJson = z.infer<typeof ChangeSchema>;

export const ChangesSchema = z.object({
  server_id: z.string().max(100),
  changes: z.array(ChangeSchema).max(CHANGES_PAGE_MAX),
  /** The last seq the server holds that this account may see (sync is up to date at it). */
  last_seq: z.number().int().min(0),
});
export type ChangesJson = z.infer<typeof ChangesSchema>;

/** One fact of a batch as it brought it: [day, region_code, indicator_id, value, note]. */
export const BatchFactSchema = z.tuple([
  z.number().int().min(-1_000_000).max(1_000_000),
  RegionCode,
  z.number().int().min(1).max(999),
  z.number().finite().min(0),
  z.string().max(2000).nullable(),
]);
export type BatchFact = z.infer<typeof BatchFactSchema>;

/** GET /api/batch-facts?id=&after=: a batch's facts as it brought them, in key order, paged. */
export const BatchFactsSchema = z.object({
  batch_id: Id,
  facts: z.array(BatchFactSchema).max(BATCH_FACTS_PAGE_MAX),
  /** Pass as `after` for the next page; null at the end. */
  next: z.string().max(100).nullable(),
});
export type BatchFactsJson = z.infer<typeof BatchFactsSchema>;
