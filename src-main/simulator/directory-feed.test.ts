import { describe, expect, it } from 'vitest';
import { createDirectoryFeed, type FeedEntry } from './directory-feed';

function pageOf(read: ReturnType<ReturnType<typeof createDirectoryFeed>['read']>) {
  if (read.kind !== 'page') throw new Error(`expected a page, got ${read.kind}`);
  return read;
}

const names = (entries: FeedEntry[]) =>
  entries.map((e) => `${e.identifier}${e.deletedAt ? '†' : ''}`);

describe('directory feed', () => {
  it('pages from the beginning, then continues from the cursor', () => {
    const feed = createDirectoryFeed();
    for (const id of ['a', 'b', 'c']) feed.recordChange(id);
    const first = pageOf(feed.read(null, 2));
    expect(names(first.entries)).toEqual(['a', 'b']);
    expect(first.hasMore).toBe(true);
    const second = pageOf(feed.read(first.nextCursor, 2));
    expect(names(second.entries)).toEqual(['c']);
    expect(second.hasMore).toBe(false);
    expect(pageOf(feed.read(second.nextCursor, 2)).entries).toEqual([]);
  });

  it('serves a record once, at its latest change, with a growing version', () => {
    const feed = createDirectoryFeed();
    for (const id of ['a', 'b']) feed.recordChange(id);
    const start = pageOf(feed.read(null, 10)).nextCursor;
    feed.recordChange('a');
    feed.recordChange('a');
    const page = pageOf(feed.read(start, 10));
    expect(names(page.entries)).toEqual(['a']);
    expect(page.entries[0]?.version).toBe(3);
    expect(names(pageOf(feed.read(null, 10)).entries)).toEqual(['b', 'a']);
  });

  it('turns a deletion into a tombstone with the same record id, and a return into a new record', () => {
    const feed = createDirectoryFeed();
    feed.recordChange('a');
    const before = pageOf(feed.read(null, 10));
    feed.recordDeletion('a', new Date('2026-11-25T10:00:00Z'));
    const after = pageOf(feed.read(before.nextCursor, 10)).entries;
    expect(after).toEqual([
      expect.objectContaining({
        recordId: before.entries[0]?.recordId,
        deletedAt: '2026-11-25T10:00:00.000Z',
      }),
    ]);
    feed.recordChange('a');
    const again = pageOf(feed.read(before.nextCursor, 10)).entries;
    expect(again.map((e) => e.recordId)).toHaveLength(2);
    expect(new Set(again.map((e) => e.recordId)).size).toBe(2);
  });

  it('expires every earlier cursor on demand, and refuses foreign or malformed ones', () => {
    const feed = createDirectoryFeed();
    feed.recordChange('a');
    const cursor = pageOf(feed.read(null, 10)).nextCursor;
    feed.recordDeletion('a', new Date());
    feed.expireCursors();
    expect(feed.read(cursor, 10)).toEqual({ kind: 'expired' });
    // Tombstones are forgotten: a full sync starts from an empty cache.
    expect(pageOf(feed.read(null, 10)).entries).toEqual([]);
    const other = createDirectoryFeed();
    other.recordChange('x');
    expect(feed.read(pageOf(other.read(null, 1)).nextCursor, 10)).toEqual({ kind: 'expired' });
    expect(feed.read('not-a-cursor', 10)).toEqual({ kind: 'malformed' });
    expect(feed.positionOf(cursor)).toBe(1);
  });

  it('stays correct while compacting a long history', () => {
    const feed = createDirectoryFeed();
    for (let i = 0; i < 50; i += 1) feed.recordChange(`s${i}`);
    const cursor = pageOf(feed.read(null, 1000)).nextCursor;
    for (let round = 0; round < 2000; round += 1) feed.recordChange(`s${round % 7}`);
    expect(feed.sequence).toBe(2050);
    const delta = pageOf(feed.read(cursor, 1000));
    expect(new Set(names(delta.entries))).toEqual(
      new Set(['s0', 's1', 's2', 's3', 's4', 's5', 's6']),
    );
    expect(pageOf(feed.read(null, 1000)).entries).toHaveLength(50);
  });
});
