/** An ISO 8601 instant without milliseconds ("2026-09-02T08:15:00Z"), like the central API's. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
