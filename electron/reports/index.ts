// Report export: builds the requested report from the workspace and writes it in the requested
// format. One entry point for the CLI (campaign report), Electron (save dialog) and web mode.
import { readFileSync } from 'node:fs';
import type { Workspace } from '../store/workspace';
import { createFactSource } from '../query/engine';
import type { FactSource } from '../query/fact-source';
import { REPORT_MIME, type ParsedReportRequest, type ReportFile, type ReportRequest } from '../../shared/api/report';
import { parseOperationInput } from '../../shared/api/parse-input';
import { buildBriefing } from './briefing';
import { buildCityDossier } from './city';
import { createContext } from './context';
import { writeCsv } from './csv';
import { writeDocx } from './docx';
import { tablesOf, type ReportDocument } from './model';
import { writePdf } from './pdf';
import { buildDataTable } from './table';
import { buildReminders } from './reminders';
import { buildRectification, ledgerOnly } from './rectification';
import { writeXlsx } from './xlsx';
import { markDemo } from './demo-mark';

export type { ReportRequest } from '../../shared/api/report';

export interface BuildReportOptions {
  /** Printed in the provenance; defaults to package.json's version. */
  appVersion?: string;
  /** The time the report is made (provenance, date line); defaults to now. */
  now?: Date;
  /** The facts to read: the core passes its loaded engine; by default one is loaded for the report. */
  source?: FactSource;
}

let packageVersion: string | null = null;
function defaultVersion(): string {
  if (packageVersion !== null) return packageVersion;
  try {
    packageVersion = String(
      (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version,
    );
  } catch {
    packageVersion = '未知';
  }
  return packageVersion;
}

/** File names that every system accepts. */
function safeFileName(stem: string): string {
  return stem.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 150);
}

/** Builds the report's document (format-neutral) from a request as a library caller writes it (tests). */
export function buildReportDocument(ws: Workspace, request: ReportRequest, options: BuildReportOptions = {}): ReportDocument {
  return buildParsedReportDocument(ws, parseOperationInput('report', request), options);
}

function buildParsedReportDocument(ws: Workspace, request: ParsedReportRequest, options: BuildReportOptions): ReportDocument {
  // The 整改台账 is about findings, not figures: no period, no slice engine.
  if (request.type === 'rectification')
    return buildRectification(ws, request, options.now ?? new Date(), options.appVersion ?? defaultVersion());
  const ctx = createContext(
    ws,
    options.source ?? createFactSource(ws),
    request,
    options.now ?? new Date(),
    options.appVersion ?? defaultVersion(),
  );
  switch (request.type) {
    case 'briefing':
      return buildBriefing(ctx);
    case 'city':
      return buildCityDossier(ctx);
    case 'table':
      return buildDataTable(ctx);
    case 'reminders':
      return buildReminders(ctx);
  }
}

/** A report from a request as a library caller writes it (tests, the benchmark): validated here. */
export async function buildReport(ws: Workspace, request: ReportRequest, options: BuildReportOptions = {}): Promise<ReportFile> {
  return buildParsedReport(ws, parseOperationInput('report', request), options);
}

/** A report from a request validated where the call entered (the core's handlers). */
export async function buildParsedReport(
  ws: Workspace,
  request: ParsedReportRequest,
  options: BuildReportOptions = {},
): Promise<ReportFile> {
  const doc = markDemo(ws, buildParsedReportDocument(ws, request, options));
  const format = request.format;
  // A wide data table, the 整改台账, and the 催报清单 with its long 缺报指标 column, are laid out on landscape pages.
  const landscape =
    request.type === 'reminders' ||
    request.type === 'rectification' ||
    (request.type === 'table' && (tablesOf(doc)[0]?.columns.length ?? 0) > 7);
  let bytes: Uint8Array;
  switch (format) {
    case 'docx':
      bytes = await writeDocx(doc, landscape);
      break;
    case 'pdf':
      bytes = await writePdf(doc, landscape);
      break;
    case 'xlsx':
      bytes = await writeXlsx(doc);
      break;
    case 'csv':
      bytes = writeCsv(request.type === 'rectification' ? ledgerOnly(doc) : doc);
      break;
  }
  return { fileName: `${safeFileName(doc.fileStem)}.${format}`, mime: REPORT_MIME[format], bytes };
}
