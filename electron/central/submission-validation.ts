// An uploaded return read and checked by the very code `campaign import` runs (validation-stream.ts
// → validateFile → FileValidator, with a ResolveCache over the server's catalogue), and the city
// check the server adds: a city-bound account's file may hold only its own city's units.
//
// Off the event loop: a file that weighs (an XLSX: what it declares it inflates to) at least
// uploadTuning.workerMinBytes is read in the import's validation worker, so a 10 MB return does
// not hold up other users' calls; the worker has its own heap bound. Small files are read here,
// where starting or waking the worker would cost more than the reading.
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { FactBuffer } from '../store/facts/fact-buffer';
import { IssueList } from '../ingest/issues';
import { validationEvents, type ValidationSummary } from '../ingest/validation-stream';
import { declaredUncompressedBytes } from '../ingest/xlsx-bounds';

export const uploadTuning = { workerMinBytes: Number(process.env.CAMPAIGN_SERVER_WORKER_MIN_BYTES || 256 * 1024) };

export interface ValidatedUpload {
  facts: FactBuffer;
  issues: IssueList;
  summary: ValidationSummary;
  /** Whether the validation worker read it. */
  inWorker: boolean;
}

/** What reading the file would weigh: its bytes, or for an XLSX what its parts declare they inflate to. */
export function uploadWeight(name: string, bytes: Uint8Array): number {
  return name.toLowerCase().endsWith('.xlsx') ? Math.max(bytes.length, declaredUncompressedBytes(bytes)) : bytes.length;
}

export async function validateUpload(name: string, bytes: Uint8Array, resolver: CatalogueResolver): Promise<ValidatedUpload> {
  const inWorker = uploadWeight(name, bytes) >= uploadTuning.workerMinBytes;
  // The bytes stay the caller's (they are stored as uploaded): the worker gets a copy.
  const events = validationEvents(name, bytes, resolver, inWorker, false);
  const facts = new FactBuffer();
  const issues = new IssueList(name);
  let summary: ValidationSummary | null = null;
  for await (const e of events) {
    if (e.type === 'facts') facts.append(e.chunk);
    else if (e.type === 'summary') summary = e.summary;
  }
  if (!summary) throw new Error(`validation of ${name} ended without a summary`);
  issues.absorb(summary.issues);
  facts.setRaw(summary.raw);
  return { facts, issues, summary, inWorker };
}

export interface ForeignRows {
  /** The first other city met (its name; 省厅直属 for the province's own units). */
  city: string;
  /** Facts of other cities in all. */
  count: number;
  /** Where the first one is: its row, sheet and unit. */
  row: number;
  sheet: string | null;
  unit: string;
}

/** The facts of `facts` whose unit is not of city `cityCode` (null when there are none). */
export function foreignRows(upload: ValidatedUpload, resolver: CatalogueResolver, cityCode: number): ForeignRows | null {
  const { facts, summary } = upload;
  const cityOf = new Map<number, string | null>();
  let first = -1;
  let count = 0;
  for (let i = 0; i < facts.length; i++) {
    const region = facts.region[i]!;
    let city = cityOf.get(region);
    if (city === undefined) {
      city = resolver.region(String(region))?.city ?? null;
      cityOf.set(region, city);
    }
    if (city === String(cityCode)) continue;
    count++;
    if (first < 0) first = i;
  }
  if (first < 0) return null;
  const region = resolver.region(String(facts.region[first]!));
  const city = region?.city ? resolver.region(region.city) : undefined;
  return {
    city: city?.name ?? '省厅直属',
    count,
    row: facts.row[first]!,
    sheet: summary.sheets[facts.sheet[first]!]?.name ?? null,
    unit: region ? resolver.fullRegionName(region) : String(facts.region[first]),
  };
}
