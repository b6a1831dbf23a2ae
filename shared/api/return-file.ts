// The rows of a 督导回传 (.cwr) as its payload's tables hold them (electron/bundle/return-format.ts),
// one schema per table. The reader checks every row against these before anything is merged: a
// return made with the right passphrase is authenticated, not therefore well-formed. Each refusal
// names its column (the path) and why, in the words the analyst and support read.
import * as z from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_CHARS,
  FINDING_CATEGORIES,
  FINDING_NOTE_MAX_CHARS,
  FINDING_OWNER_MAX_CHARS,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  FINDING_TEXT_MAX_CHARS,
} from './inspection';

/** Bounds on what one return may hold: far above one team's work, far below exhausting memory. */
export const RETURN_MAX_FINDINGS = 10_000;
export const RETURN_MAX_EVENTS = 200_000;
export const RETURN_MAX_CORRECTIONS = 100_000;
const ACTOR_MAX_CHARS = 100;
const WHAT_MAX_CHARS = 100;
const MIME_MAX_CHARS = 100;
/** Day numbers from 1970 to 2243: anything outside is not a campaign day. */
const DAY_MAX = 100_000;
const ID_MAX = 2 ** 31 - 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
// Control characters other than tab and line breaks have no place in stored text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// One message per kind of value, whichever of its checks fails: the checks run in the order below,
// and the reader reports the first issue.

function text(max: number) {
  return z
    .string({ error: '应为文字' })
    .refine((v) => v.trim().length > 0, '为空')
    .refine((v) => v.length <= max, `超过 ${max} 字`)
    .refine((v) => !CONTROL.test(v), '含控制字符');
}

function integer(min: number, max: number) {
  // better-sqlite3 gives INTEGER as number (no safeIntegers here); a REAL or a text is refused.
  const why = `应为 ${min} 至 ${max} 的整数`;
  return z.number({ error: why }).int(why).min(min, why).max(max, why);
}

const Uuid = z.string({ error: '应为小写 UUID' }).regex(UUID, '应为小写 UUID');
const Instant = z
  .string({ error: '应为 ISO 时间' })
  .regex(INSTANT, '应为 ISO 时间')
  .refine((v) => !Number.isNaN(Date.parse(v)), '应为 ISO 时间');
const Day = integer(0, DAY_MAX);
const RegionCode = integer(100000, 999999);
const Figure = z.number({ error: '应为非负数' }).min(0, '应为非负数');
const Sha256 = z.string({ error: '应为 64 位小写十六进制摘要' }).regex(SHA256, '应为 64 位小写十六进制摘要');
const Actor = text(ACTOR_MAX_CHARS);

function oneOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z.enum(allowed, { error: `只能是 ${allowed.join('、')}` });
}

/** Saved as a file on request: a name that walks out of the chosen folder is refused here already. */
const AttachmentName = text(ATTACHMENT_NAME_MAX_CHARS).refine((v) => !(/[/\\]/.test(v) || v === '.' || v === '..'), '文件名不能含路径');
const Mime = text(MIME_MAX_CHARS).refine((v) => MIME.test(v), '不是文件类型');

/** `return_origin`: where the bundle came from and who brings it back (one row). */
export const ReturnOriginRowSchema = z.object({
  return_id: Uuid,
  bundle_id: Uuid,
  city_code: RegionCode,
  from_day: Day,
  to_day: Day,
  province_database_id: Uuid,
  team: Actor,
  made_at: Instant,
});

export const ReturnOriginSchema = ReturnOriginRowSchema.transform((r) => ({
  returnId: r.return_id,
  bundleId: r.bundle_id,
  cityCode: r.city_code,
  fromDay: r.from_day,
  toDay: r.to_day,
  provinceDatabaseId: r.province_database_id,
  team: r.team,
  madeAt: r.made_at,
}));
export type ReturnOrigin = z.output<typeof ReturnOriginSchema>;

/** `finding`: a 督导发现 as the bundle holds it. A refinement without a column names the row only. */
export const ReturnFindingSchema = z
  .object({
    id: Uuid,
    region_code: RegionCode,
    department_id: integer(1, ID_MAX).nullable(),
    indicator_id: integer(1, ID_MAX).nullable(),
    from_day: Day.nullable(),
    to_day: Day.nullable(),
    category: oneOf(FINDING_CATEGORIES),
    severity: oneOf(FINDING_SEVERITIES),
    text: text(FINDING_TEXT_MAX_CHARS),
    owner: text(FINDING_OWNER_MAX_CHARS).nullable(),
    due_day: Day.nullable(),
    status: oneOf(FINDING_STATUSES),
    closed_at: Instant.nullable(),
    created_at: Instant,
    created_by: Actor,
    updated_at: Instant,
  })
  .refine((f) => f.from_day === null || f.to_day === null || f.to_day >= f.from_day, '日期范围颠倒');
export type ReturnFinding = z.infer<typeof ReturnFindingSchema>;

/** `finding_event`: a finding's change (its history). */
export const ReturnEventSchema = z.object({
  id: Uuid,
  finding_id: Uuid,
  at: Instant,
  actor: Actor,
  what: text(WHAT_MAX_CHARS),
  status: oneOf(FINDING_STATUSES).nullable(),
  note: text(FINDING_NOTE_MAX_CHARS).nullable(),
  due_day: Day.nullable(),
  attachment_sha256: Sha256.nullable(),
});
export type ReturnEvent = z.infer<typeof ReturnEventSchema>;

/** `finding_attachment`: the bytes with what they claim to be (the reader recomputes both). */
export const ReturnAttachmentSchema = z.object({
  finding_id: Uuid,
  sha256: Sha256,
  name: AttachmentName,
  mime: Mime,
  bytes: integer(1, ATTACHMENT_MAX_BYTES),
  // Any buffer (z.instanceof would narrow the type to one over an ArrayBuffer, which a Buffer is not).
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, '应为二进制数据'),
  added_at: Instant,
  added_by: Actor,
});
export type ReturnAttachment = z.infer<typeof ReturnAttachmentSchema>;

/** `correction`: a 核实更正 applied on the bundle, with the figure it replaced (null: none). */
export const ReturnCorrectionSchema = z.object({
  id: Uuid,
  region_code: RegionCode,
  indicator_id: integer(1, ID_MAX),
  day: Day,
  original_value: Figure.nullable(),
  value: Figure,
  reason: text(FINDING_NOTE_MAX_CHARS),
  finding_id: Uuid.nullable(),
  created_at: Instant,
  created_by: Actor,
});
export type ReturnCorrection = z.infer<typeof ReturnCorrectionSchema>;

export interface ReturnContents {
  origin: ReturnOrigin;
  findings: ReturnFinding[];
  events: ReturnEvent[];
  attachments: ReturnAttachment[];
  corrections: ReturnCorrection[];
}
