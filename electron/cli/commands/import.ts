// `campaign import [--replace] [--rejects FILE] FILE...`: the cities' returns into the database.
import { readFileSync } from 'node:fs';
import { UserError } from '../../../shared/errors';
import { IMPORT_ISSUE_KIND_LABELS, TEXT_ENCODING_LABELS, type ImportIssueKind, type ImportReport } from '../../../shared/api/import';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat, writeOutputFile } from '../output';
import { formatTable, out, terminalText } from '../print';

export async function importCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  if (args.length === 0) throw new UserError('请给出要导入的文件：campaign import [--replace] 文件...');
  return withCliWorkspace(dbPath, options, async (ws) => {
    const files = args.map((path) => {
      try {
        return { name: path, bytes: readFileSync(path) };
      } catch (e) {
        throw new UserError(`无法读取文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
      }
    });
    const report = await oneAnswerCore(ws).import({ files, replace: options.replace ?? false, rejects: options.rejects !== undefined });
    if (fmt === 'json')
      out(
        JSON.stringify({
          ...report,
          changed: undefined,
          rejects: report.rejects && { ...report.rejects, bytes: undefined, path: options.rejects },
        }),
      );
    else {
      for (const f of report.files) {
        const what =
          f.status === 'imported'
            ? `已导入为批次 ${f.batchId}：${f.facts} 条${f.replaced ? `，替换 ${f.replaced} 条` : ''}`
            : f.status === 'unchanged'
              ? `内容与批次 ${f.duplicateOf} 相同，未做任何更改`
              : '有错误，未导入';
        // Which encoding a CSV was read as: a wrong guess shows as garbled names, so it is said.
        out(`${terminalText(f.file)}: ${what}${f.encoding ? `（按 ${TEXT_ENCODING_LABELS[f.encoding]} 编码读取）` : ''}`);
      }
    }
    if (!report.ok) {
      const rows = report.errors.map((e) => [e.file, e.sheet, e.row, e.column, e.value, e.reason]);
      process.stderr.write(formatTable(['文件', '工作表', '行', '列', '值', '原因'], rows) + '\n');
      process.stderr.write(
        importFailureNotes(report, options.rejects)
          .map((line) => terminalText(line))
          .join('\n') + '\n',
      );
      return 1;
    }
    return 0;
  });
}

/**
 * The closing lines of a rejected import: counts by kind, the remedy for conflicts in this
 * transport's words, and the rejects file written (--rejects).
 */
function importFailureNotes(report: ImportReport, rejectsPath: string | undefined): string[] {
  const kinds = (Object.entries(report.errorKinds) as [ImportIssueKind, number][])
    .map(([k, n]) => `${IMPORT_ISSUE_KIND_LABELS[k]} ${n} 处`)
    .join('、');
  const lines = [`导入失败：共 ${report.errorTotal} 处错误（${kinds}），数据库未做任何更改。`];
  const conflicts = report.errorKinds.conflict ?? 0;
  if (conflicts > 0)
    lines.push(
      `其中 ${conflicts} 处与已有数据冲突：如要以本次导入的文件为准，请改正其他错误后加 --replace 重新导入（可用 campaign undo 撤销）。`,
    );
  if (rejectsPath !== undefined) {
    if (report.rejects) {
      writeOutputFile(rejectsPath, report.rejects.bytes);
      lines.push(
        `被拒绝的 ${report.rejects.rows} 行已写入 ${rejectsPath}（原样保留各行，另加“原因”列）${report.rejects.truncated ? '；行数超过上限，其余的行未写入' : ''}。`,
      );
    } else lines.push(`没有被拒绝的数据行（问题都在文件或表头），未写出 ${rejectsPath}。`);
  }
  return lines;
}
