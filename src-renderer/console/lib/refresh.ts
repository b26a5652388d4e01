/**
 * A screen that refreshes itself (the fleet, a kiosk's page): now, then every `ms` while the tab
 * is shown, and at once when it is shown again. A console left in a background tab asks nothing.
 * `refresh` is told which asks are the timer's (`auto`): the service neither counts them as the
 * supervisor's activity nor audits them, so a console left open on a desk still signs out after
 * its idle time.
 */
export const REFRESH_MS = 10_000;

export function refreshEvery(
  ms: number,
  refresh: (auto: boolean) => void,
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document,
): () => void {
  const tick = () => {
    if (doc.visibilityState === 'visible') refresh(true);
  };
  const shown = () => {
    if (doc.visibilityState === 'visible') refresh(false);
  };
  refresh(false);
  const timer = setInterval(tick, ms);
  doc.addEventListener('visibilitychange', shown);
  return () => {
    clearInterval(timer);
    doc.removeEventListener('visibilitychange', shown);
  };
}
