// Attachments to send with a finding or a status change: a file input, the chosen files listed,
// images previewed from the files themselves before anything is sent.
import { useEffect, useMemo } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_FINDING_MAX } from '../../../shared/api/inspection';
import { formatBytes, imageMime } from '../../logic/inspection';

interface Props {
  files: File[];
  onChange(files: File[]): void;
  testId: string;
}

export function AttachmentPicker({ files, onChange, testId }: Props) {
  const previews = useMemo(() => files.map((f) => (imageMime(f.name) ? URL.createObjectURL(f) : null)), [files]);
  useEffect(() => () => previews.forEach((u) => u && URL.revokeObjectURL(u)), [previews]);
  const tooLarge = files.filter((f) => f.size > ATTACHMENT_MAX_BYTES);
  return (
    <div className="insp-attach-picker">
      <label className="insp-field">
        <span>
          附件（照片、扫描件；每个不超过 {ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，最多 {ATTACHMENTS_PER_FINDING_MAX} 个）
        </span>
        <input
          type="file"
          multiple
          data-testid={testId}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            if (chosen.length > 0) onChange([...files, ...chosen]);
          }}
        />
      </label>
      {files.length > 0 && (
        <ul className="insp-attach-list" data-testid={`${testId}-list`}>
          {files.map((f, i) => (
            <li key={`${f.name}|${i}`} className="insp-attach-item">
              {previews[i] ? (
                <img className="insp-thumb" src={previews[i] ?? undefined} alt={f.name} />
              ) : (
                <span className="insp-file-icon" aria-hidden>
                  文件
                </span>
              )}
              <span className="insp-attach-name">{f.name}</span>
              <span className="muted small">{formatBytes(f.size)}</span>
              <button
                type="button"
                className="btn-icon"
                aria-label={`移除 ${f.name}`}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {tooLarge.length > 0 && (
        <div className="insp-problem">附件过大：{tooLarge.map((f) => `${f.name}（${formatBytes(f.size)}）`).join('、')}</div>
      )}
    </div>
  );
}

/** The chosen files as the operations take them. */
export async function attachmentPayload(files: readonly File[]): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
