/**
 * The names of the IPC channels, with no dependency at all: the sandboxed preload and the
 * renderer's client are built from this list. contract.ts checks that it matches the contract.
 */
export const CHANNELS = ['kiosk.info', 'student.identify'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The Electron IPC channel name for a contract channel. */
export function ipcName(channel: Channel): string {
  return `guichet:${channel}`;
}
