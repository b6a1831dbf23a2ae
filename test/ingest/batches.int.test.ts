// The import batch cases (./batches.cases.ts), validation in the validation worker, as large imports do.
import { validatingIn } from './helpers';
import { batchCases } from './batches.cases';

validatingIn('校验线程', batchCases);
