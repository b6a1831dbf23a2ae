// Reading the documentation as the doc tests need it: the pages of docs/, their fenced blocks with
// line numbers, and the `campaign …` commands written in them. Convention of the pages: a ```bash
// block is run by the doc test (examples.int.test.ts); ```text holds synopses and sample output, which
// are not run; other shell fences (sh, shell, console) may hold no `campaign` command.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DOCS = join(ROOT, 'docs');

/** The pages the issue asks for, one per reader's task. */
export const DOC_PAGES = [
  'cli.md',
  'import-format.md',
  'workstation.md',
  'reports.md',
  'inspection.md',
  'server.md',
  'sync.md',
  'architecture.md',
  'testing.md',
  'benchmarks.md',
] as const;

export interface Page {
  /** `docs/cli.md`, as messages name it. */
  name: string;
  path: string;
  text: string;
}

export interface FencedBlock {
  page: string;
  /** The info string's first word (`bash`, `text`, … or '' for none). */
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The lines between the fences. */
  body: string;
}

/** A `campaign` command written in a page: its name, sub-command word and --flags. */
export interface WrittenCommand {
  name: string;
  /** The word after the name (`bundle export`, `server user`), or null. */
  sub: string | null;
  flags: string[];
  /** 1-based line in the page where the command starts. */
  line: number;
  text: string;
}

export function readPage(file: string): Page {
  const path = join(DOCS, file);
  return { name: `docs/${file}`, path, text: readFileSync(path, 'utf8') };
}

/** Every Markdown page in docs/, by name. */
export function allPages(): Page[] {
  return readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map(readPage);
}

export function fencedBlocks(page: Page): FencedBlock[] {
  const lines = page.text.split('\n');
  const blocks: FencedBlock[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | null = null;
  lines.forEach((line, i) => {
    if (open === null) {
      const m = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (m) open = { fence: m[2]!, lang: m[3]!.toLowerCase(), line: i + 1, body: [] };
      return;
    }
    if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, '') === '') {
      blocks.push({ page: page.name, lang: open.lang, line: open.line, body: open.body.join('\n') });
      open = null;
      return;
    }
    open.body.push(line);
  });
  if (open !== null) throw new Error(`${page.name}:${(open as { line: number }).line}: 代码块没有结束的围栏`);
  return blocks;
}

/** The page's text outside fenced blocks (where inline code and links are read). */
export function prose(page: Page): string {
  const lines = page.text.split('\n');
  for (const b of fencedBlocks(page)) {
    const end = b.line + b.body.split('\n').length;
    for (let i = b.line - 1; i <= end && i < lines.length; i++) lines[i] = '';
  }
  return lines.join('\n');
}

/** Inline code spans of the prose (one may run over a line break), with the line each starts on. */
export function inlineCode(page: Page): { code: string; line: number }[] {
  const text = prose(page);
  return [...text.matchAll(/(?<!`)(`+)(?!`)((?:(?!\n\s*\n)[\s\S])*?[^`])\1(?!`)/g)].map((m) => ({
    code: m[2]!.replace(/\s*\n\s*/g, ' ').trim(),
    line: text.slice(0, m.index).split('\n').length,
  }));
}

/**
 * A shell block's logical lines: continuations (`\` at the end) joined, comments and here-document
 * bodies left out. Each carries the line it starts on, counted from the block's first body line (0).
 */
export function shellLines(body: string): { text: string; offset: number }[] {
  const lines = body.split('\n');
  const result: { text: string; offset: number }[] = [];
  let heredoc: string | null = null;
  let current: { text: string; offset: number } | null = null;
  lines.forEach((raw, i) => {
    if (heredoc !== null) {
      if (raw.replace(/^\t+/, '') === heredoc) heredoc = null;
      return;
    }
    const line = stripComment(raw);
    const joined = current ? { text: `${current.text} ${line}`, offset: current.offset } : { text: line, offset: i };
    if (/\\\s*$/.test(line)) {
      current = { text: joined.text.replace(/\\\s*$/, ''), offset: joined.offset };
      return;
    }
    current = null;
    const here = /<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/.exec(joined.text);
    if (here) heredoc = here[2]!;
    if (joined.text.trim() !== '') result.push(joined);
  });
  return result;
}

/** The line up to an unquoted `#` that starts a word. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Where an unquoted command separator (`;`, `|`, `&`, `)`, `>`, `<`) ends the command at `from`. */
function commandEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (';|&)<>'.includes(c)) return i;
  }
  return text.length;
}

const COMMAND_AT = /(?<![\w.-])campaign[ \t]+([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*))?/g;

/**
 * The `campaign …` commands of a text. In shell (`shell: true`) a command ends at an unquoted
 * separator; in a synopsis `|` separates alternatives, so it runs to the next command or the end.
 */
export function campaignCommands(text: string, line: number, shell: boolean): WrittenCommand[] {
  const found: WrittenCommand[] = [];
  const matches = [...text.matchAll(COMMAND_AT)];
  matches.forEach((m, i) => {
    const start = m.index;
    const next = matches[i + 1]?.index ?? text.length;
    const end = shell ? Math.min(commandEnd(text, start), next) : next;
    const command = text.slice(start, end);
    const flags = [...command.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((f) => f[1]!);
    found.push({ name: m[1]!, sub: m[2] ?? null, flags, line, text: command.trim() });
  });
  return found;
}

/** The commands of a fenced block, each with its line in the page. */
export function blockCommands(block: FencedBlock): WrittenCommand[] {
  const shell = block.lang === 'bash';
  const lines = shell ? shellLines(block.body) : block.body.split('\n').map((text, offset) => ({ text, offset }));
  return lines.flatMap((l) => campaignCommands(l.text, block.line + 1 + l.offset, shell));
}

/** Every `campaign` command a page writes: in its fenced blocks and in its inline code. */
export function pageCommands(page: Page): WrittenCommand[] {
  return [
    ...fencedBlocks(page).flatMap(blockCommands),
    ...inlineCode(page).flatMap((span) => campaignCommands(span.code, span.line, false)),
  ];
}
