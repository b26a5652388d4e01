import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's data; `remove()` is its guaranteed teardown. */
export function tempFolder(prefix = 'guichet-test-'): {
  path: string;
  file(name: string, content?: unknown): string;
  remove(): void;
} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file(name, content) {
      const target = join(path, name);
      if (content !== undefined)
        writeFileSync(
          target,
          typeof content === 'string' ? content : JSON.stringify(content, null, 2),
        );
      return target;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
