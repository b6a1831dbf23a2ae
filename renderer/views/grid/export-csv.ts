// 导出 CSV: what the active grid shows (its sort, its visible columns), headers as plain text,
// the provenance lines after it and the demo mark before it.
import type { GridApi } from 'ag-grid-community';
import type { Catalogue } from '../../../shared/api/catalogue-types';
import type { DataInfo } from '../../../shared/api/operations';
import { DEMO_MARK } from '../../../shared/demo';
import { downloadText } from '../../logic/csv';
import { csvCellValue, plainHeader } from '../../logic/grid-columns';
import { gridCsvFileName, gridCsvText, gridProvenance } from '../../logic/grid-export';
import type { GridRow } from '../../logic/pivot';
import type { FilterState } from '../../state/filter';
import { ROWS_BY_CHOICES, type RowsBy } from '../../state/view-state';

interface ExportContext {
  catalogue: Catalogue;
  filter: FilterState;
  rowsBy: RowsBy;
  info: DataInfo | null;
  demo: boolean;
}

export function exportGridCsv(api: GridApi<GridRow> | null | undefined, { catalogue, filter, rowsBy, info, demo }: ExportContext): void {
  const csv = api?.getDataAsCsv({
    processCellCallback: (p) => csvCellValue(p.column.getColId(), p.value),
    processHeaderCallback: (p) => plainHeader(p.column.getColDef().headerName ?? ''),
    processGroupHeaderCallback: (p) => plainHeader(p.columnGroup.getColGroupDef()?.headerName ?? ''),
  });
  if (csv === undefined) return;
  const rowsLabel = ROWS_BY_CHOICES.find((c) => c.value === rowsBy)?.label ?? '';
  const provenance = gridProvenance({ catalogue, filter, rowsLabel, info, now: new Date() });
  downloadText(gridCsvFileName(catalogue, filter), gridCsvText(csv, provenance, demo ? [DEMO_MARK] : []));
}
