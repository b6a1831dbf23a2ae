// The new-finding form's fields: what the finding concerns (the unit; department, indicator and
// dates, optional) and how it is recorded (category, severity, due date, owner).
import type { Catalogue } from '../../../shared/api/catalogue-types';
import { FINDING_CATEGORIES, FINDING_SEVERITIES } from '../../../shared/api/inspection';
import type { FindingFields } from './finding-fields';
import { UnitSelect } from './UnitSelect';

interface Props {
  fields: FindingFields;
  update(patch: Partial<FindingFields>): void;
}

/** 被督导单位, 部门, 指标 and 涉及日期: choosing a department clears an indicator of another; choosing an indicator sets its department. */
export function FindingSubjectFields({ fields, update, catalogue, onlyCity }: Props & { catalogue: Catalogue; onlyCity: string | null }) {
  const { region, department, indicator, from, to } = fields;
  const indicators = catalogue.indicators.filter((i) => department === '' || i.department === department);
  return (
    <>
      <label className="insp-field">
        <span>被督导单位</span>
        <UnitSelect value={region} onChange={(v) => update({ region: v })} withCity onlyCity={onlyCity} testId="finding-unit" />
      </label>
      <label className="insp-field">
        <span>部门（可选）</span>
        <select
          value={department}
          data-testid="finding-department"
          onChange={(e) =>
            update({
              department: e.target.value,
              ...(e.target.value && !indicator.startsWith(`${e.target.value}/`) ? { indicator: '' } : {}),
            })
          }
        >
          <option value="">不限</option>
          {catalogue.departments.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="insp-field">
        <span>指标（可选）</span>
        <select
          value={indicator}
          data-testid="finding-indicator"
          onChange={(e) => {
            const ind = catalogue.indicators.find((i) => i.key === e.target.value);
            update({ indicator: e.target.value, ...(ind ? { department: ind.department } : {}) });
          }}
        >
          <option value="">不限</option>
          {indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {i.department}/{i.name}
            </option>
          ))}
        </select>
      </label>
      <label className="insp-field">
        <span>涉及日期 起</span>
        <input type="date" value={from} data-testid="finding-from" onChange={(e) => update({ from: e.target.value })} />
      </label>
      <label className="insp-field">
        <span>止</span>
        <input type="date" value={to} data-testid="finding-to" onChange={(e) => update({ to: e.target.value })} />
      </label>
    </>
  );
}

/** 问题类别, 严重程度, 整改时限 and 责任单位. */
export function FindingRecordFields({ fields, update }: Props) {
  const { category, severity, due, owner } = fields;
  return (
    <>
      <label className="insp-field">
        <span>问题类别</span>
        <select
          value={category}
          data-testid="finding-category"
          onChange={(e) => update({ category: FINDING_CATEGORIES.find((c) => c === e.target.value) ?? '其他' })}
        >
          {FINDING_CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="insp-field">
        <span>严重程度</span>
        <select
          value={severity}
          data-testid="finding-severity"
          onChange={(e) => update({ severity: FINDING_SEVERITIES.find((s) => s === e.target.value) ?? '一般' })}
        >
          {FINDING_SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="insp-field">
        <span>整改时限</span>
        <input type="date" value={due} data-testid="finding-due" onChange={(e) => update({ due: e.target.value })} />
      </label>
      <label className="insp-field">
        <span>责任单位</span>
        <input
          type="text"
          value={owner}
          data-testid="finding-owner"
          placeholder="如：交城县公安局交警大队"
          onChange={(e) => update({ owner: e.target.value })}
        />
      </label>
    </>
  );
}
