/**
 * A screen that refreshes itself (the fleet, a kiosk's page): now, then every `ms` while the tab
 * is shown, and at once when it is shown again. A console left in a background tab asks nothing,
 * so its session ends after its idle time as any other would.
 */
export const REFRESH_MS = 10_000;

export function refreshEvery(
  ms: number,
  refresh: () => void,
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document,
): () => void {
  const tick = () => {
    if (doc.visibilityState === 'visible') refresh();
  };
  const shown = () => {
    if (doc.visibilityState === 'visible') refresh();
  };
  refresh();
  const timer = setInterval(tick, ms);
  doc.addEventListener('visibilitychange', shown);
  return () => {
    clearInterval(timer);
    doc.removeEventListener('visibilitychange', shown);
  };
}
