// The built CLI (scripts/build-cli.mjs): bin/campaign.js runs it while it is current, so the CLI
// tests run what users run; it answers, imports through its validation worker and writes documents
// from its lazily loaded chunks; and a source edited after the build is never shadowed by it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CLI_BUNDLE_DIR, CLI_BUNDLE_ENTRY, CLI_BUNDLE_MANIFEST, currentCliBundle } from '../../bin/cli-bundle.js';
import type { SliceResult } from '../../shared/api/slice';
import type { DataInfo } from '../../shared/api/operations';
import type { ImportReport } from '../../shared/api/import';
import { tempDir } from '../support/temp-db';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, CLI_BUNDLE_DIR, CLI_BUNDLE_ENTRY);

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, CAMPAIGN_DB: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built CLI bundle', () => {
  it('is current after the test setup, so bin/campaign.js runs it in every CLI test', () => {
    expect(currentCliBundle(ROOT)).toBe(BUNDLE);
    const manifest = JSON.parse(readFileSync(join(ROOT, CLI_BUNDLE_DIR, CLI_BUNDLE_MANIFEST), 'utf8')) as {
      inputs: Record<string, number>;
    };
    // Every source that went in is listed, the CLI's own and the worker's.
    expect(Object.keys(manifest.inputs)).toEqual(
      expect.arrayContaining([
        'electron/cli/entry.ts',
        'electron/cli/main.ts',
        'electron/query/scan.ts',
        'electron/ingest/validation-worker.ts',
      ]),
    );
    expect(Object.keys(manifest.inputs).some((f) => f.includes('node_modules'))).toBe(false);
  });

  it('answers one-shot commands with the one-answer engine, the same figures as through the sources', () => {
    const db = inject('demoDb');
    const args = [
      'query',
      '--db',
      db,
      '--phase',
      '第一次集中统一行动',
      '--region',
      '大同市',
      '--by',
      'region:county',
      '--by',
      'indicator',
      '--compare',
      'yoy',
      '--format',
      'json',
    ];
    const bundled = run(BUNDLE, args);
    expect(bundled.stderr).toBe('');
    expect(bundled.code).toBe(0);
    const fromBundle = JSON.parse(bundled.stdout) as SliceResult;
    expect(fromBundle.rows.length).toBeGreaterThan(10);
    const fromSources = run(join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [join(ROOT, 'electron', 'cli', 'entry.ts'), ...args]);
    expect(fromSources.code).toBe(0);
    expect(fromBundle).toEqual(JSON.parse(fromSources.stdout));

    const info = JSON.parse(run(BUNDLE, ['info', '--db', db, '--format', 'json']).stdout) as DataInfo;
    expect(info.engine).toEqual({ kind: 'scan', reason: null });
    expect(info.facts).toBeGreaterThan(0);
    expect(info.reportingUnits).toBeGreaterThan(100);
  });

  it('imports through its own validation worker and writes a document from its report chunk, with no sources beside it', () => {
    // The bundle alone (and package.json, node_modules): no .ts to fall back on for the worker.
    const alone = join(tempDir(), 'installed');
    cpSync(join(ROOT, CLI_BUNDLE_DIR), join(alone, CLI_BUNDLE_DIR), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(alone, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(alone, 'node_modules'), 'dir');
    const BUNDLE = join(alone, CLI_BUNDLE_DIR, CLI_BUNDLE_ENTRY);
    const db = join(tempDir(), 'campaign.db');
    copyFileSync(inject('demoDb'), db);
    const csv = join(tempDir(), '朔州.csv');
    writeFileSync(
      csv,
      '日期,地区,部门,指标,数值,单位\n2024-07-01,朔州市朔城区,综合,出动民警辅警,31,人次\n2024-07-02,朔州市朔城区,综合,出动民警辅警,17,人次\n',
    );
    // Every import goes through the validation worker: it must be found beside the bundle.
    const imported = run(BUNDLE, ['import', '--db', db, csv, '--format', 'json'], { CAMPAIGN_IMPORT_WORKER_MIN_BYTES: '0' });
    expect(imported.stderr).toBe('');
    expect((JSON.parse(imported.stdout) as ImportReport).files).toMatchObject([{ status: 'imported', facts: 2 }]);
    const q = JSON.parse(
      run(BUNDLE, [
        'query',
        '--db',
        db,
        '--from',
        '2024-07-01',
        '--to',
        '2024-07-02',
        '--region',
        '朔城区',
        '--indicator',
        '综合/出动民警辅警',
        '--format',
        'json',
      ]).stdout,
    ) as SliceResult;
    expect(q.total.value).toBe(48);

    const out = join(tempDir(), '通报.docx');
    const report = run(BUNDLE, [
      'report',
      '--db',
      db,
      '--type',
      'briefing',
      '--format',
      'docx',
      '--phase',
      '第一次集中统一行动',
      '--out',
      out,
    ]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('a stale bundle is never run', () => {
  /** A checkout of its own: the sources, the bin and the built bundle copied, node_modules linked. */
  function checkout(): string {
    const root = join(tempDir(), 'checkout');
    mkdirSync(root);
    for (const part of ['electron', 'shared', 'bin', CLI_BUNDLE_DIR])
      cpSync(join(ROOT, part), join(root, part), { recursive: true, preserveTimestamps: true });
    for (const file of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, file), join(root, file));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    return root;
  }

  it('runs the bundle while its sources are as built, and the edited sources once one changes', () => {
    const root = checkout();
    const bin = join(root, 'bin', 'campaign.js');
    expect(currentCliBundle(root)).toBe(join(root, CLI_BUNDLE_DIR, CLI_BUNDLE_ENTRY));
    expect(run(bin, ['help']).stdout).toMatch(/^campaign — 专项行动统计分析工作站命令行/);

    // Edit the help text of the copied sources: a stale bundle would still print the old one.
    const help = join(root, 'electron', 'cli', 'help.ts');
    writeFileSync(
      help,
      readFileSync(help, 'utf8').replace('campaign — 专项行动统计分析工作站命令行', 'campaign（已修改）— 专项行动统计分析工作站命令行'),
    );
    expect(currentCliBundle(root)).toBeNull();
    const edited = run(bin, ['help']);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/^campaign（已修改）— /);

    // Told that the bundle was built from the edited file, the bin runs the bundle again (which
    // still holds the old text): the check, not chance, decides which code runs.
    const manifestPath = join(root, CLI_BUNDLE_DIR, CLI_BUNDLE_MANIFEST);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { inputs: Record<string, number> };
    manifest.inputs['electron/cli/help.ts'] = statSync(help).mtimeMs;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(run(bin, ['help']).stdout).toMatch(/^campaign — /);

    // A source that went in and is gone: stale too.
    manifest.inputs['electron/cli/removed.ts'] = 1;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(currentCliBundle(root)).toBeNull();
  });

  it('falls back to the sources when there is no bundle', () => {
    const root = checkout();
    writeFileSync(join(root, CLI_BUNDLE_DIR, CLI_BUNDLE_MANIFEST), 'not json');
    expect(currentCliBundle(root)).toBeNull();
    const r = run(join(root, 'bin', 'campaign.js'), ['info', '--db', join(root, 'missing.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/数据库文件不存在/);
  });
});
