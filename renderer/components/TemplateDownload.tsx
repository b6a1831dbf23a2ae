// 填报模板 in the 导入 view: the XLSX a city fills in (operation `template`), for a city chosen here
// and the filter bar's dates and departments.
import { useMemo, useState } from 'react';
import { useApiContext } from '../data/api-context';
import { useWorkstation } from '../state/workstation-context';
import { downloadFile } from '../logic/csv';
import { Spinner, errorMessage } from './feedback';

export function TemplateDownload() {
  const { api } = useApiContext();
  const { state, catalogue } = useWorkstation();
  const f = state.filter;
  const cities = useMemo(() => catalogue.regions.filter((r) => r.level === 'city'), [catalogue]);
  // The filter's city when it names one (a city or counties of one city), else a choice to make.
  const filterCity = useMemo(() => {
    const owners = new Set(f.regions.map((code) => catalogue.regions.find((r) => r.code === code)?.city ?? null));
    const only = owners.size === 1 ? [...owners][0] : null;
    return only ?? '';
  }, [f.regions, catalogue]);
  const [chosen, setChosen] = useState<string | null>(null);
  const city = chosen ?? filterCity;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cityName = cities.find((c) => c.code === city)?.name;
  const units = catalogue.regions.filter((r) => r.parent === city && r.level === 'county').length + 1;

  const download = async () => {
    if (!city) return;
    setBusy(true);
    setError(null);
    try {
      const file = await api.call('template', { region: city, from: f.from, to: f.to, departments: f.departments });
      downloadFile(file.fileName, file.bytes as BlobPart, file.mime);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel template-panel" data-testid="template-panel">
      <header className="panel-header">
        <h3>填报模板</h3>
        <span className="muted small">发给各市填写的 Excel：一行一个县区（含市本级）一天，每个指标一列；填好后在上面导入</span>
      </header>
      <div className="template-form">
        <label className="inline-field">
          地市
          <select value={city} onChange={(e) => setChosen(e.target.value)} data-testid="template-city">
            <option value="">请选择地市</option>
            {cities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className="template-scope">
          时段 {f.from} 至 {f.to}；{f.departments.length === 0 ? '全部部门' : f.departments.join('、')}
          <span className="muted small">（按筛选栏）</span>
        </span>
        <button type="button" className="btn" disabled={!city || busy} onClick={() => void download()} data-testid="template-download">
          {busy ? '正在生成…' : '下载填报模板'}
        </button>
        {busy && <Spinner label="" />}
        {cityName && (
          <span className="muted small">
            {cityName}：{units} 个报送单位
          </span>
        )}
      </div>
      {error && (
        <div className="banner banner-error template-error" role="alert">
          <span className="banner-text">{error}</span>
        </div>
      )}
    </section>
  );
}
