import type { z } from 'zod';

/** Formats validation issues one per line, each prefixed by its key path ("config.apiUrl: …"). */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].join('.');
      const message =
        issue.code === 'unrecognized_keys'
          ? `unexpected key(s) ${issue.keys.join(', ')}`
          : issue.message;
      return `  ${path}: ${message}`;
    })
    .join('\n');
}
