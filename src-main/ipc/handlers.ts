import type { KioskStatus } from '../core/connectivity';
import type { IdentifyForm } from '../core/identity-input';
import type { Result } from '../core/result';
import type { IdentifiedStudent, StudentNotice } from '../core/student';
import type { AuditLog } from '../store/journal';
import type { Handlers, KioskInfo } from './contract';
import { createStaffHandlers, type StaffHandlerDeps } from './staff-handlers';
import { createJourneyHandlers, type JourneyHandlerDeps } from './journey-handlers';

export interface HandlerDeps {
  info: KioskInfo;
  identify(form: IdentifyForm): Promise<Result<IdentifiedStudent>>;
  audit: AuditLog;
  /** The student journeys after identification (journey-handlers.ts). */
  journey: Omit<JourneyHandlerDeps, 'audit'>;
  /** The API's reachability and the outbox's counts (src-main/app/offline.ts). */
  status(): KioskStatus;
  /** Staff mode (app/staff): the session in main and the staff operations. */
  staff: StaffHandlerDeps;
  /** What to tell an identified student (app/dead-letter-notice.ts), or null. */
  noticeFor?(identifier: string): StudentNotice | null;
}

/** Main's implementation of every channel of the contract; inputs arrive already validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'kiosk.info': async () => ({ ok: true, value: deps.info }),
    'student.identify': async (input) => {
      const result = await deps.identify(input);
      deps.audit.record({
        kind: 'identify',
        outcome: result.ok ? 'success' : 'failure',
        detail: result.ok ? { source: result.value.source } : { code: result.error.code },
      });
      if (!result.ok) return result;
      const notice = deps.noticeFor?.(result.value.identifier) ?? null;
      return notice ? { ok: true, value: { ...result.value, notice } } : result;
    },
    ...createJourneyHandlers({ ...deps.journey, audit: deps.audit }),
    'kiosk.status': async () => ({ ok: true, value: deps.status() }),
    ...createStaffHandlers(deps.staff),
  };
}
