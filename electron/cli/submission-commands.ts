// `campaign submit | submissions | accept | return`: a city user's 报送 and an analyst's 审核 from the
// command line, through central-client/review-client.ts (the same calls the workstation makes).
// PLACEHOLDER (h14-review builds it).
import type { Options } from './args';

export async function submissionCommand(_command: 'submit' | 'submissions' | 'accept' | 'return', _args: string[], _options: Options): Promise<number> {
  throw new Error('submission commands: not built yet');
}
