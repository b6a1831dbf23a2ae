// The 督导包 dialogs: 导出督导包 (a city, a period, a passphrase twice) and 合并督导回传 (a .cwr file and
// its passphrase) on the provincial copy; 生成督导回传 (a passphrase twice) on a bundle. The sealed
// files the core returns are saved as reports are (a download; Electron's save dialog).
import { useState, type FormEvent, type ReactNode } from 'react';
import type { BundleExportResult, BundleReturnResult, MergeReport } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { downloadFile } from '../../logic/csv';
import { formatBytes } from '../../logic/inspection';
import { useWorkstation } from '../../state/workstation-context';
import { errorMessage, Spinner } from '../feedback';
import { MergeReportView } from './MergeReportView';
import { PassphraseFields, passphraseReady } from './PassphraseFields';

const SEALED_MIME = 'application/octet-stream';
const NO_PASSPHRASE = { first: '', second: '' };

function Dialog({ title, testId, onClose, children }: { title: string; testId: string; onClose(): void; children: ReactNode }) {
  return (
    <div className="insp-dialog-backdrop" role="presentation">
      <div className="insp-dialog" role="dialog" aria-label={title} data-testid={testId}>
        <div className="insp-dialog-head">
          <strong>{title}</strong>
          <button type="button" className="btn-icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** A dialog's one call: busy while it runs, its error kept for the form, its result for the page after. */
function useDialogCall<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const run = async (call: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, result, run, reset: () => setResult(null) };
}

/** The form's error, and its submit and cancel buttons. */
function FormFooter(props: {
  error: string | null;
  busy: boolean;
  ready: boolean;
  label: string;
  busyLabel: string;
  testId: string;
  onClose(): void;
}) {
  return (
    <>
      {props.error && (
        <div className="status-error" role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </div>
      )}
      <div className="insp-buttons">
        <button type="submit" className="btn btn-primary" disabled={props.busy || !props.ready} data-testid={`${props.testId}-submit`}>
          {props.busy ? <Spinner label={props.busyLabel} /> : props.label}
        </button>
        <button type="button" className="btn" onClick={props.onClose} disabled={props.busy}>
          取消
        </button>
      </div>
    </>
  );
}

export function ExportBundleDialog({ onClose }: { onClose(): void }) {
  const { api } = useApiContext();
  const { catalogue, state } = useWorkstation();
  const cities = catalogue.regions.filter((r) => r.level === 'city');
  const filterCity = state.filter.regions.find((code) => cities.some((c) => c.code === code));
  const [city, setCity] = useState(filterCity ?? '');
  const [period, setPeriod] = useState<'phase' | 'dates'>('phase');
  const [phase, setPhase] = useState(catalogue.campaigns.at(-1)?.name ?? '');
  const [from, setFrom] = useState(state.filter.from);
  const [to, setTo] = useState(state.filter.to);
  const [pass, setPass] = useState(NO_PASSPHRASE);
  const { busy, error, result: done, run } = useDialogCall<BundleExportResult>();
  const ready = city !== '' && passphraseReady(pass, true) && (period === 'phase' ? phase !== '' : from !== '' && to !== '' && from <= to);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    void run(async () => {
      const result = await api.call('exportBundle', {
        region: city,
        ...(period === 'phase' ? { phase } : { from, to }),
        passphrase: pass.first,
      });
      downloadFile(result.fileName, result.bytes as BlobPart, SEALED_MIME);
      return result;
    });
  };

  return (
    <Dialog title="导出督导包" testId="bundle-export-dialog" onClose={onClose}>
      {done ? (
        <div className="insp-done" data-testid="bundle-export-done">
          <p>
            已导出 <strong>{done.city}</strong> 督导包（{done.from} 至 {done.to}）：<span className="mono">{done.fileName}</span>，
            {formatBytes(done.bytes.byteLength)}。
          </p>
          <p className="small">
            含本市数据 {done.facts.toLocaleString('en-US')} 条、全省及各市每日合计 {done.contextFacts.toLocaleString('en-US')}{' '}
            条、已有督导发现 {done.findings} 条。文件已加密，口令请另行告知督导组，不要与文件一起传送。
          </p>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            完成
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="insp-form">
          <label className="insp-field">
            <span>督导地市</span>
            <select value={city} onChange={(e) => setCity(e.target.value)} data-testid="bundle-city">
              <option value="">请选择地市</option>
              {cities.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="insp-fieldset">
            <legend>数据时段</legend>
            <label className="insp-radio">
              <input type="radio" checked={period === 'phase'} onChange={() => setPeriod('phase')} data-testid="bundle-period-phase" />
              行动或阶段
              <select value={phase} disabled={period !== 'phase'} onChange={(e) => setPhase(e.target.value)} data-testid="bundle-phase">
                {catalogue.campaigns.map((c) => (
                  <optgroup key={c.name} label={c.name}>
                    <option value={c.name}>
                      {c.name}（全程 {c.from} 至 {c.to}）
                    </option>
                    {c.phases.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}（{p.from} 至 {p.to}）
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label className="insp-radio">
              <input type="radio" checked={period === 'dates'} onChange={() => setPeriod('dates')} data-testid="bundle-period-dates" />
              自定日期
              <input
                type="date"
                value={from}
                disabled={period !== 'dates'}
                onChange={(e) => setFrom(e.target.value)}
                data-testid="bundle-from"
              />
              至
              <input type="date" value={to} disabled={period !== 'dates'} onChange={(e) => setTo(e.target.value)} data-testid="bundle-to" />
            </label>
          </fieldset>
          <PassphraseFields value={pass} onChange={setPass} twice testId="bundle-pass" />
          <p className="small muted">督导包含该市报送数据，用口令加密（AES-256-GCM）；口令遗失则无法打开，工作站不保存口令。</p>
          <FormFooter
            error={error}
            busy={busy}
            ready={ready}
            label="导出督导包"
            busyLabel="正在导出并加密…"
            testId="bundle-export"
            onClose={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}

export function BundleReturnDialog({ onClose }: { onClose(): void }) {
  const { api } = useApiContext();
  const [pass, setPass] = useState(NO_PASSPHRASE);
  const { busy, error, result: done, run } = useDialogCall<BundleReturnResult>();
  const ready = passphraseReady(pass, true);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    void run(async () => {
      const result = await api.call('bundleReturn', { passphrase: pass.first });
      downloadFile(result.fileName, result.bytes as BlobPart, SEALED_MIME);
      return result;
    });
  };

  return (
    <Dialog title="生成督导回传" testId="bundle-return-dialog" onClose={onClose}>
      {done ? (
        <div className="insp-done" data-testid="bundle-return-done">
          <p>
            已生成督导回传 <span className="mono">{done.fileName}</span>（{formatBytes(done.bytes.byteLength)}）：督导发现 {done.findings}{' '}
            条、附件 {done.attachments} 个、核实更正 {done.corrections} 条。
          </p>
          <p className="small">交省厅在其数据库上“合并督导回传”，并另行告知口令。</p>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            完成
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="insp-form">
          <p className="small">回传文件含本督导包的全部督导发现（含处理记录和附件）与核实更正，用口令加密。</p>
          <PassphraseFields value={pass} onChange={setPass} twice testId="return-pass" />
          <FormFooter
            error={error}
            busy={busy}
            ready={ready}
            label="生成督导回传"
            busyLabel="正在生成…"
            testId="bundle-return"
            onClose={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}

export function MergeReturnDialog({ onClose }: { onClose(): void }) {
  const { api } = useApiContext();
  const [file, setFile] = useState<File | null>(null);
  const [pass, setPass] = useState(NO_PASSPHRASE);
  const { busy, error, result: report, run, reset } = useDialogCall<MergeReport>();
  const ready = file !== null && passphraseReady(pass, false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || !file) return;
    void run(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return api.call('mergeReturn', { file: { name: file.name, bytes }, passphrase: pass.first });
    });
  };

  return (
    <Dialog title="合并督导回传" testId="merge-dialog" onClose={onClose}>
      {report ? (
        <div>
          <MergeReportView report={report} />
          <div className="insp-buttons">
            <button type="button" className="btn btn-primary" onClick={onClose} data-testid="merge-close">
              完成
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                reset();
                setFile(null);
                setPass(NO_PASSPHRASE);
              }}
            >
              再合并一个
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="insp-form">
          <label className="insp-field">
            <span>督导回传文件（.cwr）</span>
            <input type="file" accept=".cwr" data-testid="merge-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <PassphraseFields value={pass} onChange={setPass} twice={false} testId="merge-pass" />
          <p className="small muted">
            督导发现按编号新增或更新；核实更正只在省厅数字仍为导出督导包时的数字时采用（作为一个可撤销的导入批次），否则列为冲突。
          </p>
          <FormFooter error={error} busy={busy} ready={ready} label="合并" busyLabel="正在合并…" testId="merge" onClose={onClose} />
        </form>
      )}
    </Dialog>
  );
}
