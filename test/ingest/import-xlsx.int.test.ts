// The wide XLSX import cases (./import-xlsx.cases.ts), validation in the validation worker, as large imports do.
import { validatingIn } from './helpers';
import { importXlsxCases } from './import-xlsx.cases';

validatingIn('校验线程', importXlsxCases);
