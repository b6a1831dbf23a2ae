// The wide XLSX import cases (./import-xlsx.cases.ts), validation in the import's own thread.
import { validatingIn } from './helpers';
import { importXlsxCases } from './import-xlsx.cases';

validatingIn('本线程', importXlsxCases);
