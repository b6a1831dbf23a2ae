// The submissions shown (by the status filter), one row each; a click selects one.
import { SUBMISSION_KIND_LABELS, type SubmissionJson } from '../../../shared/api/central';
import { localTime } from '../../logic/server-status';

interface Props {
  submissions: SubmissionJson[];
  selected: number | null;
  onSelect(id: number): void;
}

export function SubmissionList({ submissions, selected, onSelect }: Props) {
  return (
    <div className="review-scroll">
      <table className="data-table" data-testid="submission-list">
        <thead>
          <tr>
            <th>状态</th>
            <th>市</th>
            <th>报送人</th>
            <th>文件</th>
            <th className="num">行数</th>
            <th>报送时间</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr
              key={s.id}
              className={s.id === selected ? 'clickable selected' : 'clickable'}
              onClick={() => onSelect(s.id)}
              data-submission={s.id}
              data-status={s.status}
            >
              <td>
                <span className={`sub-status sub-${s.status}`}>{s.status}</span>
              </td>
              <td className="nowrap">{s.city}</td>
              <td className="nowrap">{s.user}</td>
              <td className="review-file" title={s.file}>
                {s.kind !== 'return' && <span className="sub-kind">{SUBMISSION_KIND_LABELS[s.kind]}</span>}
                {s.file}
              </td>
              <td className="num">{s.rows.toLocaleString('en-US')}</td>
              <td className="nowrap">{localTime(s.submitted_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
