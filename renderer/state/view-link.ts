// The browser side of view links (url-state.ts is the pure codec): which view the window opens
// with — the link in the address, else the view last shown (kept in localStorage, per origin:
// the web mode's fixed port and Electron's file:// keep it), else the default.
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { ViewState } from '../../shared/api/views';
import { isViewHash, parseViewHash, type LinkNotice } from './url-state';

export const LAST_VIEW_KEY = 'campaign.lastView';

export interface StartupView {
  state: ViewState;
  /** Where the state came from: a link, the last view, or nothing (the default). */
  source: 'link' | 'last' | null;
  notices: LinkNotice[];
}

interface StoredView {
  hash: string;
  options: ViewState['options'];
}

function readLastView(): StoredView | null {
  try {
    const text = window.localStorage.getItem(LAST_VIEW_KEY);
    if (!text) return null;
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || !('hash' in v) || typeof v.hash !== 'string') return null;
    const options =
      'options' in v && typeof v.options === 'object' && v.options !== null && !Array.isArray(v.options)
        ? (v.options as ViewState['options'])
        : {};
    return { hash: v.hash, options };
  } catch {
    return null; // storage disabled or a value from another version: start from the default
  }
}

/** Keeps the view shown, to reopen it at the next start. */
export function rememberView(hash: string, options: ViewState['options']): void {
  try {
    window.localStorage.setItem(LAST_VIEW_KEY, JSON.stringify({ hash, options } satisfies StoredView));
  } catch {
    // Storage full or disabled: the next start shows the default view.
  }
}

export function startupView(catalogue: Catalogue, fallback: ViewState): StartupView {
  const hash = window.location.hash;
  if (isViewHash(hash)) {
    const { state, notices } = parseViewHash(hash, catalogue, fallback);
    return { state, source: 'link', notices };
  }
  const last = readLastView();
  if (last && isViewHash(last.hash)) {
    const { state, notices } = parseViewHash(last.hash, catalogue, { ...fallback, options: last.options });
    return { state, source: 'last', notices };
  }
  return { state: fallback, source: null, notices: [] };
}
