/**
 * Where a benchmark's CPU goes, per process of the chain: user + system time of a process and
 * all its descendants (PostgreSQL's backends are children of the postmaster), read from Linux's
 * /proc. A phase's figure is the difference between two readings.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_S = 100;

interface Stat {
  ppid: number;
  /** utime + stime, plus cutime + cstime (reaped children, e.g. ended backends), in ticks. */
  ticks: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name in parentheses: state, ppid, … utime (14), stime, cutime, cstime.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each named process tree; a root that is gone counts 0. */
export function cpuSeconds(roots: Record<string, number>): Record<string, number> {
  const all = new Map<number, Stat>();
  for (const entry of readdirSync('/proc'))
    if (/^\d+$/.test(entry)) {
      const s = stat(Number(entry));
      if (s) all.set(Number(entry), s);
    }
  const children = new Map<number, number[]>();
  for (const [pid, s] of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const tree = (pid: number): number =>
    (all.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, c) => sum + tree(c), 0);
  return Object.fromEntries(
    Object.entries(roots).map(([name, pid]) => [name, tree(pid) / TICKS_PER_S]),
  );
}

/** Milliseconds of CPU per operation for each process tree between two readings. */
export function cpuPerOp(
  before: Record<string, number>,
  after: Record<string, number>,
  ops: number,
): string {
  return Object.keys(after)
    .map((name) => `${name} ${(((after[name]! - (before[name] ?? 0)) * 1000) / ops).toFixed(2)}`)
    .join(', ');
}
