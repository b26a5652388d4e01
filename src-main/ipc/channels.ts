/**
 * The names of the IPC channels, with no dependency at all: the sandboxed preload and the
 * renderer's client are built from this list. contract.ts checks that it matches the contract.
 */
export const CHANNELS = [
  'kiosk.info',
  'student.identify',
  'journey.end',
  'activation.sendEmail',
  'activation.checkCode',
  'activation.complete',
  'activation.recentEmail',
  'charter.get',
  'password.requestReset',
  'password.completeReset',
  'password.recentReset',
  'password.change',
  'mail.open',
  'mail.setRedirection',
  'kiosk.status',
  // After a staff hand-off (staff.handOff): the grant in main stands in for the mailed code.
  'handoff.completeActivation',
  'handoff.completeReset',
  // Staff mode (ipc/staff-contract.ts): each checked against the staff session in main.
  'staff.signIn',
  'staff.signOut',
  'staff.session',
  'staff.search',
  'staff.searchOffline',
  'staff.student',
  'staff.revealEmail',
  'staff.resendActivation',
  'staff.unlock',
  'staff.clearIdentificationLockout',
  'staff.clearKioskBudget',
  'staff.handOff',
  'staff.deadLetters',
  'staff.retryDeadLetter',
  'staff.discardDeadLetter',
  'staff.diagnostics',
  'staff.syncNow',
  'staff.retryOutbox',
  'staff.clearStaffLockouts',
  'staff.audit',
  'staff.supportBundle',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events main pushes to the renderer (contract.ts: KioskEvents gives each one's payload). */
export const EVENTS = ['connectivity', 'outbox'] as const;
export type EventName = (typeof EVENTS)[number];

/** The Electron IPC channel name of an event. */
export function eventIpcName(event: EventName): string {
  return `guichet-event:${event}`;
}

/** The Electron IPC channel name for a contract channel. */
export function ipcName(channel: Channel): string {
  return `guichet:${channel}`;
}
