/** Kiosk bearer tokens: random, short-lived, kept in memory only (a restart logs every kiosk out). */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/ports';

export const DEFAULT_TOKEN_TTL_SECONDS = 900;

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface TokenStore {
  issue(deviceId: string): IssuedToken;
  /** The device a valid, unexpired token belongs to, or null. */
  verify(accessToken: string): { deviceId: string } | null;
}

/** Creates a token store whose expiry follows the injected clock. */
export function createTokenStore(clock: Clock, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): TokenStore {
  const tokens = new Map<string, { deviceId: string; expiresAt: number }>();

  function forgetExpired(now: number) {
    for (const [token, entry] of tokens) if (entry.expiresAt <= now) tokens.delete(token);
  }

  return {
    issue(deviceId) {
      const now = clock.now().getTime();
      // Pruning on issue keeps memory bounded without a timer that would hold the process open.
      forgetExpired(now);
      const accessToken = randomBytes(32).toString('base64url');
      tokens.set(accessToken, { deviceId, expiresAt: now + ttlSeconds * 1000 });
      return { accessToken, expiresIn: ttlSeconds };
    },
    verify(accessToken) {
      const entry = tokens.get(accessToken);
      if (!entry) return null;
      if (entry.expiresAt <= clock.now().getTime()) {
        tokens.delete(accessToken);
        return null;
      }
      return { deviceId: entry.deviceId };
    },
  };
}

/** Extracts the token of an "Authorization: Bearer …" header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
