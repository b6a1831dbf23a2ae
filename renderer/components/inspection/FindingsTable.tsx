// The findings list (问题清单): 单位, 类别, 程度, 问题描述, 责任单位, 整改时限, 状态; overdue rows in red.
import type { FindingJson } from '../../../shared/api/inspection';

interface Props {
  findings: FindingJson[];
  selected: string | null;
  onSelect(id: string): void;
}

export function FindingsTable({ findings, selected, onSelect }: Props) {
  return (
    <table className="insp-table insp-findings" data-testid="findings-table">
      <thead>
        <tr>
          <th>单位</th>
          <th>类别</th>
          <th>程度</th>
          <th>问题描述</th>
          <th>责任单位</th>
          <th>整改时限</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr
            key={f.id}
            data-finding-id={f.id}
            data-overdue={f.overdue ? 'true' : 'false'}
            className={`insp-clickable${f.overdue ? ' insp-overdue-row' : ''}${selected === f.id ? ' selected' : ''}`}
            onClick={() => onSelect(f.id)}
          >
            <td>
              {f.region_name}
              {f.region_name !== f.city_name && <span className="muted small"> {f.city_name}</span>}
            </td>
            <td>{f.category}</td>
            <td className={`insp-severity-${f.severity}`}>{f.severity}</td>
            <td className="insp-text-cell" title={f.text}>
              {f.text}
              {f.attachments.length > 0 && <span className="insp-attach-count">附件 {f.attachments.length}</span>}
            </td>
            <td>{f.owner ?? '—'}</td>
            <td>{f.due ?? '—'}</td>
            <td>
              <span className={`insp-status insp-status-${f.status}`}>{f.status}</span>
              {f.overdue && <span className="insp-overdue-badge">逾期</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
