// Command-line parsing: one option table for every command.
import { parseArgs } from 'node:util';

export const OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  phase: { type: 'string' },
  region: { type: 'string', multiple: true },
  department: { type: 'string', multiple: true },
  indicator: { type: 'string', multiple: true },
  by: { type: 'string', multiple: true },
  compare: { type: 'string' },
  type: { type: 'string' },
  out: { type: 'string' },
  'rank-by': { type: 'string' },
  replace: { type: 'boolean' },
  rejects: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  return { command, args: rest, options: values };
}

export type Options = ReturnType<typeof parseCommandLine>['options'];
