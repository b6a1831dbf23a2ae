// The files to import, 替换已有数据, the import button, the chosen files and the stages while it runs.
import { Spinner } from '../../components/feedback';
import type { ImportRun, ImportStage } from './use-import';

const STAGES: { id: Exclude<ImportStage, 'idle' | 'done' | 'failed'> | 'checking'; label: string }[] = [
  { id: 'reading', label: '读取文件' },
  { id: 'uploading', label: '上传' },
  { id: 'checking', label: '校验并写入' },
];

export function ImportForm({ importer }: { importer: ImportRun }) {
  const { files, replace, busy, run } = importer;
  return (
    <section className="panel import-panel">
      <div className="import-form">
        <label className="btn file-button">
          选择文件…
          <input
            className="visually-hidden"
            type="file"
            multiple
            accept=".csv,.xlsx"
            data-testid="import-files"
            onChange={(e) => importer.choose(Array.from(e.target.files ?? []))}
          />
        </label>
        <span className="muted small">{files.length === 0 ? '未选择文件（.csv / .xlsx，可多选）' : `已选 ${files.length} 个文件`}</span>
        <label className="inline-field">
          <input type="checkbox" checked={replace} onChange={(e) => importer.setReplace(e.target.checked)} data-testid="import-replace" />
          替换已有数据
          <span className="muted small">（同一单位、日期、指标已有数值时以新文件为准；可撤销）</span>
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={files.length === 0 || busy}
          onClick={() => void run()}
          data-testid="import-run"
        >
          {busy ? '导入中…' : files.length ? `导入 ${files.length} 个文件` : '导入'}
        </button>
      </div>
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} <span className="muted small">{(f.size / 1024).toFixed(1)} KB</span>
            </li>
          ))}
        </ul>
      )}
      <ImportStages importer={importer} />
    </section>
  );
}

/** The stages while it runs, and ticked only when it succeeded: a rejected import shows its result below. */
function ImportStages({ importer: { stage, busy, report } }: { importer: ImportRun }) {
  if (!(busy || (stage === 'done' && report?.ok))) return null;
  const stageIndex = stage === 'reading' ? 0 : stage === 'uploading' ? 1 : stage === 'done' ? 3 : -1;
  return (
    <ol className="stepper" data-testid="import-progress">
      {STAGES.map((s, i) => (
        <li
          key={s.id}
          className={stageIndex > i || stage === 'done' ? 'done' : stageIndex === i || (i === 2 && stage === 'uploading') ? 'active' : ''}
        >
          {s.label}
        </li>
      ))}
      {busy && <Spinner label={stage === 'reading' ? '正在读取文件…' : '正在上传、校验并写入，请稍候…'} />}
    </ol>
  );
}
