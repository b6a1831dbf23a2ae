// The right-click menu of a grid cell (or a chart point): 记一条督导发现, which opens the 督导 view's
// form pre-filled with the row's unit, indicator and dates. Closed by a click elsewhere or Esc.
import { useEffect, useRef } from 'react';
import type { FindingDraft } from '../../state/finding-draft';
import { useFindingDraft } from '../../state/finding-draft';

export interface FindingMenuAt {
  x: number;
  y: number;
  draft: FindingDraft;
  /** What the row is, shown in the menu: 交城县 · 交警/查处酒驾醉驾 · 2023-07-01. */
  label: string;
}

export function FindingContextMenu({ at, onClose }: { at: FindingMenuAt; onClose(): void }) {
  const drafts = useFindingDraft();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [onClose]);
  if (!drafts) return null;
  return (
    <div ref={ref} className="insp-context-menu" role="menu" style={{ left: at.x, top: at.y }} data-testid="finding-context-menu">
      <div className="insp-context-label">{at.label}</div>
      <button
        type="button"
        role="menuitem"
        data-testid="record-finding"
        onClick={() => {
          drafts.recordFinding(at.draft);
          onClose();
        }}
      >
        记一条督导发现
      </button>
    </div>
  );
}
