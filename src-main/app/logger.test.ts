import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('logger', () => {
  it('writes JSON lines and redacts personal fields passed by mistake', () => {
    const lines: string[] = [];
    const logger = createLogger(
      (line) => lines.push(line),
      () => new Date('2026-11-25T10:00:00Z'),
    );
    logger.warn('api: request failed', {
      code: 'timeout',
      birthDate: '2001-03-14',
      newPassword: 'S3cret!',
      studentNumber: '21901234',
      activationCode: 'K7Q2-9XPL',
      pin: '482913',
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'warn', message: 'api: request failed', code: 'timeout' });
    expect(lines[0]).not.toMatch(/2001-03-14|S3cret|21901234|K7Q2|482913/);
  });
});
