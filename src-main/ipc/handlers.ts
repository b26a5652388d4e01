import type { IdentifyForm } from '../core/identity-input';
import type { Result } from '../core/result';
import type { IdentifiedStudent } from '../core/student';
import type { AuditLog } from '../store/journal';
import type { Handlers, KioskInfo } from './contract';

export interface HandlerDeps {
  info: KioskInfo;
  identify(form: IdentifyForm): Promise<Result<IdentifiedStudent>>;
  audit: AuditLog;
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
      return result;
    },
  };
}
