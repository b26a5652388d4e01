/**
 * The staff screens (src-renderer/screens/staff, lib/staff) read the staff catalog only: no key
 * outside `staff.`, and not the student's wording of errors and statuses (lib/messages.ts,
 * ErrorAlert), which tells a student to see the help desk (issue 17). The catalog itself is
 * checked for raw codes and student sentences in src-renderer/i18n/staff-catalog.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('staff screens', () => {
  it('staff screens and their modules read staff texts only, never the student messages', () => {
    const folders = ['src-renderer/screens/staff', 'src-renderer/lib/staff'];
    const found: string[] = [];
    for (const folder of folders) {
      for (const file of readdirSync(folder)) {
        if (file.endsWith('.test.ts')) continue;
        const source = readFileSync(join(folder, file), 'utf8');
        for (const [, key] of source.matchAll(/\bt\(\s*['"`]([\w.]+)/g)) {
          if (!key!.startsWith('staff.')) found.push(`${file}: ${key}`);
        }
        // The student's wording of errors and statuses (lib/messages.ts, ErrorAlert).
        for (const [, module] of source.matchAll(
          /from '([^']*(?:lib\/messages|ErrorAlert)[^']*)'/g,
        )) {
          if (!module!.includes('Staff')) found.push(`${file}: imports ${module}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
