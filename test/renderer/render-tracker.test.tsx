// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { READY_EVENT, RenderTrackerProvider, useReady } from '../../renderer/data/render-tracker';

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.readyVersion;
  delete document.documentElement.dataset.stateVersion;
});

function Panel({ ready }: { ready: boolean }) {
  useReady(ready);
  return null;
}

function App({ version, a, b }: { version: number; a: boolean; b: boolean }) {
  return (
    <RenderTrackerProvider version={version}>
      <Panel ready={a} />
      <Panel ready={b} />
    </RenderTrackerProvider>
  );
}

/** The next animation frame, and the task after it (where the tracker marks). */
async function nextFrame(): Promise<void> {
  await act(async () => {
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    await new Promise<void>((r) => setTimeout(r, 0));
  });
}

describe('render tracker', () => {
  it('marks a version ready only when every panel has drawn it, one frame after', async () => {
    const seen: number[] = [];
    const on = (e: Event) => seen.push((e as CustomEvent<number>).detail);
    window.addEventListener(READY_EVENT, on);
    try {
      const view = render(<App version={1} a={true} b={false} />);
      expect(document.documentElement.dataset.stateVersion).toBe('1');
      await nextFrame();
      expect(document.documentElement.dataset.readyVersion).toBeUndefined();

      view.rerender(<App version={1} a={true} b={true} />);
      // Not in the same task: the mark waits for the frame that shows the panels.
      expect(document.documentElement.dataset.readyVersion).toBeUndefined();
      await nextFrame();
      expect(document.documentElement.dataset.readyVersion).toBe('1');
      expect(performance.getEntriesByName('campaign:ready:1')).toHaveLength(1);

      // A new version whose panels are still loading is not ready, even though the old one was.
      view.rerender(<App version={2} a={false} b={true} />);
      await nextFrame();
      expect(document.documentElement.dataset.readyVersion).toBe('1');
      view.rerender(<App version={2} a={true} b={true} />);
      await nextFrame();
      expect(document.documentElement.dataset.readyVersion).toBe('2');
      expect(seen).toEqual([1, 2]);
    } finally {
      window.removeEventListener(READY_EVENT, on);
    }
  });

  it('does not mark a version the state has already left', async () => {
    const view = render(<App version={1} a={true} b={true} />);
    // Version 2 arrives before the frame in which version 1 would have been marked.
    view.rerender(<App version={2} a={false} b={true} />);
    await nextFrame();
    await nextFrame();
    expect(document.documentElement.dataset.readyVersion).toBeUndefined();
  });

  it('marks nothing once unmounted, even with a frame still pending', async () => {
    const view = render(<App version={1} a={true} b={true} />);
    // Unmount before the frame in which version 1 would have been marked (a closing window).
    view.unmount();
    await nextFrame();
    await nextFrame();
    expect(document.documentElement.dataset.readyVersion).toBeUndefined();
  });
});
