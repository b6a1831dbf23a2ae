// A password on the command line: the first line of --password-file (never an argument, which other
// users of the machine can read in the process list).
import { readFileSync } from 'node:fs';
import { UserError } from '../../shared/errors';

/** The password: the file's first line, as `--passphrase-file` is read elsewhere. */
export function readPasswordFile(path: string | undefined): string {
  if (!path) throw new UserError('请用 --password-file 给出存放密码的文件（一行）；密码不写在命令行上');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`无法读取密码文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
  }
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (line.length === 0) throw new UserError(`密码文件 ${path} 的第一行是空的`);
  return line;
}
