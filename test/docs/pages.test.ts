// The documentation checked against the code without running anything: README's size and set-up,
// the pages of docs/, links and file paths that exist, the operations table equal to
// OPERATION_DATA, and every `campaign` flag a page writes known to the command line. Running the
// examples is examples.int.test.ts's part.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_DATA, OPERATION_NAMES } from '../../shared/api/operations';
import { OPTIONS } from '../../electron/cli/args';
import { DOC_PAGES, DOCS, ROOT, allPages, blockCommands, fencedBlocks, inlineCode, pageCommands, prose, type Page } from './doc-pages';

const README: Page = { name: 'README.md', path: join(ROOT, 'README.md'), text: readFileSync(join(ROOT, 'README.md'), 'utf8') };

/** Fences a reader would copy into a shell: a campaign command there belongs in a bash block. */
const SHELL_FENCES = new Set(['', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'powershell', 'bat', 'cmd']);

/** A heading's anchor as GitHub writes it: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** `target` (a relative path, with or without #anchor) names a file, and a heading of it. */
function linkResolves(page: Page, target: string): boolean {
  const [file, anchor] = decodeURI(target).split('#') as [string, string | undefined];
  const path = file === '' ? page.path : resolve(dirname(page.path), file);
  if (!existsSync(path)) return false;
  if (anchor === undefined) return true;
  const headings = prose({ ...page, path, text: readFileSync(path, 'utf8') })
    .split('\n')
    .map((l) => /^#{1,6}\s+(.*)$/.exec(l)?.[1])
    .filter((h): h is string => h !== undefined);
  return headings.some((h) => anchorOf(h) === anchor);
}

describe('README.md', () => {
  it('is at most 200 lines and holds the three set-up commands and a screenshot', () => {
    const lines = README.text.split('\n').length - (README.text.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(200);
    for (const command of ['npm install', 'npm start', 'npm test']) expect(README.text).toContain(command);
    expect(README.text).toMatch(/!\[[^\]]*\]\(docs\/screenshot-[\w-]+\.png\)/);
  });

  it('links every page of docs/', () => {
    for (const page of DOC_PAGES) expect(README.text, page).toContain(`](docs/${page})`);
  });
});

describe('docs/', () => {
  it('holds the ten pages', () => {
    const missing = DOC_PAGES.filter((p) => !existsSync(join(DOCS, p)));
    expect(missing).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    const broken = [README, ...allPages()].flatMap((page) =>
      prose(page)
        .split('\n')
        .flatMap((text, i) =>
          [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
            .map((m) => m[1]!)
            .filter((target) => !/^[a-z]+:/.test(target))
            .filter((target) => !linkResolves(page, target))
            .map((target) => `${page.name}:${i + 1}: ${target}`),
        ),
    );
    expect(broken).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    const named = [README, ...allPages()].flatMap((page) =>
      inlineCode(page)
        .filter((span) => /^(electron|shared|renderer|test|bench|scripts|bin|resources|docs|\.ci)\/[\w./-]*$/.test(span.code))
        .map((span) => ({ where: `${page.name}:${span.line}`, path: span.code })),
    );
    expect(named.length).toBeGreaterThan(50);
    const missing = named.filter((n) => !existsSync(join(ROOT, n.path)));
    expect(missing.map((n) => `${n.where}: ${n.path}`)).toEqual([]);
  });

  it('runs every shell block that holds a campaign command: bash, not sh (a synopsis is text)', () => {
    const problems = allPages().flatMap((page) =>
      fencedBlocks(page).flatMap((block) => {
        const where = `${page.name}:${block.line}`;
        const commands = blockCommands(block);
        if (block.lang === 'bash') return commands.length === 0 ? [`${where}: a bash block without a campaign command`] : [];
        if (!SHELL_FENCES.has(block.lang) || commands.length === 0) return [];
        return [`${where}: campaign in a \`\`\`${block.lang || '(no language)'} block: bash (run by the doc test) or text (a synopsis)`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('writes only flags the command line knows', () => {
    const known = new Set(Object.keys(OPTIONS));
    const commands = [README, ...allPages()].flatMap((page) => pageCommands(page).map((c) => ({ page: page.name, ...c })));
    expect(commands.length).toBeGreaterThan(80);
    const unknown = commands.flatMap((c) => c.flags.filter((f) => !known.has(f)).map((f) => `${c.page}:${c.line}: --${f} in ${c.text}`));
    expect(unknown).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('lists every operation with what it reads and writes, as OPERATION_DATA says', () => {
    const page = allPages().find((p) => p.name === 'docs/architecture.md')!;
    const domains = (cell: string) =>
      cell
        .split(/[,，、]/)
        .map((d) => d.trim())
        .filter((d) => d !== '' && d !== '—')
        .sort();
    // The table of the section headed "… operations …", up to the next heading.
    const lines = page.text.split('\n');
    const start = lines.findIndex((l) => /^#{2,}\s.*operations/i.test(l));
    expect(start, 'a section headed operations').toBeGreaterThan(0);
    const length = lines.slice(start + 1).findIndex((l) => l.startsWith('#'));
    const rows = lines
      .slice(start + 1, length < 0 ? undefined : start + 1 + length)
      .map((line) => /^\|\s*`(\w+)`\s*\|([^|]*)\|([^|]*)\|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ op: m[1]!, reads: domains(m[2]!), writes: domains(m[3]!) }));
    expect(rows.map((r) => r.op).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const row of rows) {
      const data = OPERATION_DATA[row.op as keyof typeof OPERATION_DATA];
      const declared = { op: row.op, reads: [...data.reads].sort(), writes: [...data.writes].sort() };
      expect({ op: row.op, reads: row.reads, writes: row.writes }).toEqual(declared);
    }
  });
});
