/** Small HTTP helpers for the simulator: JSON replies, error bodies and a bounded body reader. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { API_ERROR_CODES, ErrorBody } from '../api/wire';
import type { STAFF_API_ERROR_CODES } from '../api/wire-staff';
import { readBody as readBoundedBody, type BodyResult } from '../net/body';

export type ApiErrorCode =
  (typeof API_ERROR_CODES)[number] | (typeof STAFF_API_ERROR_CODES)[number];

/** Requests larger than this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** What a route answers: a status, a JSON body and optional extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** A successful JSON reply. */
export function json(body: unknown, status = 200): Reply {
  return { status, body };
}

/** An error reply with the API's shared ErrorBody shape. */
export function apiError(
  status: number,
  code: ApiErrorCode,
  message?: string,
  headers?: Readonly<Record<string, string>>,
): Reply {
  const body: ErrorBody = message === undefined ? { code } : { code, message };
  return headers ? { status, body, headers } : { status, body };
}

/** Writes a reply; every answer is JSON and never cached, since most carry personal data. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (reply.status === 204) {
    res.writeHead(204, { 'cache-control': 'no-store', ...reply.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...reply.headers,
  });
  res.end(text);
}

/** True for "application/json", with or without parameters such as a charset. */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export type { BodyResult } from '../net/body';

/** Reads a request body as UTF-8; past `limit` bytes it is drained, not kept (net/body.ts). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyResult> {
  return readBoundedBody(req, limit);
}
