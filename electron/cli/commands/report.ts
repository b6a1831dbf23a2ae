// `campaign report`: a document (全省通报, 城市督导报告, 数据表, 催报清单, 整改台账) written to --out.
import { UserError } from '../../../shared/errors';
import { REPORT_FORMATS, REPORT_TYPES, type ReportRequest } from '../../../shared/api/report';
import { FINDING_STATUSES, type FindingStatus } from '../../../shared/api/inspection';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { openCliWorkspace } from '../open-for-cli';
import { writeOutputFile } from '../output';
import { out, terminalText } from '../print';
import { sliceInput } from '../slice-options';

export async function reportCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const type = options.type;
  if (!type || !(REPORT_TYPES as readonly string[]).includes(type)) {
    throw new UserError(`请用 --type 指定报告类型：${REPORT_TYPES.join('、')}（收到 ${type ?? '无'}）`);
  }
  const docFormat = options.format;
  if (!docFormat || !(REPORT_FORMATS as readonly string[]).includes(docFormat)) {
    throw new UserError(`请用 --format 指定文档格式：${REPORT_FORMATS.join('、')}（收到 ${docFormat ?? '无'}）`);
  }
  if (!options.out) throw new UserError('请用 --out 指定输出文件路径');
  // --compare none (对比 无) is the report's own: no comparison is printed anywhere.
  const noCompare = options.compare === 'none';
  const request: ReportRequest = {
    ...sliceInput(noCompare ? { ...options, compare: undefined } : options),
    type: type as ReportRequest['type'],
    format: docFormat as ReportRequest['format'],
    ...(noCompare ? { compare: 'none' as const } : {}),
    ...(options['rank-by'] !== undefined ? { rankBy: options['rank-by'] } : {}),
    ...(options.status !== undefined ? { status: reportStatus(options.status) } : {}),
  };
  const ws = openCliWorkspace(dbPath, options, { readonly: true });
  try {
    const started = performance.now();
    const file = await oneAnswerCore(ws).report(request);
    writeOutputFile(options.out, file.bytes);
    out(
      `已写入 ${terminalText(options.out)}（${terminalText(file.fileName)}，${file.bytes.length} 字节，用时 ${((performance.now() - started) / 1000).toFixed(2)} 秒）`,
    );
    return 0;
  } finally {
    ws.close();
  }
}

/** `--status` of the 整改台账: one of the findings' statuses. */
function reportStatus(text: string): FindingStatus {
  const found = FINDING_STATUSES.find((s) => s === text);
  if (!found) throw new UserError(`--status 只能是 ${FINDING_STATUSES.join('、')}（收到 ${text}）`);
  return found;
}
