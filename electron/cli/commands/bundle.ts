// `campaign bundle export|return|merge`: the 督导包 and its return on the command line.
import { UserError } from '../../../shared/errors';
import type { Options } from '../args';
import { bundleExportCommand } from './bundle-export';
import { bundleMergeCommand, bundleReturnCommand } from './bundle-return';

export async function bundleCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'export':
      return bundleExportCommand(dbPath, rest, options);
    case 'return':
      return bundleReturnCommand(dbPath, rest, options);
    case 'merge':
      return bundleMergeCommand(dbPath, rest, options);
    default:
      throw new UserError(
        `请给出 bundle 的子命令：export（导出督导包）、return（生成督导回传）或 merge（合并督导回传），收到 ${sub ?? '无'}`,
      );
  }
}
