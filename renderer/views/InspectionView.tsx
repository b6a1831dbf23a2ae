// 督导: the findings register (问题清单 / 整改台账) and the bundle's tools. On the provincial copy:
// counts by city and category, every city's findings, 导出督导包 and 合并督导回传. On a 督导包: the
// city's findings, 核实更正, 生成督导回传. Selecting a finding shows its history, attachments and a
// status change; 新增督导发现 opens the form (also pre-filled from a grid row, finding-draft.ts).
import { useEffect, useMemo, useState } from 'react';
import type { FindingJson } from '../../shared/api/inspection';
import { useReady } from '../data/render-tracker';
import { useOperation } from '../data/use-operation';
import { useDatabase } from '../database/database-context';
import { EmptyState, ErrorBanner, Spinner } from '../components/feedback';
import { BundleReturnDialog, ExportBundleDialog, MergeReturnDialog } from '../components/inspection/BundleDialogs';
import { CorrectionPanel } from '../components/inspection/CorrectionPanel';
import { FindingDetail } from '../components/inspection/FindingDetail';
import { FindingForm } from '../components/inspection/FindingForm';
import { FindingsSummary } from '../components/inspection/FindingsSummary';
import { FindingsTable } from '../components/inspection/FindingsTable';
import { useFindingDraft, type FindingDraft } from '../state/finding-draft';
import { InspectionToolbar, type InspectionDialog } from '../components/inspection/InspectionToolbar';
import { FindingFilters } from '../components/inspection/FindingFilters';
import { filterFindings, NO_FILTER, sortFindings, summaryByCategory, summaryByCity, totals, type FindingFilter } from '../logic/inspection';
import { useWorkstation } from '../state/workstation-context';

export function InspectionView() {
  const { catalogue, info } = useWorkstation();
  const { state: workspace } = useDatabase();
  const bundle = info?.bundle ?? workspace.bundle;
  const onlyCity = bundle?.cityCode ?? null;
  const list = useOperation('listFindings', {});
  useReady(list.current || list.error !== null);
  const draftContext = useFindingDraft();
  const [filter, setFilter] = useState<FindingFilter>(NO_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ draft: FindingDraft | null; n: number } | null>(null);
  const [dialog, setDialog] = useState<InspectionDialog | null>(null);

  // A draft from a grid row or a chart point opens the form with it, once.
  const pending = draftContext?.draft ?? null;
  useEffect(() => {
    if (!pending || !draftContext) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a draft handed over by another view is taken once
    setForm((f) => ({ draft: pending, n: (f?.n ?? 0) + 1 }));
    draftContext.taken();
  }, [pending, draftContext]);

  const all = useMemo(() => list.data?.findings ?? [], [list.data]);
  const shown = useMemo(() => sortFindings(filterFindings(all, filter, catalogue)), [all, filter, catalogue]);
  const cities = useMemo(() => summaryByCity(all, catalogue, onlyCity ? [onlyCity] : undefined), [all, catalogue, onlyCity]);
  const categories = useMemo(() => summaryByCategory(all), [all]);
  const total = useMemo(() => totals(all), [all]);
  const current: FindingJson | undefined = all.find((f) => f.id === selected);

  return (
    <div className="view insp-view" data-testid="inspection-view" data-bundle={bundle ? 'true' : 'false'}>
      <InspectionToolbar
        bundle={bundle}
        onNewFinding={() => setForm((f) => ({ draft: null, n: (f?.n ?? 0) + 1 }))}
        onDialog={setDialog}
        city={filter.city ?? onlyCity}
        status={filter.status}
      />
      {bundle && (
        <div className="banner insp-banner-info" data-testid="bundle-banner">
          当前为 {bundle.cityName} 加密督导包（{bundle.from} 至 {bundle.to}，{bundle.madeBy} 于 {bundle.madeAt.slice(0, 10)}{' '}
          导出）：数据只在内存中解密，保存时重新加密。
        </div>
      )}
      {form && (
        <FindingForm
          key={form.n}
          draft={form.draft}
          onlyCity={onlyCity}
          onDone={(f) => {
            setForm(null);
            if (f) setSelected(f.id);
          }}
        />
      )}
      {list.error && <ErrorBanner error={list.error} />}
      {!list.data && !list.error && <Spinner label="正在读取督导发现…" />}
      {list.data && (
        <>
          <FindingsSummary
            cities={cities}
            categories={categories}
            total={total}
            selectedCity={filter.city}
            onCity={(city) => setFilter({ ...filter, city })}
          />
          <FindingFilters filter={filter} onChange={setFilter} cities={cities} onlyCity={onlyCity} shown={shown.length} all={all.length} />
          <div className={current ? 'insp-main with-detail' : 'insp-main'}>
            <div className="insp-list">
              {shown.length === 0 ? (
                <EmptyState
                  title={all.length === 0 ? '尚无督导发现' : '没有符合筛选条件的督导发现'}
                  hint={all.length === 0 ? '点“新增督导发现”记录问题；在表格中右键某一行也可记一条。' : undefined}
                />
              ) : (
                <FindingsTable findings={shown} selected={selected} onSelect={setSelected} />
              )}
            </div>
            {current && <FindingDetail finding={current} onClose={() => setSelected(null)} />}
          </div>
          <CorrectionPanel onlyCity={onlyCity} findings={all} />
        </>
      )}
      {dialog === 'export' && <ExportBundleDialog onClose={() => setDialog(null)} />}
      {dialog === 'return' && <BundleReturnDialog onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeReturnDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
