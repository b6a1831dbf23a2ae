// The long CSV import cases (./import-csv.cases.ts), validation in the import's own thread.
import { validatingIn } from './helpers';
import { importCsvCases } from './import-csv.cases';

validatingIn('本线程', importCsvCases);
