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

/**
 * One refresh at a time: one asked while another is in flight runs after it (automatic only if
 * every ask meanwhile was), never dropped, so what a click asked for is what the screen shows.
 */
export function oneAtATime(
  run: (auto: boolean) => Promise<void>,
): (auto?: boolean) => Promise<void> {
  let running = false;
  let again: boolean | null = null;
  const refresh = async (auto = false): Promise<void> => {
    if (running) {
      again = (again ?? true) && auto;
      return;
    }
    running = true;
    try {
      await run(auto);
    } finally {
      running = false;
    }
    if (again !== null) {
      const next = again;
      again = null;
      await refresh(next);
    }
  };
  return refresh;
}
