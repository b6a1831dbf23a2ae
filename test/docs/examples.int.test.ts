// The doc test: every ```bash block of docs/*.md runs, so an example that stops working fails the
// suite. Each page's blocks run in order, as one bash script (`set -e`), in a temporary working
// directory holding a copy of the demo database (`demo.db`, when the page names it) and the files
// of docs/examples/ that the page names, with `campaign` on PATH. A page whose examples use the
// provincial server gets a throwaway PostgreSQL database in CAMPAIGN_PG_URL, the variable the
// server commands read. A failure names the page, the block's line, the failing line and stderr.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CAMPAIGN_BIN, runCli } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/pg-cluster';
import { DOCS, ROOT, allPages, blockCommands, fencedBlocks, pageCommands } from './doc-pages';
import type { FencedBlock, Page, WrittenCommand } from './doc-pages';

const EXAMPLES = join(DOCS, 'examples');
/** A page's examples end within this (a loaded 2-core machine runs them several times slower). */
const PAGE_TIMEOUT_MS = 540_000;
const BLOCK_MARK = '__DOC_BLOCK__';
const FAIL_MARK = '__DOC_FAIL__';

/** The command names `campaign --help` lists, each with the sub-commands its usage lines show. */
function cliCommands(): Map<string, Set<string>> {
  const help = runCli(['--help']);
  if (help.code !== 0) throw new Error(`campaign --help exited ${help.code}: ${help.stderr}`);
  const section = help.stdout.slice(help.stdout.indexOf('命令:'), help.stdout.indexOf('通用选项:'));
  const commands = new Map<string, Set<string>>();
  for (const m of section.matchAll(/^ {2}([a-z]+)\s/gm)) commands.set(m[1]!, new Set());
  for (const m of help.stdout.matchAll(/campaign ([a-z]+) ([a-z]+)\b/g)) commands.get(m[1]!)?.add(m[2]!);
  return commands;
}

interface PageRun {
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Each `campaign` the script ran: the block (its line) and the first two arguments. */
  ran: { block: number; name: string; sub: string }[];
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The page's bash blocks as one script, and each script line's line in the page. */
function pageScript(blocks: FencedBlock[]): { script: string; pageLine: Map<number, number> } {
  const lines = [
    'set -eE -o pipefail',
    `__doc_failed() { local status=$?; printf '\\n${FAIL_MARK} %s %s\\n' "$1" "$status" >&2; exit "$status"; }`,
    "trap '__doc_failed $LINENO' ERR",
  ];
  const pageLine = new Map<number, number>();
  for (const block of blocks) {
    const mark = `printf '\\n${BLOCK_MARK} %s\\n' ${block.line}`;
    lines.push(`export DOC_BLOCK=${block.line}`, mark, `${mark} >&2`);
    block.body.split('\n').forEach((text, i) => {
      lines.push(text);
      pageLine.set(lines.length, block.line + 1 + i);
    });
  }
  return { script: lines.join('\n') + '\n', pageLine };
}

/** Runs the script in `work`; resolves when bash exits, then ends what it left in the background. */
function runScript(scriptPath: string, work: string, env: NodeJS.ProcessEnv, log: string): Promise<PageRun> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a server started in the background (`&`) is ended with it.
    const child = spawn('bash', ['--noprofile', '--norc', scriptPath], {
      cwd: work,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      endGroup(child.pid!, 'SIGKILL');
    }, PAGE_TIMEOUT_MS);
    child.once('error', reject);
    // All output has arrived once every holder of the pipes has ended (bash and what it left behind).
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      void stopGroup(child.pid!).then(async () => {
        await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
        resolve({ code, timedOut, stdout, stderr, ran: loggedCalls(log) });
      });
    });
  });
}

/** The calls the `campaign` wrapper logged: block line, command, sub-command. */
function loggedCalls(log: string): PageRun['ran'] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [block, name, sub] = l.split('\t');
      return { block: Number(block), name: name ?? '', sub: sub ?? '' };
    });
}

function endGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** SIGTERM to what the page left running (a server stops after its calls in flight), then SIGKILL. */
async function stopGroup(pid: number): Promise<void> {
  if (!endGroup(pid, 'SIGTERM')) return;
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!endGroup(pid, 0)) return;
  }
  endGroup(pid, 'SIGKILL');
}

/** The text after the last marker of the block that ran last. */
function lastBlockOutput(output: string): string {
  const at = output.lastIndexOf(`${BLOCK_MARK} `);
  const text = at < 0 ? output : output.slice(output.indexOf('\n', at) + 1);
  return text
    .split('\n')
    .filter((l) => !l.startsWith(FAIL_MARK))
    .join('\n')
    .trim();
}

/** The tail of the log files the page wrote (a background server's output), for a failure's message. */
function logTails(work: string): string {
  return readdirSync(work)
    .filter((f) => f.endsWith('.log'))
    .map((f) => `--- ${f} ---\n${readFileSync(join(work, f), 'utf8').split('\n').slice(-15).join('\n')}`)
    .join('\n');
}

function failureMessage(page: Page, run: PageRun, pageLine: Map<number, number>, work: string): string {
  const block = [...run.stderr.matchAll(new RegExp(`${BLOCK_MARK} (\\d+)`, 'g'))].at(-1)?.[1] ?? '?';
  const fail = new RegExp(`${FAIL_MARK} (\\d+) (\\d+)`).exec(run.stderr);
  const where = fail ? `stopped at line ${pageLine.get(Number(fail[1])) ?? '?'} (exit ${fail[2]})` : `exited ${run.code}`;
  const what = run.timedOut ? `did not finish within ${PAGE_TIMEOUT_MS / 1000} s` : where;
  return [
    `${page.name}: the bash block at line ${block} ${what}`,
    `stderr:\n${lastBlockOutput(run.stderr)}`,
    `stdout (last lines):\n${lastBlockOutput(run.stdout).split('\n').slice(-15).join('\n')}`,
    logTails(work),
  ].join('\n');
}

/** The `campaign` executable of the examples: bin/campaign.js, each call logged with its block. */
function writeCampaignWrapper(bin: string): void {
  const wrapper = join(bin, 'campaign');
  const body = [
    '#!/bin/sh',
    `printf '%s\\t%s\\t%s\\n' "$DOC_BLOCK" "$1" "$2" >> "$DOC_LOG"`,
    `exec ${shellQuote(process.execPath)} ${shellQuote(CAMPAIGN_BIN)} "$@"`,
  ];
  writeFileSync(wrapper, body.join('\n') + '\n');
  chmodSync(wrapper, 0o755);
}

const usesServer = (text: string) => /campaign\s+server\b|CAMPAIGN_PG_URL/.test(text);

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface PageFolder {
  work: string;
  scriptPath: string;
  pageLine: Map<number, number>;
  log: string;
  env: NodeJS.ProcessEnv;
}

/** A temp folder for the page: the working directory with what it names, the script, the wrapper. */
function preparePage(blocks: FencedBlock[]): PageFolder {
  const root = mkdtempSync(join(tmpdir(), 'campaign-docs-'));
  scratch.push(root);
  const [work, bin, home] = ['work', 'bin', 'home'].map((d) => join(root, d)) as [string, string, string];
  for (const dir of [work, bin, home]) mkdirSync(dir);
  writeCampaignWrapper(bin);
  const text = blocks.map((b) => b.body).join('\n');
  if (text.includes('demo.db')) copyFileSync(inject('demoDb'), join(work, 'demo.db'));
  if (existsSync(EXAMPLES)) {
    for (const file of readdirSync(EXAMPLES)) if (text.includes(file)) copyFileSync(join(EXAMPLES, file), join(work, file));
  }
  const { script, pageLine } = pageScript(blocks);
  const scriptPath = join(root, 'page.sh');
  writeFileSync(scriptPath, script);
  const log = join(root, 'campaign-calls.tsv');
  // The examples' environment: none of the runner's CAMPAIGN_* settings, a per-user folder of their own.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CAMPAIGN_')));
  Object.assign(env, { PATH: `${bin}:${process.env.PATH ?? ''}`, CAMPAIGN_HOME: home, DOC_LOG: log });
  return { work, scriptPath, pageLine, log, env };
}

/** The commands of the page's blocks that did not run in their block (a block cannot skip its examples). */
function notRun(page: Page, blocks: FencedBlock[], run: PageRun, commands: Map<string, Set<string>>): string[] {
  const sameSub = (c: WrittenCommand, sub: string) => c.sub === null || !commands.get(c.name)?.size || sub === c.sub;
  const ranIn = (block: FencedBlock, c: WrittenCommand) =>
    run.ran.some((r) => r.block === block.line && r.name === c.name && sameSub(c, r.sub));
  return blocks.flatMap((block) =>
    blockCommands(block)
      .filter((c) => !ranIn(block, c))
      .map((c) => `${page.name}:${c.line}: ${c.text}`),
  );
}

async function runPage(page: Page, blocks: FencedBlock[], commands: Map<string, Set<string>>): Promise<void> {
  const folder = preparePage(blocks);
  let db: TestDatabase | undefined;
  try {
    if (usesServer(blocks.map((b) => b.body).join('\n'))) {
      db = await createTestDatabase(inject('postgres'));
      folder.env.CAMPAIGN_PG_URL = db.url;
    }
    const run = await runScript(folder.scriptPath, folder.work, folder.env, folder.log);
    expect(run.code === 0 && !run.timedOut, failureMessage(page, run, folder.pageLine, folder.work)).toBe(true);
    expect(notRun(page, blocks, run, commands), 'commands of a bash block that did not run').toEqual([]);
  } finally {
    await db?.drop();
  }
}

describe('the examples of docs/', () => {
  let commands = new Map<string, Set<string>>();
  beforeAll(() => {
    commands = cliCommands();
  });

  it('name only commands the command line has', () => {
    expect(commands.size).toBeGreaterThan(15);
    const readme: Page = { name: 'README.md', path: join(ROOT, 'README.md'), text: readFileSync(join(ROOT, 'README.md'), 'utf8') };
    const unknown = [readme, ...allPages()].flatMap((page) =>
      pageCommands(page)
        .filter((c) => {
          const subs = commands.get(c.name);
          if (!subs) return true;
          return subs.size > 0 && c.sub !== null && !subs.has(c.sub);
        })
        .map((c) => `${page.name}:${c.line}: ${c.text}`),
    );
    expect(unknown).toEqual([]);
  });

  for (const page of allPages()) {
    const blocks = fencedBlocks(page).filter((b) => b.lang === 'bash');
    if (blocks.length === 0) continue;
    it(`run: ${page.name}`, () => runPage(page, blocks, commands), PAGE_TIMEOUT_MS + 60_000);
  }
});
