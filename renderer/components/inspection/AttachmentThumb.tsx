// One stored attachment: an image as a thumbnail (its bytes from findingAttachment, shown through a
// blob URL), another file as a link that downloads it.
import { useEffect, useMemo, useState } from 'react';
import type { FindingAttachmentInfo } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { useOperation } from '../../data/use-operation';
import { downloadFile } from '../../logic/csv';
import { formatBytes, imageMime } from '../../logic/inspection';
import { errorMessage } from '../feedback';

export function AttachmentThumb({ findingId, attachment }: { findingId: string; attachment: FindingAttachmentInfo }) {
  const image = imageMime(attachment.name);
  const file = useOperation('findingAttachment', image ? { findingId, sha256: attachment.sha256 } : null);
  const bytes = file.data?.bytes;
  const url = useMemo(() => (bytes && image ? URL.createObjectURL(new Blob([bytes as BlobPart], { type: image })) : null), [bytes, image]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const { api } = useApiContext();
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setError(null);
    try {
      const f = await api.call('findingAttachment', { findingId, sha256: attachment.sha256 });
      downloadFile(f.name, f.bytes as BlobPart, f.mime);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <li className="insp-attachment" data-testid="finding-attachment" data-sha256={attachment.sha256}>
      {image ? (
        url ? (
          <a href={url} target="_blank" rel="noreferrer" title="在新窗口查看原图">
            <img className="insp-thumb insp-thumb-large" src={url} alt={attachment.name} data-testid="attachment-thumb" />
          </a>
        ) : (
          <span className="insp-thumb insp-thumb-large insp-thumb-wait">{file.error ? '无法读取' : '…'}</span>
        )
      ) : (
        <span className="insp-file-icon insp-file-icon-large" aria-hidden>
          {attachment.name.split('.').pop()?.toUpperCase().slice(0, 4) ?? '文件'}
        </span>
      )}
      <button
        type="button"
        className="link-button"
        onClick={() => void download()}
        data-testid="attachment-download"
        title={`SHA-256 ${attachment.sha256}`}
      >
        {attachment.name}
      </button>
      <span className="muted small">{formatBytes(attachment.bytes)}</span>
      {(error ?? file.error) && <span className="status-error small">{error ?? errorMessage(file.error)}</span>}
    </li>
  );
}
