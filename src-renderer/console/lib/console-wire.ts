/**
 * What the console's JSON endpoints answer, as the page reads it: the shapes the service builds
 * them with (src-main/core/console-view.ts), under the names the page's code uses.
 */
export {
  ATTENTION_CODES,
  KIOSK_MODES,
  type AttentionCode,
  type AuditEntryView as AuditEntryWire,
  type DeadLetterView as DeadLetterWire,
  type FleetAnswer,
  type FleetRow,
  type HistoryPoint,
  type KioskMode,
  type KioskPage as KioskPageAnswer,
  type SessionAnswer,
  type StaffAction as StaffActionWire,
  type StaffActionsAnswer,
} from '../../../src-main/core/console-view';
