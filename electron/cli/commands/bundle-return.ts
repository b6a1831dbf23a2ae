// `campaign bundle return` (督导回传 from a 督导包) and `campaign bundle merge` (merging it into the
// provincial copy): both through the same operations as the workstation (bundleReturn, mergeReturn).
import { readFileSync, statSync } from 'node:fs';
import type { Options } from '../args';
import { UserError } from '../../../shared/errors';
import type { MergeReport } from '../../../shared/api/inspection';
import { formatTable, out, terminalText } from '../print';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { readPassphrase } from '../passphrase';
import { writeFileAtomically } from '../../bundle/atomic-file';
import { SEALED_PAYLOAD_MAX_BYTES, sealedKindOf } from '../../bundle/sealed-file';
import { readFileHead } from '../../store/sqlite-file';
import { resolve as resolvePath } from 'node:path';

function outputFormat(options: Options): 'table' | 'json' {
  const f = options.format ?? 'table';
  if (f !== 'table' && f !== 'json') throw new UserError(`--format 只能是 table 或 json（收到 ${f}）`);
  return f;
}

function noArguments(args: string[], usage: string): void {
  if (args.length > 0) throw new UserError(`多余的参数 ${args.join(' ')}；用法：${usage}`);
}

export async function bundleReturnCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const usage = 'campaign bundle return --db 文件.cwb --out 文件.cwr --passphrase-file 口令文件';
  noArguments(args, usage);
  const fmt = outputFormat(options);
  const outPath = options.out;
  if (!outPath) throw new UserError(`请用 --out 指定督导回传文件路径（.cwr）；用法：${usage}`);
  refuseToOverwrite(outPath, dbPath);
  const passphrase = readPassphrase(options['passphrase-file']);
  return withCliWorkspace(
    dbPath,
    options,
    async (ws) => {
      const result = oneAnswerCore(ws).bundleReturn({ passphrase });
      writeFileAtomically(outPath, result.bytes);
      const { bytes, ...summary } = result;
      if (fmt === 'json') out(JSON.stringify({ ...summary, path: outPath, size: bytes.byteLength }));
      else {
        out(`已写入督导回传 ${terminalText(outPath)}（${bytes.byteLength} 字节，已加密）`);
        out(`督导发现 ${summary.findings} 条（附件 ${summary.attachments} 个），核实更正 ${summary.corrections} 条`);
        out('请将该文件与口令分开交回省厅，用 campaign bundle merge 合并。');
      }
      return 0;
    },
    { readonly: true },
  );
}

/**
 * The return may replace an earlier return, never anything else: a mistyped --out naming the
 * bundle itself (or a database, or any other file) would lose the team's work.
 */
function refuseToOverwrite(outPath: string, dbPath: string): void {
  if (resolvePath(outPath) === resolvePath(dbPath)) throw new UserError(`--out 不能是督导包本身（${outPath}）：请另给一个 .cwr 文件路径`);
  let head: Buffer;
  try {
    if (!statSync(outPath).isFile()) throw new UserError(`${outPath} 不是文件：请另给一个 .cwr 文件路径`);
    head = readFileHead(outPath, 8);
  } catch (e) {
    if (e instanceof UserError) throw e;
    return; // nothing there yet
  }
  if (sealedKindOf(head) !== 'return') throw new UserError(`${outPath} 已存在且不是督导回传文件，未覆盖：请另给一个 .cwr 文件路径`);
}

export async function bundleMergeCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const usage = 'campaign bundle merge --db 全省数据库 --file 文件.cwr --passphrase-file 口令文件';
  noArguments(args, usage);
  const fmt = outputFormat(options);
  const file = options.file;
  if (!file) throw new UserError(`请用 --file 指定督导回传文件（.cwr）；用法：${usage}`);
  const bytes = readReturnFile(file);
  const passphrase = readPassphrase(options['passphrase-file']);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const { changed: _changed, ...report } = oneAnswerCore(ws).mergeReturn({ file: { name: file, bytes }, passphrase });
    if (fmt === 'json') out(JSON.stringify(report));
    else out(mergeReportText(report));
    return 0;
  });
}

function readReturnFile(path: string): Uint8Array<ArrayBuffer> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError(`无法读取督导回传文件 ${path}`);
  }
  // The sealed payload's own bound, with room for the header: a larger file is not a return.
  if (size > SEALED_PAYLOAD_MAX_BYTES) throw new UserError(`${path} 过大，不是督导回传文件`);
  try {
    const b = readFileSync(path);
    // readFileSync never hands out a SharedArrayBuffer.
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new UserError(`无法读取督导回传文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
  }
}

const figure = (v: number | null): string => (v === null ? '未报送' : String(v));

/** What was merged and what was left, in the analyst's words. */
export function mergeReportText(report: MergeReport): string {
  const lines: string[] = [];
  lines.push(
    report.alreadyMerged
      ? `该督导回传此前已合并（${terminalText(report.city)}，督导组 ${terminalText(report.team)}，回传编号 ${report.returnId.slice(0, 8)}），本次未做任何更改。上次合并的结果：`
      : `已合并督导回传（${terminalText(report.city)}，督导组 ${terminalText(report.team)}，回传编号 ${report.returnId.slice(0, 8)}）`,
  );
  lines.push(`督导发现：新增 ${report.findingsAdded} 条，更新 ${report.findingsUpdated} 条；新增附件 ${report.attachmentsAdded} 个`);
  lines.push(
    report.batchId === null
      ? `核实更正：采用 0 条${report.correctionsSkipped > 0 ? `，此前已合并 ${report.correctionsSkipped} 条（跳过）` : ''}`
      : `核实更正：采用 ${report.correctionsApplied} 条，作为导入批次 ${report.batchId}（可用 campaign undo ${report.batchId} 撤销）${report.correctionsSkipped > 0 ? `；此前已合并 ${report.correctionsSkipped} 条（跳过）` : ''}`,
  );
  if (report.conflicts.length > 0) {
    lines.push(`未采用的更正 ${report.conflicts.length} 条：督导包导出后全省数据库中的数值已变动，请核实后处理`);
    lines.push(
      formatTable(
        ['单位', '指标', '日期', '督导包数值', '全省现值', '更正值'],
        report.conflicts.map((c) => [
          c.region_name,
          c.indicator,
          c.day,
          figure(c.bundle_value),
          figure(c.province_value),
          c.corrected_value,
        ]),
        [false, false, false, true, true, true],
      ),
    );
  } else {
    lines.push('没有未采用的更正。');
  }
  for (const note of report.notes ?? []) lines.push(`注意：${terminalText(note)}`);
  return lines.join('\n');
}
