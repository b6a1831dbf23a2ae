// A button with a panel under it; closes on outside click and Escape.
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  title?: string;
  className?: string;
  panelClassName?: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
  align?: 'left' | 'right';
}

export function Popover({ label, title, className, panelClassName, children, testId, align = 'left' }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className={`popover ${className ?? ''}`} ref={root}>
      <button
        type="button"
        className={`picker-button${open ? ' open' : ''}`}
        title={title}
        aria-expanded={open}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span className="caret" aria-hidden>
          ▾
        </span>
      </button>
      {open && <div className={`popover-panel align-${align} ${panelClassName ?? ''}`}>{children(() => setOpen(false))}</div>}
    </div>
  );
}
