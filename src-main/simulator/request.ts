/**
 * Reads one request for a matched route, in the order a careful server refuses things:
 * parameters and headers (400), a body where none is taken (400), content type (415), size
 * (413), JSON (400), then the body's schema (400). Documented operations are checked against
 * resources/openapi.yaml; the simulator's own control routes (outside the contract) only
 * against their zod schema.
 */
import type { IncomingMessage } from 'node:http';
import { checkBody, checkParameters, type ContractOperation } from './contract';
import { apiError, isJsonContentType, readBody, type Reply } from './http';
import type { Route } from './router';

export type ReadRequest =
  { ok: true; body: unknown; bodyText: string } | { ok: false; reply: Reply };

const refuse = (status: number, message: string, close = false): ReadRequest => ({
  ok: false,
  reply: apiError(status, 'invalid_request', message, close ? { connection: 'close' } : undefined),
});

const ok: ReadRequest = { ok: true, body: undefined, bodyText: '' };

/** True when the request announces a body: a non-zero length, or a chunked one. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length.trim() !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/** Validates and reads the request; the caller has already matched the route and the token. */
export async function readRequest(
  req: IncomingMessage,
  route: Route,
  operation: ContractOperation | undefined,
  at: { params: Readonly<Record<string, string>>; query: URLSearchParams },
): Promise<ReadRequest> {
  if (operation) {
    const parameters = checkParameters(operation, { ...at, headers: req.headers });
    if (!parameters.ok) return refuse(400, parameters.message);
  }
  const takesBody = operation ? operation.body !== null : route.body !== null;
  if (!takesBody) {
    // A body here is a client mistake a real server would refuse, not something to ignore.
    // The connection closes, so the unread body cannot be taken for the next request.
    return hasBody(req) ? refuse(400, 'this operation takes no body', true) : ok;
  }
  // Requiring JSON keeps a web page from posting here without a CORS preflight.
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(415, 'content-type must be application/json', true);
  }
  const read = await readBody(req);
  if (!read.ok) return refuse(413, 'request body too large', true);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return refuse(400, 'body is not valid JSON');
  }
  if (operation) {
    const checked = checkBody(operation, data);
    if (!checked.ok) return refuse(400, checked.message);
  }
  // The handler's zod schema still parses it: that is what types `body` for the handler.
  const parsed = route.body?.safeParse(data);
  if (parsed && !parsed.success) {
    // Key paths only: the values may be a student number or a birth date.
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
    return refuse(400, `invalid fields: ${fields}`);
  }
  return { ok: true, body: parsed ? parsed.data : data, bodyText: read.text };
}
