// What the bench's clients did, written down by the clients themselves (never read back from the
// server): each submission with the facts its file held, and the analyst's decisions. From it the
// facts the server must hold are computed independently of the server.
import { fmtKey, type SentFact } from './returns';

export interface SentSubmission {
  id: number;
  city: number;
  day: number;
  version: number;
  file: string;
  format: string;
  facts: SentFact[];
  /** 待审核 when the server took it; the analyst's decision later. */
  decision: 'waiting' | 'accepted' | 'returned';
}

export class Ledger {
  readonly submissions = new Map<number, SentSubmission>();
  /** Files the server refused (a bench return must never be refused: counted as a failure). */
  readonly refused: { file: string; status: string; problems: unknown[] }[] = [];
  submitted = 0;
  resubmitted = 0;
  acceptedFacts = 0;
  syncs = 0;

  sent(s: SentSubmission): void {
    this.submissions.set(s.id, s);
    this.submitted++;
    if (s.version > 0) this.resubmitted++;
  }

  decided(id: number, decision: 'accepted' | 'returned'): void {
    const s = this.submissions.get(id);
    if (!s) throw new Error(`the analyst decided submission ${id}, which no bench city sent`);
    if (s.decision !== 'waiting') throw new Error(`submission ${id} decided twice (${s.decision}, then ${decision})`);
    s.decision = decision;
    if (decision === 'accepted') this.acceptedFacts += s.facts.length;
  }

  count(decision: SentSubmission['decision']): number {
    let n = 0;
    for (const s of this.submissions.values()) if (s.decision === decision) n++;
    return n;
  }

  /** The facts of every accepted submission, by key; a key two accepted submissions hold is an error of the bench. */
  expectedFacts(): Map<string, number> {
    const facts = new Map<string, number>();
    for (const s of this.submissions.values()) {
      if (s.decision !== 'accepted') continue;
      for (const f of s.facts) {
        const key = fmtKey(f.day, f.region, f.indicator);
        if (facts.has(key)) throw new Error(`two accepted submissions hold ${key}`);
        facts.set(key, f.value);
      }
    }
    return facts;
  }
}
