/**
 * The simulator's directory change log: every change to a student gets the next sequence
 * number, and the feed (GET /v1/directory/changes) serves each record once, at its latest
 * change, so a page is always the current state of the records it names. Cursors carry the
 * simulator instance and an epoch; `expireCursors` moves to a new epoch, so every cursor handed
 * out before gets 410 (that is how tests and benchmarks make a kiosk rebuild its cache).
 */
import { randomBytes } from 'node:crypto';

/** A change as the log keeps it; the student's data is read when the page is served. */
export interface FeedEntry {
  seq: number;
  recordId: string;
  version: number;
  identifier: string;
  /** Set for a tombstone. */
  deletedAt: string | null;
}

export type FeedRead =
  | { kind: 'page'; entries: FeedEntry[]; nextCursor: string; hasMore: boolean }
  | { kind: 'expired' }
  | { kind: 'malformed' };

export interface DirectoryFeed {
  /** The student with this identifier was created or changed: it goes to the end of the feed. */
  recordChange(identifier: string): number;
  /** The student left the directory: a tombstone goes to the end of the feed. */
  recordDeletion(identifier: string, at: Date): number;
  /** Up to `limit` changes after `cursor` (null: from the beginning, a full sync). */
  read(cursor: string | null, limit: number): FeedRead;
  /** Invalidates every cursor handed out so far and forgets tombstones. */
  expireCursors(): void;
  /** The sequence number of the latest change. */
  readonly sequence: number;
  /** Decodes a cursor's position, for tests that check what a kiosk holds; null if not ours. */
  positionOf(cursor: string): number | null;
}

/** Rebuild the log once superseded entries outnumber the live ones by this much. */
const COMPACT_SLACK = 1024;

/** Creates an empty change log; record the initial students with `recordChange`. */
export function createDirectoryFeed(): DirectoryFeed {
  // A kiosk must not resume, against a restarted simulator, a cursor of the previous one.
  const instance = randomBytes(6).toString('hex');
  let epoch = 1;
  let sequence = 0;
  let nextRecord = 1;
  let log: FeedEntry[] = [];
  /** The latest entry of each record; an entry in `log` that is not here is superseded. */
  const latest = new Map<string, FeedEntry>();
  const recordIds = new Map<string, string>();

  const encode = (seq: number) =>
    Buffer.from(`${instance}.${epoch}.${seq}`, 'utf8').toString('base64url');

  function decode(cursor: string): { instance: string; epoch: number; seq: number } | null {
    const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
    if (parts.length !== 3 || !/^\d+$/.test(parts[1] ?? '') || !/^\d+$/.test(parts[2] ?? ''))
      return null;
    return { instance: parts[0] ?? '', epoch: Number(parts[1]), seq: Number(parts[2]) };
  }

  function append(entry: Omit<FeedEntry, 'seq' | 'version'>): number {
    sequence += 1;
    const version = (latest.get(entry.recordId)?.version ?? 0) + 1;
    const full: FeedEntry = { ...entry, seq: sequence, version };
    log.push(full);
    latest.set(entry.recordId, full);
    if (log.length > latest.size * 2 + COMPACT_SLACK) compact();
    return sequence;
  }

  function compact() {
    log = log.filter((e) => latest.get(e.recordId) === e);
  }

  /** Index of the first entry whose seq is above `seq` (the log is sorted by seq). */
  function firstAfter(seq: number): number {
    let low = 0;
    let high = log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((log[mid] as FeedEntry).seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  return {
    get sequence() {
      return sequence;
    },
    recordChange(identifier) {
      let recordId = recordIds.get(identifier);
      if (recordId === undefined) {
        recordId = `rec-${String(nextRecord).padStart(7, '0')}`;
        nextRecord += 1;
        recordIds.set(identifier, recordId);
      }
      return append({ recordId, identifier, deletedAt: null });
    },
    recordDeletion(identifier, at) {
      const recordId = recordIds.get(identifier);
      if (recordId === undefined) return sequence;
      // A student created again later with the same identifier is a new record.
      recordIds.delete(identifier);
      return append({ recordId, identifier, deletedAt: at.toISOString() });
    },
    read(cursor, limit) {
      let from = 0;
      if (cursor !== null) {
        const position = decode(cursor);
        if (!position) return { kind: 'malformed' };
        if (position.instance !== instance || position.epoch !== epoch || position.seq > sequence)
          return { kind: 'expired' };
        from = position.seq;
      }
      const entries: FeedEntry[] = [];
      let index = firstAfter(from);
      for (; index < log.length && entries.length < limit; index += 1) {
        const entry = log[index] as FeedEntry;
        if (latest.get(entry.recordId) === entry) entries.push(entry);
      }
      while (index < log.length && latest.get((log[index] as FeedEntry).recordId) !== log[index])
        index += 1;
      const hasMore = index < log.length;
      // At the end, the head: superseded entries before it need never be read again.
      const last = entries[entries.length - 1]?.seq ?? from;
      return { kind: 'page', entries, nextCursor: encode(hasMore ? last : sequence), hasMore };
    },
    expireCursors() {
      epoch += 1;
      // A full sync starts from an empty cache, so the tombstones are no longer needed.
      for (const [recordId, entry] of latest) if (entry.deletedAt !== null) latest.delete(recordId);
      compact();
    },
    positionOf(cursor) {
      const position = decode(cursor);
      if (!position || position.instance !== instance) return null;
      return position.seq;
    },
  };
}
