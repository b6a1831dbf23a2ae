// The 报送矩阵: one row per reporting unit, one column per day, each cell coloured reported /
// partial / missing so a gap shows without hovering. The unit labels are HTML in a column that
// stays put while the cells scroll sideways (one label per 18 px row: they never overlap); the
// date header stays on top while they scroll down; the cells are drawn on one canvas, so the whole
// province over a year is as quick as one city over a phase.
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import {
  STATUS_LABELS,
  STATUS_MISSING,
  STATUS_PARTIAL,
  cellText,
  dayTicks,
  statusAt,
  type CompletenessMatrix as Matrix,
} from '../logic/completeness';

export const MATRIX_ROW_HEIGHT = 18;
const HEAD_HEIGHT = 28;
const MIN_CELL = 4;
const MAX_CELL = 26;
export const STATUS_COLOURS = ['#cfe8d5', '#f0b429', '#d64545'] as const;
const SELECTED = '#173f86';
const CITY_RULE = '#7b8794';

interface Props {
  matrix: Matrix;
  selected: string | null;
  onSelect: (code: string) => void;
}

/** Room after the last day, so a date label that starts on the last column is not cut off. */
const TICK_TAIL = 40;
export function CompletenessMatrix({ matrix, selected, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useClientWidth(scrollRef);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const { units, days } = matrix;
  const multiCity = new Set(units.map((u) => u.city_code)).size > 1;
  const labelWidth = multiCity ? 170 : 118;
  const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((width - labelWidth - 2) / Math.max(1, days.length)) || 8));
  const bodyWidth = cell * days.length;
  const bodyHeight = MATRIX_ROW_HEIGHT * units.length;

  useEffect(() => {
    if (canvasRef.current) drawCells(canvasRef.current, matrix, { cell, bodyWidth, bodyHeight, multiCity, selected });
  }, [matrix, cell, bodyWidth, bodyHeight, multiCity, selected]);

  const cellAt = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left) / cell);
    const y = Math.floor((e.clientY - r.top) / MATRIX_ROW_HEIGHT);
    return x >= 0 && x < days.length && y >= 0 && y < units.length ? { x, y } : null;
  };

  const ticks = dayTicks(days, cell);
  return (
    <div className="cm" data-testid="completeness-matrix">
      <div ref={scrollRef} className="cm-scroll" data-cell-width={cell} onMouseLeave={() => setTip(null)}>
        <div
          className="cm-grid"
          style={{
            width: labelWidth + bodyWidth + TICK_TAIL,
            gridTemplateColumns: `${labelWidth}px ${bodyWidth + TICK_TAIL}px`,
            gridTemplateRows: `${HEAD_HEIGHT}px ${bodyHeight}px`,
          }}
        >
          <div className="cm-corner">{multiCity ? '市 · 单位' : '单位'}</div>
          <div className="cm-head" aria-hidden>
            {ticks.map((t) => (
              <span key={t.index} className="cm-tick" style={{ left: t.index * cell }}>
                {t.label}
              </span>
            ))}
          </div>
          <UnitLabels units={units} multiCity={multiCity} selected={selected} onSelect={onSelect} />
          <canvas
            ref={canvasRef}
            className="cm-canvas"
            style={{ width: bodyWidth, height: bodyHeight }}
            onMouseMove={(e) => {
              const c = cellAt(e);
              setTip(c ? { x: e.clientX, y: e.clientY, text: cellText(matrix, c.y, c.x) } : null);
            }}
            onClick={(e) => {
              const c = cellAt(e);
              if (c) onSelect(units[c.y]!.region_code);
            }}
          />
        </div>
      </div>
      <Legend />
      {tip && (
        <div className="cm-tip" role="tooltip" style={{ left: Math.min(tip.x + 14, window.innerWidth - 380), top: tip.y + 14 }}>
          {tip.text}
        </div>
      )}
    </div>
  );
}

/** The element's width, followed as it is resized. */
function useClientWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The cells on the canvas: one per unit and day, a rule between cities, the selected unit's row outlined. */
function drawCells(
  canvas: HTMLCanvasElement,
  matrix: Matrix,
  {
    cell,
    bodyWidth,
    bodyHeight,
    multiCity,
    selected,
  }: { cell: number; bodyWidth: number; bodyHeight: number; multiCity: boolean; selected: string | null },
): void {
  const { units, days } = matrix;
  // A very large grid is drawn at one pixel per CSS pixel, to keep the canvas within memory.
  const ratio = bodyWidth * bodyHeight > 4_000_000 ? 1 : Math.min(2, window.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(bodyWidth * ratio));
  canvas.height = Math.max(1, Math.round(bodyHeight * ratio));
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, bodyWidth, bodyHeight);
  const gapX = cell >= 6 ? 1 : 0;
  for (let y = 0; y < units.length; y++) {
    for (let x = 0; x < days.length; x++) {
      g.fillStyle = STATUS_COLOURS[statusAt(matrix, y, x)]!;
      g.fillRect(x * cell, y * MATRIX_ROW_HEIGHT + 1, cell - gapX, MATRIX_ROW_HEIGHT - 2);
    }
    if (multiCity && y > 0 && units[y]!.city_code !== units[y - 1]!.city_code) {
      g.fillStyle = CITY_RULE;
      g.fillRect(0, y * MATRIX_ROW_HEIGHT, bodyWidth, 1);
    }
  }
  const at = units.findIndex((u) => u.region_code === selected);
  if (at >= 0) {
    g.strokeStyle = SELECTED;
    g.lineWidth = 2;
    g.strokeRect(1, at * MATRIX_ROW_HEIGHT + 1, bodyWidth - 2, MATRIX_ROW_HEIGHT - 2);
  }
}

/** The unit labels, one per row (with its city at the first of each city's units). */
function UnitLabels({
  units,
  multiCity,
  selected,
  onSelect,
}: {
  units: Matrix['units'];
  multiCity: boolean;
  selected: string | null;
  onSelect: (code: string) => void;
}) {
  return (
    <div className="cm-labels">
      {units.map((u, i) => {
        const firstOfCity = i === 0 || units[i - 1]!.city_code !== u.city_code;
        return (
          <button
            type="button"
            key={u.region_code}
            className={`cm-label${u.region_code === selected ? ' selected' : ''}${multiCity && firstOfCity && i > 0 ? ' city-start' : ''}`}
            style={{ height: MATRIX_ROW_HEIGHT }}
            title={`${u.city_name} ${u.region_name}（${u.region_code}）：报送率 ${(u.rate * 100).toFixed(1)}%`}
            data-code={u.region_code}
            onClick={() => onSelect(u.region_code)}
          >
            {multiCity && <span className="cm-city">{firstOfCity ? u.city_name : ''}</span>}
            <span className="cm-unit">{u.region_name}</span>
            {u.missing_days + u.partial_days > 0 && <span className="cm-flag" aria-label="有缺报" />}
          </button>
        );
      })}
    </div>
  );
}

function Legend() {
  return (
    <div className="cm-legend" aria-label="图例">
      {[0, STATUS_PARTIAL, STATUS_MISSING].map((s) => (
        <span key={s} className="cm-legend-item">
          <span className="cm-swatch" style={{ background: STATUS_COLOURS[s] }} />
          {STATUS_LABELS[s]}
        </span>
      ))}
      <span className="muted">每格一个单位一天；点击单位或格子查看该单位的缺报明细</span>
    </div>
  );
}
