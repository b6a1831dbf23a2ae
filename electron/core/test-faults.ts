// Faults the tests inject into the core worker, to check that a bug or a dying worker is handled as
// it would be in use: honoured only when the worker runs with CAMPAIGN_TEST_HOOKS=1.
import type { TestFault, TestFaultMessage } from './core-protocol';

export function isTestFaultMessage(m: unknown): m is TestFaultMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'test-fault';
}

const hooksOn = () => process.env.CAMPAIGN_TEST_HOOKS === '1';

/** A bug as the code could have one: not a UserError. */
export class InjectedBug extends Error {
  constructor() {
    super('injected test fault (CAMPAIGN_TEST_HOOKS)');
    this.name = 'InjectedBug';
  }
}

function fillHeap(): never {
  // Until the worker's resourceLimits stop it: the worker dies with ERR_WORKER_OUT_OF_MEMORY.
  const hold: number[][] = [];
  for (;;) hold.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
}

export function testFaults() {
  let armed: TestFault | null = null;
  return {
    /** A fault message: 'uncaught' fires now, outside any call; the others with the next call. */
    arm(m: TestFaultMessage): void {
      if (!hooksOn()) return;
      if (m.fault === 'uncaught') {
        setImmediate(() => {
          throw new InjectedBug();
        });
      } else armed = m.fault;
    },
    /** At the start of a call: fires the armed fault, once. */
    fire(): void {
      const fault = armed;
      armed = null;
      if (fault === 'bug') throw new InjectedBug();
      if (fault === 'exit') process.exit(70);
      if (fault === 'oom') fillHeap();
    },
  };
}

/** The CLI's forced bug (CAMPAIGN_TEST_HOOKS=1 and CAMPAIGN_TEST_BUG=1), for its bug-path test. */
export function throwTestBugIfAsked(): void {
  if (hooksOn() && process.env.CAMPAIGN_TEST_BUG === '1') throw new InjectedBug();
}
