// `campaign bundle export --db PROVINCE --region CITY (--from D --to D | --phase NAME) --out FILE.cwb
// --passphrase-file FILE`: the sealed city bundle, written atomically (never a partial file).
import { UserError } from '../../../shared/errors';
import { writeFileAtomically } from '../../bundle/atomic-file';
import { oneAnswerCore } from '../one-answer-core';
import { openCliWorkspace } from '../open-for-cli';
import { readPassphrase } from '../passphrase';
import { terminalText } from '../print';
import type { Options } from '../args';

export async function bundleExportCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  if (args.length > 0) throw new UserError(`bundle export 不接受多余的参数：${args.join(' ')}`);
  const regions = options.region ?? [];
  if (regions.length !== 1) throw new UserError('请用 --region 指定一个地市（督导包按地市导出）');
  if (!options.out) throw new UserError('请用 --out 指定督导包文件路径（.cwb）');
  if (!options.out.toLowerCase().endsWith('.cwb')) throw new UserError(`督导包文件名须以 .cwb 结尾：${options.out}`);
  const passphrase = readPassphrase(options['passphrase-file']);
  const started = performance.now();
  const ws = openCliWorkspace(dbPath, options, { readonly: true });
  try {
    const result = oneAnswerCore(ws).exportBundle({
      region: regions[0]!,
      passphrase,
      ...(options.phase !== undefined ? { phase: options.phase } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
    });
    writeFileAtomically(options.out, result.bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(
      `已导出督导包 ${terminalText(options.out)}：${terminalText(result.city)} ${result.from} 至 ${result.to}（含同比、环比对照期），` +
        `本市数据 ${result.facts} 条，各市合计 ${result.contextFacts} 条，督导发现 ${result.findings} 条，${result.bytes.byteLength} 字节，用时 ${seconds} 秒\n`,
    );
    return 0;
  } finally {
    ws.close();
  }
}
