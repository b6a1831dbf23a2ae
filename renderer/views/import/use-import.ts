// The 导入 view's two actions: importing the chosen files (its stages, its report) and undoing a
// batch (after its confirmation). The result of each says what changed; the api context drops what it made stale.
import { useState } from 'react';
import type { BatchInfo, ImportReport } from '../../../shared/api/import';
import type { WorkstationApi } from '../../../shared/api/operations';

export type ImportStage = 'idle' | 'reading' | 'uploading' | 'done' | 'failed';

export interface ImportRun {
  files: File[];
  /** New files chosen: the last report and stage are cleared. */
  choose(files: File[]): void;
  replace: boolean;
  setReplace(replace: boolean): void;
  stage: ImportStage;
  /** Reading or uploading. */
  busy: boolean;
  report: ImportReport | null;
  run(): Promise<void>;
}

export function useImportRun(api: WorkstationApi, setError: (e: unknown) => void): ImportRun {
  const [files, setFiles] = useState<File[]>([]);
  const [replace, setReplace] = useState(false);
  const [stage, setStage] = useState<ImportStage>('idle');
  const [report, setReport] = useState<ImportReport | null>(null);

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setReport(null);
    setStage('idle');
  };

  const run = async () => {
    if (files.length === 0) return;
    setError(null);
    setReport(null);
    setStage('reading');
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      setStage('uploading');
      const r = await api.call('import', { files: payload, replace, rejects: true });
      setReport(r);
      setStage('done');
    } catch (e) {
      setError(e);
      setStage('failed');
    }
  };

  const busy = stage === 'reading' || stage === 'uploading';
  return { files, choose, replace, setReplace, stage, busy, report, run };
}

export interface BatchUndo {
  /** The batch whose undo awaits confirmation. */
  undoing: BatchInfo | null;
  setUndoing(batch: BatchInfo | null): void;
  /** What the last undo removed and restored. */
  message: string | null;
  clearMessage(): void;
  undo(batch: BatchInfo): Promise<void>;
}

export function useBatchUndo(api: WorkstationApi, setError: (e: unknown) => void): BatchUndo {
  const [undoing, setUndoing] = useState<BatchInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const undo = async (b: BatchInfo) => {
    setUndoing(null);
    setError(null);
    try {
      const r = await api.call('undo', { batchId: b.id });
      setMessage(
        `已撤销批次 ${r.batchId}：移除 ${r.removed.toLocaleString('en-US')} 条，恢复 ${r.restored.toLocaleString('en-US')} 条${r.backup ? `（撤销前备份：${r.backup}）` : ''}`,
      );
    } catch (e) {
      setError(e);
    }
  };

  return { undoing, setUndoing, message, clearMessage: () => setMessage(null), undo };
}
