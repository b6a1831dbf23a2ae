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
  // 督导: bundles, findings, corrections.
  'passphrase-file': { type: 'string' },
  file: { type: 'string' },
  category: { type: 'string' },
  severity: { type: 'string' },
  text: { type: 'string' },
  due: { type: 'string' },
  owner: { type: 'string' },
  attach: { type: 'string', multiple: true },
  status: { type: 'string' },
  note: { type: 'string' },
  overdue: { type: 'boolean' },
  day: { type: 'string' },
  value: { type: 'string' },
  reason: { type: 'string' },
  finding: { type: 'string' },
  // 省厅服务器 (campaign server …).
  pg: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  'password-file': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  // 报送与同步 (campaign sync | submit | submissions | accept | return).
  server: { type: 'string' },
  user: { type: 'string' },
  ca: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  return { command, args: rest, options: values };
}

export type Options = ReturnType<typeof parseCommandLine>['options'];
