// Attachment files on the command line: read with their size checked first (a file over the bound
// is refused before it is read whole), and written out under names that cannot leave the folder
// or overwrite a file already there.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import {
  ATTACHMENTS_PER_FINDING_MAX,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_CHARS,
  type AttachmentInput,
} from '../../shared/api/inspection';
import { UserError } from '../../shared/errors';

const MB = 1024 * 1024;

export function readAttachmentFiles(paths: readonly string[]): AttachmentInput[] {
  if (paths.length > ATTACHMENTS_PER_FINDING_MAX) {
    throw new UserError(`附件过多：给了 ${paths.length} 个，每条督导发现最多 ${ATTACHMENTS_PER_FINDING_MAX} 个`);
  }
  return paths.map((path) => {
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new UserError(`附件 ${path} 不是文件`);
      size = st.size;
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`无法读取附件 ${path}：${e instanceof Error ? e.message : String(e)}`);
    }
    if (size > ATTACHMENT_MAX_BYTES) {
      throw new UserError(`附件 ${path} 过大：${(size / MB).toFixed(1)} MB，上限 ${ATTACHMENT_MAX_BYTES / MB} MB（未做任何更改）`);
    }
    const bytes = new Uint8Array(readFileSync(path));
    return { name: basename(path).slice(0, ATTACHMENT_NAME_MAX_CHARS), bytes };
  });
}

const EXTENSION_OF_MIME: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
};

/**
 * A stored attachment name as a plain file name inside the folder: no path (either separator), no
 * control or reserved characters, no leading dots, bounded; a name left empty becomes 附件-<摘要>.
 */
export function safeAttachmentName(name: string, sha256: string, mime: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  let clean = last
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(clean)) clean = `_${clean}`;
  if (clean === '') clean = `附件-${sha256.slice(0, 12)}${EXTENSION_OF_MIME[mime] ?? ''}`;
  if (clean.length > 200) {
    const ext = extname(clean).slice(0, 16);
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean;
}

/** Writes `bytes` into `folder` as `name`, or `name (2)`, `name (3)`… when that file exists. Returns the path. */
export function writeWithoutOverwrite(folder: string, name: string, bytes: Uint8Array): string {
  mkdirSync(folder, { recursive: true });
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const path = join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    let fd: number;
    try {
      fd = openSync(path, 'wx'); // fails when the file exists: nothing is overwritten
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') continue;
      throw new UserError(`无法写入 ${path}：${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    return path;
  }
  throw new UserError(`文件夹 ${folder} 中同名文件过多：${name}`);
}
