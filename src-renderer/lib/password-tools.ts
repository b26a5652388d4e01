/**
 * The dictionary and the strength estimator weigh megabytes: they come through dynamic import(),
 * in their own chunks, started when a journey that sets a password begins. Until they arrive the
 * "not a dictionary word" rule shows as pending and the strength meter waits.
 */
import type { Dictionary } from '../../src-main/core/password-policy';
import type { StrengthEstimator } from '../../src-main/core/password-dictionary';

export interface PasswordTools {
  dictionary: Dictionary;
  estimate: StrengthEstimator;
}

let pending: Promise<PasswordTools> | null = null;

/** Loads (once) and returns the tools; a failed load is retried by the next call. */
export function loadPasswordTools(): Promise<PasswordTools> {
  pending ??= import('../../src-main/core/password-dictionary')
    .then(async ({ loadDictionary, loadStrengthEstimator }) => {
      const [dictionary, estimate] = await Promise.all([loadDictionary(), loadStrengthEstimator()]);
      return { dictionary, estimate };
    })
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
}
