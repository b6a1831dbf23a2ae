// The inspection (督导) loop's contract: findings (督导发现 / 问题清单) with history and attachments,
// verified corrections (核实更正), the encrypted city bundle (督导包, .cwb) and its return (督导回传,
// .cwr). The JSON shapes below are the CLI's `--format json` output, key for key.
import * as z from 'zod';
import { IsoDaySchema } from './slice';
import { tooLongMessage } from './stored-text';

export const FINDING_CATEGORIES = ['漏报', '迟报', '数据不实', '工作不落实', '其他'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
export const FINDING_SEVERITIES = ['一般', '较重', '严重'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['待整改', '整改中', '已销号'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding's text (问题描述), an owner (责任单位), a note or a reason: bounded like any stored text. */
export const FINDING_TEXT_MAX_CHARS = 2000;
export const FINDING_OWNER_MAX_CHARS = 100;
export const FINDING_NOTE_MAX_CHARS = 2000;
/** One attachment (a photo, a scanned page) and all of one finding's. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_FINDING_MAX = 20;
export const ATTACHMENT_NAME_MAX_CHARS = 255;
/** Passphrases of a bundle or a return: shorter ones are refused. */
export const PASSPHRASE_MIN_CHARS = 10;
export const PASSPHRASE_MAX_CHARS = 1024;

function boundedText(field: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `请填写${field}`)
    .superRefine((s, ctx) => {
      if (s.length > max) ctx.addIssue({ code: 'custom', message: tooLongMessage(field, s.length, max) });
    });
}

export const AttachmentInputSchema = z.object({
  name: z.string().trim().min(1, '附件须有文件名').max(ATTACHMENT_NAME_MAX_CHARS, `附件文件名过长（上限 ${ATTACHMENT_NAME_MAX_CHARS} 字）`),
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength > 0, '附件是空文件')
    .superRefine((b, ctx) => {
      if (b.byteLength > ATTACHMENT_MAX_BYTES) {
        ctx.addIssue({
          code: 'custom',
          message: `附件过大：${(b.byteLength / 1024 / 1024).toFixed(1)} MB，上限 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
        });
      }
    }),
});
export type AttachmentInput = z.infer<typeof AttachmentInputSchema>;

const AttachmentsSchema = z
  .array(AttachmentInputSchema)
  .max(ATTACHMENTS_PER_FINDING_MAX, `附件过多（每条督导发现上限 ${ATTACHMENTS_PER_FINDING_MAX} 个）`)
  .default([]);

export const PassphraseSchema = z
  .string()
  .min(PASSPHRASE_MIN_CHARS, `口令至少 ${PASSPHRASE_MIN_CHARS} 个字符`)
  .max(PASSPHRASE_MAX_CHARS, `口令过长（上限 ${PASSPHRASE_MAX_CHARS} 个字符）`);

/** `campaign finding add`: the unit (a county, 市本级 or a city), what it concerns, and the finding. */
export const AddFindingInputSchema = z
  .object({
    region: z.string().trim().min(1, '请选择被督导单位').max(100),
    department: z.string().trim().min(1).max(100).optional(),
    indicator: z.string().trim().min(1).max(200).optional(),
    from: IsoDaySchema.optional(),
    to: IsoDaySchema.optional(),
    category: z.enum(FINDING_CATEGORIES, `问题类别只能是 ${FINDING_CATEGORIES.join('、')}`),
    severity: z.enum(FINDING_SEVERITIES, `严重程度只能是 ${FINDING_SEVERITIES.join('、')}`),
    text: boundedText('问题描述', FINDING_TEXT_MAX_CHARS),
    due: IsoDaySchema.optional(),
    owner: boundedText('责任单位', FINDING_OWNER_MAX_CHARS).optional(),
    attachments: AttachmentsSchema,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '起始日期晚于结束日期', path: ['to'] });
export type AddFindingInput = z.infer<typeof AddFindingInputSchema>;

/** `campaign finding update`: a status change, a note, a new due date, attachments. 已销号 needs a note. */
export const UpdateFindingInputSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    status: z.enum(FINDING_STATUSES, `状态只能是 ${FINDING_STATUSES.join('、')}`).optional(),
    note: boundedText('整改情况说明', FINDING_NOTE_MAX_CHARS).optional(),
    due: IsoDaySchema.optional(),
    attachments: AttachmentsSchema,
  })
  .refine((u) => u.status !== '已销号' || u.note !== undefined, { message: '销号须写明如何核实整改（--note）', path: ['note'] })
  .refine((u) => u.status !== undefined || u.note !== undefined || u.due !== undefined || u.attachments.length > 0, {
    message: '没有要更改的内容（可给 --status、--note、--due 或 --attach）',
  });
export type UpdateFindingInput = z.infer<typeof UpdateFindingInputSchema>;

export const ListFindingsInputSchema = z.object({
  /** A city, county or 市本级 (a city includes its units). */
  region: z.string().trim().min(1).max(100).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  /** Only findings past their due date and not 已销号. */
  overdue: z.boolean().default(false),
});
export type ListFindingsInput = z.infer<typeof ListFindingsInputSchema>;

export const FindingAttachmentInputSchema = z.object({
  findingId: z.string().trim().min(1).max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '附件摘要须为 64 位十六进制'),
});

export const CorrectInputSchema = z.object({
  /** A reporting unit: a county or a city's 市本级. */
  region: z.string().trim().min(1).max(100),
  indicator: z.string().trim().min(1).max(200),
  day: IsoDaySchema,
  value: z.number().finite().nonnegative('更正值不能为负数'),
  reason: boundedText('更正原因', FINDING_NOTE_MAX_CHARS),
  finding: z.string().trim().min(1).max(64).optional(),
});
export type CorrectInput = z.infer<typeof CorrectInputSchema>;

export const ListCorrectionsInputSchema = z.object({ region: z.string().trim().min(1).max(100).optional() });

/** `campaign bundle export`: one city, a period (from/to or a phase/campaign name). */
export const ExportBundleInputSchema = z
  .object({
    region: z.string().trim().min(1, '请选择地市').max(100),
    from: IsoDaySchema.optional(),
    to: IsoDaySchema.optional(),
    phase: z.string().trim().min(1).max(100).optional(),
    passphrase: PassphraseSchema,
  })
  .refine((b) => (b.phase !== undefined) !== (b.from !== undefined || b.to !== undefined), {
    message: '请给出 --from 与 --to，或 --phase（二者选一）',
  })
  .refine((b) => b.phase !== undefined || (b.from !== undefined && b.to !== undefined), { message: '--from 与 --to 须同时给出' });
export type ExportBundleInput = z.infer<typeof ExportBundleInputSchema>;

/** `campaign bundle return`: the open bundle's findings and corrections, sealed again. */
export const BundleReturnInputSchema = z.object({ passphrase: PassphraseSchema });

/** `campaign bundle merge`: a return file into the open provincial copy. */
export const MergeReturnInputSchema = z.object({
  file: z.object({ name: z.string().min(1).max(4096), bytes: z.instanceof(Uint8Array) }),
  passphrase: PassphraseSchema,
});
export type MergeReturnInput = z.infer<typeof MergeReturnInputSchema>;

// ---- answers ----

export interface FindingAttachmentInfo {
  name: string;
  sha256: string;
  bytes: number;
}

export interface FindingHistoryEntry {
  id: string;
  /** ISO instant (UTC). */
  at: string;
  /** The workstation's user name. */
  user: string;
  /** 新建 | 状态 | 说明 | 整改时限 | 附件. */
  what: string;
  status: FindingStatus | null;
  note: string | null;
  due: string | null;
  attachment: string | null;
}

/** One finding, as `campaign finding list --format json` prints it. */
export interface FindingJson {
  id: string;
  region_code: string;
  region_name: string;
  city_name: string;
  department: string | null;
  indicator: string | null;
  from: string | null;
  to: string | null;
  category: FindingCategory;
  severity: FindingSeverity;
  text: string;
  owner: string | null;
  due: string | null;
  status: FindingStatus;
  overdue: boolean;
  created_at: string;
  attachments: FindingAttachmentInfo[];
  history: FindingHistoryEntry[];
}

export interface FindingList {
  findings: FindingJson[];
}

export interface AttachmentFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** 已更正 (applied here), 已撤销 (its batch undone), 冲突未采用 (a merge met a changed figure). */
export type CorrectionState = '已更正' | '已撤销' | '冲突未采用';

export interface CorrectionJson {
  id: string;
  region_code: string;
  region_name: string;
  city_name: string;
  department: string;
  indicator: string;
  day: string;
  original_value: number | null;
  value: number;
  reason: string;
  finding: string | null;
  created_at: string;
  user: string;
  state: CorrectionState;
  batch: number | null;
  /** The provincial figure a merge found instead of original_value. */
  conflict_value: number | null;
}

export interface CorrectionList {
  corrections: CorrectionJson[];
}

/** What the open database is, when it is a 督导包. */
export interface BundleInfo {
  bundleId: string;
  cityCode: string;
  cityName: string;
  from: string;
  to: string;
  madeAt: string;
  madeBy: string;
  provinceDatabaseId: string;
}

/** A sealed file made for the caller to save (a bundle or a return). */
export interface SealedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface BundleExportResult extends SealedFile {
  city: string;
  from: string;
  to: string;
  /** Facts of the city's units, and the context facts (other cities' daily totals). */
  facts: number;
  contextFacts: number;
  findings: number;
}

export interface BundleReturnResult extends SealedFile {
  findings: number;
  corrections: number;
  attachments: number;
}

export interface MergeConflict {
  correction: string;
  region_code: string;
  region_name: string;
  indicator: string;
  day: string;
  /** What the bundle held when the correction was made. */
  bundle_value: number | null;
  /** What the provincial copy holds now. */
  province_value: number | null;
  corrected_value: number;
}

export interface MergeReport {
  returnId: string;
  city: string;
  team: string;
  /** True when this return had been merged before: nothing changed. */
  alreadyMerged: boolean;
  findingsAdded: number;
  findingsUpdated: number;
  attachmentsAdded: number;
  correctionsApplied: number;
  /** Corrections merged before (by id), skipped. */
  correctionsSkipped: number;
  conflicts: MergeConflict[];
  /** The import batch that applied the corrections (undoable); null when none was applied. */
  batchId: number | null;
  /** What the analyst should know but that did not stop the merge (e.g. a bundle from another copy). */
  notes?: string[];
}
