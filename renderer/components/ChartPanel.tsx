// A chart in a titled panel with its loading, empty and error states; reports when it has drawn.
import { useState, type ReactNode } from 'react';
import type { EChartsOption } from 'echarts';
import { EChart, type ChartClick } from './EChart';
import { ErrorBanner, LoadingBar, PanelOverlay, useSlow } from './feedback';
import { useReady } from '../data/render-tracker';

interface Props {
  name: string;
  title: ReactNode;
  actions?: ReactNode;
  option: EChartsOption | null;
  /** The key of the answer `option` was built from, plus anything else it depends on. */
  optionKey: string | null;
  /** True when `option` answers the current input. */
  current: boolean;
  loading: boolean;
  error: Error | null;
  empty: boolean;
  onClick?: (e: ChartClick) => void;
  onContextMenu?: (e: ChartClick, at: { x: number; y: number }) => void;
  footnote?: ReactNode;
  className?: string;
  attributes?: Record<string, string>;
}

export function ChartPanel({
  name,
  title,
  actions,
  option,
  optionKey,
  current,
  loading,
  error,
  empty,
  onClick,
  onContextMenu,
  footnote,
  className,
  attributes,
}: Props) {
  const [drawn, setDrawn] = useState<string | null>(null);
  useReady(error !== null || (current && (empty || (optionKey !== null && drawn === optionKey))));
  const stale = useSlow(loading);
  return (
    <section className={`panel chart-panel ${className ?? ''}`} data-panel={name} {...attributes}>
      <LoadingBar active={loading} />
      <header className="panel-header">
        <h3>{title}</h3>
        <div className="panel-actions">{actions}</div>
      </header>
      {error && <ErrorBanner error={error} />}
      <div className={`chart-body${stale ? ' is-stale' : ''}`}>
        <EChart
          name={name}
          option={empty ? null : option}
          optionKey={empty ? null : optionKey}
          onDrawn={setDrawn}
          {...(onClick ? { onClick } : {})}
          {...(onContextMenu ? { onContextMenu } : {})}
        />
        <PanelOverlay loading={!option && !error && !empty} empty={empty} />
      </div>
      {footnote && <footer className="panel-footnote">{footnote}</footer>}
    </section>
  );
}
