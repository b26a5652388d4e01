import { once } from 'node:events';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/support/tmp';
import { createLogger, logDirOf, type KioskLogger } from './logger';

const PERSONAL = {
  birthDate: '2001-03-14',
  newPassword: 'S3cret!',
  studentNumber: '21901234',
  activationCode: 'K7Q2-9XPL',
  pin: '482913',
  personalEmail: 'eloise.nd@example.org',
};
const LEAKS = /2001-03-14|S3cret|21901234|K7Q2|482913|eloise/;

let folder: ReturnType<typeof tempFolder>;
let logger: KioskLogger | null = null;
afterEach(async () => {
  await logger?.close();
  logger = null;
  folder?.remove();
});

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe('logger', () => {
  it('writes JSON lines and redacts personal fields passed by mistake, at any depth', () => {
    const out = capture();
    logger = createLogger({ console: out.stream, now: () => new Date('2026-11-25T10:00:00Z') });
    logger.warn('api: request failed', { code: 'timeout', ...PERSONAL });
    logger.info('outbox: body', { body: { code: 'K7Q2-9XPL', password: { value: 'S3cret!' } } });
    logger.error('deep', { a: { b: { c: { birthDate: '2001-03-14', email: 'eloise.nd@x' } } } });
    expect(JSON.parse(out.lines[0]!)).toMatchObject({
      at: '2026-11-25T10:00:00.000Z',
      level: 'warn',
      message: 'api: request failed',
      code: 'timeout',
      birthDate: '[redacted]',
    });
    expect(out.lines).toHaveLength(3);
    for (const line of out.lines) expect(line).not.toMatch(LEAKS);
  });

  it('keeps debug lines out unless asked for', () => {
    const quiet = capture();
    const verbose = capture();
    createLogger({ console: quiet.stream }).debug('simulator: request');
    createLogger({ console: verbose.stream, level: 'debug' }).debug('simulator: request');
    expect(quiet.lines).toEqual([]);
    expect(verbose.lines).toHaveLength(1);
  });
});

describe('log files', () => {
  it('writes to a 0600 file in a 0700 folder (repaired if looser), redacted', async () => {
    folder = tempFolder('guichet-log-');
    const dir = logDirOf(join(folder.path, 'data'));
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    const out = capture();
    logger = createLogger({ console: out.stream, file: { dir } });
    logger.warn('journey: oops', { ...PERSONAL, nested: { password: 'S3cret!' } });
    logger.info('kiosk: started', { mode: 'live' });
    await logger.close();
    const text = readFileSync(logger.file!, 'utf8');
    expect(text).toContain('"message":"kiosk: started"');
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(LEAKS);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(logger.file!).mode & 0o777).toBe(0o600);
    // The same lines reached the console.
    expect(out.lines.join('')).toContain('kiosk: started');
  });

  it('rotates past the size and keeps only maxFiles rotated files, each 0600', async () => {
    folder = tempFolder('guichet-log-');
    const dir = join(folder.path, 'logs');
    logger = createLogger({ console: null, file: { dir, size: '1K', maxFiles: 2 } });
    const stream = logger.fileStream!;
    let rotations = 0;
    stream.on('rotated', () => rotations++);
    const removed = once(stream, 'removed');
    // Writing drives rotation, not time: each batch is over the size.
    const filler = 'x'.repeat(200);
    while (rotations < 4) {
      const rotated = once(stream, 'rotated');
      for (let i = 0; i < 10; i++) logger.info('sync: done', { filler, i });
      await rotated;
    }
    await removed;
    await logger.close();
    const files = readdirSync(dir).filter((name) => name.endsWith('.log'));
    expect(files).toContain('kiosk.log');
    expect(files.filter((name) => name !== 'kiosk.log')).toHaveLength(2);
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });
});
