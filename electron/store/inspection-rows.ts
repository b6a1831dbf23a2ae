// Rows of the inspection tables (migration 5) as SQLite gives them back, shared by the modules that
// read them: the findings' JSON, and the return built from (and merged into) them.
import type { FindingStatus } from '../../shared/api/inspection';

/** A `finding_event` row: one change to a finding. */
export interface FindingEventRow {
  id: string;
  finding_id: string;
  at: string;
  actor: string;
  what: string;
  status: FindingStatus | null;
  note: string | null;
  due_day: number | null;
  attachment_sha256: string | null;
}
