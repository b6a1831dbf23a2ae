// `campaign template`: the XLSX a city fills in (electron/ingest/template.ts).
import { UserError } from '../../../shared/errors';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { openCliWorkspace } from '../open-for-cli';
import { writeOutputFile } from '../output';
import { out, terminalText } from '../print';

export async function templateCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const regions = options.region ?? [];
  if (regions.length !== 1) throw new UserError('请用 --region 指定一个地市（填报模板按地市生成）');
  if (!options.out) throw new UserError('请用 --out 指定输出文件路径（.xlsx）');
  const ws = openCliWorkspace(dbPath, options, { readonly: true });
  try {
    const file = await oneAnswerCore(ws).template({
      region: regions[0]!,
      ...(options.phase !== undefined ? { phase: options.phase } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      departments: options.department ?? [],
    });
    writeOutputFile(options.out, file.bytes);
    out(`已写入 ${terminalText(options.out)}（${terminalText(file.fileName)}，${file.bytes.length} 字节）`);
    return 0;
  } finally {
    ws.close();
  }
}
