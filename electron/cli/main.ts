// `campaign`: the command line over the same operations the workstation uses. Each command is a
// row of the command table (command-table.ts) with its module in commands/; this file finds the
// row, settles the database path and turns errors into what the terminal shows.
import { existsSync } from 'node:fs';
import { parseCommandLine } from './args';
import { out, terminalText } from './print';
import { defaultDbPath, userDataFolder } from '../runtime/default-db';
import { UserError } from '../../shared/errors';
import { logBug } from '../core/error-log';
import { throwTestBugIfAsked } from '../core/test-faults';
import { asUserFacing } from '../store/sqlite-errors';
import { PROGRAM_VERSION } from '../runtime/program-version';
import { findCommand } from './command-table';
import { HELP } from './help';
import { outputFormat } from './output';

async function run(argv: string[]): Promise<number> {
  throwTestBugIfAsked();
  const { command: name, args, options } = parseCommandLine(argv);
  // `campaign --version` alone names the version; with --help or no command, the help.
  if (options.version && !options.help) {
    out(PROGRAM_VERSION);
    return 0;
  }
  if (options.help || !name || name === 'help') {
    out(HELP);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    // A bad --format is named before the unknown command, as it always was.
    outputFormat(options);
    throw new UserError(`未知命令“${name}”；campaign --help 列出全部命令`);
  }
  if (command.database === 'none') return command.run(args, options);
  const dbPath = options.db ?? (command.defaultDb ?? defaultDbPath)();
  // A read command never creates a file: a mistyped path is said to be missing, not made empty.
  if (command.database === 'existing' && dbPath !== ':memory:' && !existsSync(dbPath)) {
    throw new UserError(`数据库文件不存在：${dbPath}`);
  }
  return command.run(dbPath, args, options);
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (caught) {
    // A locked database, a full disk or a read-only file is the user's to fix, not a bug.
    const e = asUserFacing(caught);
    if (e instanceof UserError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`错误: ${terminalText(e.message, { keepNewlines: true })}\n`);
      return 1;
    }
    // A bug: the stack goes to the per-user error log, the terminal gets its id (as the page does).
    process.stderr.write(`错误: ${logBug(userDataFolder(), e, { operation: `campaign ${argv[0] ?? ''}` }).message}\n`);
    return 1;
  }
}
