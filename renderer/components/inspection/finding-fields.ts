// The new-finding form's fields: as a draft (a grid row, a chart point) fills them, what keeps
// them from being saved, and the addFinding call they make (empty optional fields left out).
import type { Catalogue } from '../../../shared/api/catalogue-types';
import type { FindingCategory, FindingSeverity } from '../../../shared/api/inspection';
import type { OperationInput } from '../../../shared/api/operations';
import type { FindingDraft } from '../../state/finding-draft';

export interface FindingFields {
  /** The unit's region code; '' until one is chosen. */
  region: string;
  /** '' for 不限. */
  department: string;
  /** An indicator key, '' for 不限. */
  indicator: string;
  from: string;
  to: string;
  category: FindingCategory;
  severity: FindingSeverity;
  text: string;
  due: string;
  owner: string;
}

export function draftFields(draft: FindingDraft | null, catalogue: Catalogue): FindingFields {
  const draftIndicator = draft?.indicator ? catalogue.indicators.find((i) => i.key === draft.indicator) : undefined;
  return {
    region: draft?.region ?? '',
    department: draftIndicator?.department ?? '',
    indicator: draftIndicator?.key ?? '',
    from: draft?.from ?? '',
    to: draft?.to ?? '',
    category: '漏报',
    severity: '一般',
    text: '',
    due: '',
    owner: '',
  };
}

/** What keeps the finding from being saved, as the form says it; null when nothing does. */
export function findingProblem({ region, text, from, to }: FindingFields): string | null {
  return region === ''
    ? '请选择被督导单位'
    : text.trim() === ''
      ? '请填写问题描述'
      : (from === '') !== (to === '')
        ? '起止日期须同时填写'
        : from > to
          ? '起始日期晚于结束日期'
          : null;
}

/** The addFinding call's fields, the attachments aside. */
export function findingInput(f: FindingFields, catalogue: Catalogue): Omit<OperationInput<'addFinding'>, 'attachments'> {
  const chosen = catalogue.indicators.find((i) => i.key === f.indicator);
  return {
    region: f.region,
    ...(f.department ? { department: f.department } : {}),
    ...(chosen ? { indicator: chosen.key } : {}),
    ...(f.from && f.to ? { from: f.from, to: f.to } : {}),
    category: f.category,
    severity: f.severity,
    text: f.text,
    ...(f.due ? { due: f.due } : {}),
    ...(f.owner.trim() ? { owner: f.owner } : {}),
  };
}
