// Keeps the address's hash and the view state together: each change of view or filter is a new
// history entry (so back/forward step through them); a hash changed from outside (a pasted link,
// back/forward, a bookmark) opens the view it names. Parameters that cannot be used are dropped
// and listed in a notice.
import { useEffect, useRef, useState } from 'react';
import { useWorkstation } from '../state/workstation-context';
import { isViewHash, noticeText, parseViewHash, viewHash, type LinkNotice } from '../state/url-state';
import { rememberView, type StartupView } from '../state/view-link';

interface Notice {
  /** Where the dropped parameters came from. */
  from: 'link' | 'last';
  items: LinkNotice[];
}

export function UrlStateSync({ startup }: { startup: Pick<StartupView, 'source' | 'notices'> }) {
  const { catalogue, state, dispatch } = useWorkstation();
  const [notice, setNotice] = useState<Notice | null>(
    startup.notices.length > 0 && startup.source ? { from: startup.source, items: startup.notices } : null,
  );
  const current = useRef(state);
  // eslint-disable-next-line react-hooks/refs -- the newest state for the address listener, added once
  current.current = state;
  // The first write, and the one after a view opened from the address, replace the entry: the
  // address then says the same thing in the canonical form, without a second history step.
  const replaceNext = useRef(true);

  useEffect(() => {
    const hash = viewHash(state, catalogue);
    rememberView(hash, state.options);
    if (hash !== window.location.hash) {
      try {
        if (replaceNext.current) window.history.replaceState(window.history.state, '', hash);
        else window.history.pushState(window.history.state, '', hash);
      } catch {
        // A page whose history cannot be rewritten: setting the hash still records the view (the
        // hashchange it fires finds the state already shown).
        window.location.hash = hash;
      }
    }
    replaceNext.current = false;
  }, [state, catalogue]);

  useEffect(() => {
    const onAddress = () => {
      const hash = window.location.hash;
      const shown = viewHash(current.current, catalogue);
      if (hash === shown) return;
      if (!isViewHash(hash)) {
        // The hash was cleared: say again what is on screen.
        window.history.replaceState(window.history.state, '', shown);
        return;
      }
      const parsed = parseViewHash(hash, catalogue, current.current);
      setNotice(parsed.notices.length > 0 ? { from: 'link', items: parsed.notices } : null);
      if (viewHash(parsed.state, catalogue) === shown) {
        window.history.replaceState(window.history.state, '', shown);
        return;
      }
      replaceNext.current = true;
      dispatch({ type: 'open', state: parsed.state });
    };
    window.addEventListener('hashchange', onAddress);
    window.addEventListener('popstate', onAddress);
    return () => {
      window.removeEventListener('hashchange', onAddress);
      window.removeEventListener('popstate', onAddress);
    };
  }, [catalogue, dispatch]);

  if (!notice) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <span>
        {notice.from === 'link' ? '链接中' : '上次的视图中'}有 {notice.items.length} 个参数无法使用，已忽略，其余已应用：
        {notice.items.map(noticeText).join('；')}
      </span>
      <button type="button" className="btn btn-small" onClick={() => setNotice(null)}>
        知道了
      </button>
    </div>
  );
}
