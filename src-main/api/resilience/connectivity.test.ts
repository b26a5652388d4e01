import { describe, expect, it } from 'vitest';
import { createConnectivityMonitor, deriveState } from './connectivity';

describe('connectivity state', () => {
  it('derives online, degraded and offline from recent outcomes and the breaker', () => {
    expect(deriveState([], 'closed', 2)).toBe('online');
    expect(deriveState(['ok', 'ok'], 'closed', 2)).toBe('online');
    expect(deriveState(['ok', 'slow'], 'closed', 2)).toBe('degraded');
    expect(deriveState(['limited', 'ok'], 'closed', 2)).toBe('degraded');
    expect(deriveState(['failed', 'failed', 'failed'], 'closed', 2)).toBe('degraded');
    expect(deriveState(['ok', 'unreachable'], 'closed', 2)).toBe('degraded');
    expect(deriveState(['unreachable', 'unreachable'], 'closed', 2)).toBe('offline');
    expect(deriveState(['ok', 'ok'], 'open', 2)).toBe('offline');
    expect(deriveState(['ok'], 'half_open', 2)).toBe('degraded');
  });

  it('reports each change once, with the instant it happened', () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const monitor = createConnectivityMonitor({ clock: { now: () => new Date(now) }, window: 3 });
    const seen: string[] = [];
    monitor.subscribe((s) => seen.push(`${s.state}@${s.since.slice(11, 19)}`));
    expect(monitor.current()).toEqual({ state: 'online', since: '2026-11-25T10:00:00.000Z' });
    now += 1_000;
    monitor.record('unreachable');
    monitor.record('unreachable');
    now += 1_000;
    monitor.record('unreachable');
    now += 60_000;
    monitor.record('ok');
    now += 1_000;
    monitor.record('ok');
    monitor.record('ok');
    monitor.record('ok');
    expect(seen).toEqual([
      'degraded@10:00:01',
      'offline@10:00:01',
      'degraded@10:01:02',
      'online@10:01:03',
    ]);
    monitor.breaker('open');
    expect(monitor.current().state).toBe('offline');
    monitor.breaker('closed');
    expect(monitor.current().state).toBe('online');
  });
});
