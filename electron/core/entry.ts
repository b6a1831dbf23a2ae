// The in-process entry to the core (the CLI, tests): each operation's input, as a caller writes
// it, is validated here once (shared/api/parse-input.ts) and the parsed value handed to the handler.
import type { OperationInput } from '../../shared/api/operations';
import { parseOperationInput } from '../../shared/api/parse-input';
import type { Workspace } from '../store/workspace';
import { createCore, type Core, type CoreOptions } from './handlers';

export function coreEntry(core: Core) {
  return {
    catalogue: (input: OperationInput<'catalogue'> = {}) => core.catalogue(parseOperationInput('catalogue', input)),
    info: (input: OperationInput<'info'> = {}) => core.info(parseOperationInput('info', input)),
    query: (input: OperationInput<'query'>) => core.query(parseOperationInput('query', input)),
    completeness: (input: OperationInput<'completeness'>) => core.completeness(parseOperationInput('completeness', input)),
    import: (input: OperationInput<'import'>) => core.import(parseOperationInput('import', input)),
    undo: (input: OperationInput<'undo'>) => core.undo(parseOperationInput('undo', input)),
    listViews: (input: OperationInput<'listViews'> = {}) => core.listViews(parseOperationInput('listViews', input)),
    saveView: (input: OperationInput<'saveView'>) => core.saveView(parseOperationInput('saveView', input)),
    deleteView: (input: OperationInput<'deleteView'>) => core.deleteView(parseOperationInput('deleteView', input)),
    report: (input: OperationInput<'report'>) => core.report(parseOperationInput('report', input)),
    anomalies: (input: OperationInput<'anomalies'>) => core.anomalies(parseOperationInput('anomalies', input)),
    template: (input: OperationInput<'template'>) => core.template(parseOperationInput('template', input)),
    buildDemo: (input: OperationInput<'buildDemo'> = {}) => core.buildDemo(parseOperationInput('buildDemo', input)),
    dataStatus: (input: OperationInput<'dataStatus'> = {}) => core.dataStatus(parseOperationInput('dataStatus', input)),
    listFindings: (input: OperationInput<'listFindings'> = {}) => core.listFindings(parseOperationInput('listFindings', input)),
    addFinding: (input: OperationInput<'addFinding'>) => core.addFinding(parseOperationInput('addFinding', input)),
    updateFinding: (input: OperationInput<'updateFinding'>) => core.updateFinding(parseOperationInput('updateFinding', input)),
    findingAttachment: (input: OperationInput<'findingAttachment'>) =>
      core.findingAttachment(parseOperationInput('findingAttachment', input)),
    correct: (input: OperationInput<'correct'>) => core.correct(parseOperationInput('correct', input)),
    listCorrections: (input: OperationInput<'listCorrections'> = {}) => core.listCorrections(parseOperationInput('listCorrections', input)),
    exportBundle: (input: OperationInput<'exportBundle'>) => core.exportBundle(parseOperationInput('exportBundle', input)),
    bundleReturn: (input: OperationInput<'bundleReturn'>) => core.bundleReturn(parseOperationInput('bundleReturn', input)),
    mergeReturn: (input: OperationInput<'mergeReturn'>) => core.mergeReturn(parseOperationInput('mergeReturn', input)),
    serverStatus: (input: OperationInput<'serverStatus'> = {}) => core.serverStatus(parseOperationInput('serverStatus', input)),
    serverLogin: (input: OperationInput<'serverLogin'>) => core.serverLogin(parseOperationInput('serverLogin', input)),
    serverLogout: (input: OperationInput<'serverLogout'> = {}) => core.serverLogout(parseOperationInput('serverLogout', input)),
    syncNow: (input: OperationInput<'syncNow'> = {}) => core.syncNow(parseOperationInput('syncNow', input)),
    listSubmissions: (input: OperationInput<'listSubmissions'> = {}) => core.listSubmissions(parseOperationInput('listSubmissions', input)),
    submissionDetail: (input: OperationInput<'submissionDetail'>) => core.submissionDetail(parseOperationInput('submissionDetail', input)),
    decideSubmission: (input: OperationInput<'decideSubmission'>) => core.decideSubmission(parseOperationInput('decideSubmission', input)),
    filingStatus: (input: OperationInput<'filingStatus'>) => core.filingStatus(parseOperationInput('filingStatus', input)),
  } satisfies { [K in keyof Core]: (input: OperationInput<K>) => ReturnType<Core[K]> };
}

export type CoreEntry = ReturnType<typeof coreEntry>;

/** The core of a workspace behind the validating entry. */
export function createCoreEntry(ws: Workspace, options: CoreOptions = {}): CoreEntry {
  return coreEntry(createCore(ws, options));
}
