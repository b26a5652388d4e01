/**
 * The implementation under test, reached over real HTTP as a kiosk reaches it: every request
 * names a documented operation, and every answer is checked against resources/openapi.yaml
 * (status declared, body on its schema) before a case looks at it.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  loadContract,
  responseProblems,
  type Contract,
  type ContractOperation,
} from '../../src-main/simulator/contract';

/** One request, by parts; the token and an Idempotency-Key are added unless told otherwise. */
export interface Request {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A value sent as JSON; a string is sent as it is (with `contentType`). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no bearer token (default: the kiosk's). */
  noToken?: boolean;
  /** The Idempotency-Key of a keyed operation: a fresh UUID unless given; null sends none. */
  key?: string | null;
  contentType?: string;
}

/** What came back, and what the contract finds wrong with it. */
export interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: IncomingHttpHeaders;
  /** Undocumented status or a body off its schema; empty when the answer conforms. */
  problems: string[];
}

export interface TargetOptions {
  /** The API's base URL ("https://comptes.example.edu"). */
  api: string;
  deviceId: string;
  secret: string;
  /** The contract file (resources/openapi.yaml). */
  contractPath: string;
  /** How long one request may take before the case fails. */
  timeoutMs?: number;
}

export interface Target {
  readonly contract: Contract;
  readonly deviceId: string;
  /** Sends `request` to the documented operation `operationId`. */
  send(operationId: string, request?: Request): Promise<Answer>;
  /** Sends a request no operation documents (unknown paths, wrong methods). */
  raw(method: string, path: string): Promise<Answer>;
  /** The kiosk's bearer token, asked for once with the device credential. */
  token(): Promise<string>;
  operation(operationId: string): ContractOperation;
}

/** "/v1/accounts/:identifier" with params → the concrete, URL-encoded path. */
function fill(template: string, params: Record<string, string>): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Exchanged {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP exchange with node:http rather than fetch: the suite must be able to send what a
 * careful client never would (a body on a GET, a body that is not JSON).
 */
function exchange(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<Exchanged> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // Node frames a GET or DELETE body by nothing unless told its length: the body would be read
  // as the next request on the connection.
  const framed =
    body === undefined
      ? headers
      : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const request = send(url, { method, headers: framed, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Connects to an implementation; nothing is sent until the first request. */
export function createTarget(options: TargetOptions): Target {
  const contract = loadContract(options.contractPath);
  const byId = new Map([...contract.operations.values()].map((op) => [op.operationId, op]));
  const base = options.api.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  let token: Promise<string> | null = null;

  const operation = (operationId: string) => {
    const found = byId.get(operationId);
    if (!found) throw new Error(`the contract has no operation ${operationId}`);
    return found;
  };

  async function headersFor(op: ContractOperation, request: Request) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!request.noToken && op.operationId !== 'issueKioskToken' && op.operationId !== 'getHealth')
      headers.authorization = `Bearer ${await target.token()}`;
    if (op.keyed && request.key !== null) headers['idempotency-key'] = request.key ?? randomUUID();
    if (request.body !== undefined)
      headers['content-type'] = request.contentType ?? 'application/json';
    return { ...headers, ...request.headers };
  }

  const target: Target = {
    contract,
    deviceId: options.deviceId,
    operation,
    token() {
      token ??= target
        .send('issueKioskToken', {
          body: { deviceId: options.deviceId, secret: options.secret },
        })
        .then((answer) => {
          const body = answer.body as { accessToken?: unknown } | undefined;
          if (answer.status !== 200 || typeof body?.accessToken !== 'string') {
            token = null;
            throw new Error(`the device credential was refused (${answer.status})`);
          }
          if (answer.problems.length > 0)
            throw new Error(`the token answer breaks the contract: ${answer.problems.join('; ')}`);
          return body.accessToken;
        });
      return token;
    },
    async send(operationId, request = {}) {
      const op = operation(operationId);
      const [method = 'GET', template = '/'] = op.key.split(' ');
      const query = new URLSearchParams(request.query ?? {}).toString();
      const url = new URL(
        `${base}${fill(template, request.params ?? {})}${query ? `?${query}` : ''}`,
      );
      const body =
        request.body === undefined || typeof request.body === 'string'
          ? (request.body as string | undefined)
          : JSON.stringify(request.body);
      const headers = await headersFor(op, request);
      const answer = await exchange(method, url, headers, body, timeoutMs);
      const parsed = parse(answer.text);
      return { ...answer, body: parsed, problems: responseProblems(op, answer.status, parsed) };
    },
    async raw(method, path) {
      const headers = { authorization: `Bearer ${await target.token()}` };
      const url = new URL(`${base}${path}`);
      const answer = await exchange(method, url, headers, undefined, timeoutMs);
      return { ...answer, body: parse(answer.text), problems: [] };
    },
  };
  return target;
}
