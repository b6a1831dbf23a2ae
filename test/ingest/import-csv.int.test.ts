// The long CSV import cases (./import-csv.cases.ts), validation in the validation worker, as large imports do.
import { validatingIn } from './helpers';
import { importCsvCases } from './import-csv.cases';

validatingIn('校验线程', importCsvCases);
