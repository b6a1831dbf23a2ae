// The import batch cases (./batches.cases.ts), validation in the import's own thread.
import { validatingIn } from './helpers';
import { batchCases } from './batches.cases';

validatingIn('本线程', batchCases);
