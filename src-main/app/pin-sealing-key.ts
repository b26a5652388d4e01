/**
 * Pins the central API's sealing key in the keychain (provisioning): fetched once over the
 * kiosk's authenticated connection and checked against the kid the institution publishes, so
 * that queued passwords are only ever sealed to a key the installer vouched for.
 */
import { createTransport } from '../api/transport';
import { KioskTokenRequest } from '../api/wire';
import { SEALING_PATH, SealingKeyResponse } from '../api/wire-sealing';
import { checkSealingKey, pinSealingKey, type PinnedSealingKey } from '../secrets/sealing';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';
import { isSecureOrLoopback } from './config';
import { silentLogger } from './logger';

export interface PinOptions {
  apiUrl: string;
  secrets: SecretStore;
  /** The kid published by the institution; a different key is refused. */
  expectKid?: string;
  timeoutMs?: number;
}

/** Fetches, checks and stores the sealing key; throws with a readable message on failure. */
export async function pinSealingKeyFromApi(options: PinOptions): Promise<PinnedSealingKey> {
  // The device credential goes with the request: never in clear over a network.
  if (!isSecureOrLoopback(options.apiUrl))
    throw new Error('--api: http:// is allowed only for a loopback host; use https://');
  const transport = createTransport({
    baseUrl: options.apiUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    credential: async () => {
      const stored = await options.secrets.get(SECRET_NAMES.deviceCredential);
      if (!stored) throw new Error('no device credential in the keychain');
      return KioskTokenRequest.parse(JSON.parse(stored));
    },
    clock: { now: () => new Date() },
    logger: silentLogger,
  });
  const answer = await transport.call({
    method: 'get',
    path: SEALING_PATH,
    schema: SealingKeyResponse,
  });
  if (!answer.ok) throw new Error(`the API did not give its sealing key (${answer.error.code})`);
  const key = checkSealingKey(answer.value);
  if (options.expectKid !== undefined && key.kid !== options.expectKid) {
    throw new Error(`the API's sealing key is ${key.kid}, not the expected ${options.expectKid}`);
  }
  await pinSealingKey(options.secrets, key);
  return key;
}
