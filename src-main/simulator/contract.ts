/**
 * The contract (resources/openapi.yaml) as the simulator enforces it: each operation's
 * parameters, request body and responses, compiled once when the simulator is created. What
 * the document forbids is refused with 400 here, before any handler runs, so that the simulator
 * cannot let through a request a real server written from the same document would refuse.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import {
  createSchemaCompiler,
  deref,
  errorDetails,
  errorPaths,
  readContractDocument,
  type Node,
} from './contract-schemas';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** Path, query and header values are strings; integers and booleans are read from them. */
  type: string | undefined;
  validate: ValidateFunction;
}

/** One documented operation, ready to check requests and responses. */
export interface ContractOperation {
  operationId: string;
  /** "POST /v1/accounts/:identifier/activation": the simulator's route key. */
  key: string;
  parameters: readonly Parameter[];
  /** Whether the operation takes an Idempotency-Key (every documented write but a few). */
  keyed: boolean;
  /** Null when the operation takes no body: any body is then refused. */
  body: { required: boolean; validate: ValidateFunction } | null;
  /** Status → validator of its JSON body (null when the answer has none). */
  responses: ReadonlyMap<string, ValidateFunction | null>;
}

/** What a request check finds wrong: a 400 message naming keys, never values. */
export type Verdict = { ok: true } | { ok: false; message: string };

export interface Contract {
  /** The operation the simulator serves at `method path` ("/v1/accounts/:identifier"). */
  operation(method: string, routePath: string): ContractOperation | undefined;
  /** Every documented operation, by route key. */
  readonly operations: ReadonlyMap<string, ContractOperation>;
}

/** "/v1/accounts/{identifier}" → "/v1/accounts/:identifier", the router's template syntax. */
const routePathOf = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

function compileParameter(doc: Node, raw: Node, compile: (s: Node) => ValidateFunction) {
  const node = deref(doc, raw);
  const schema = deref(doc, (node.schema as Node | undefined) ?? {});
  const where = node.in;
  if (where !== 'path' && where !== 'query' && where !== 'header') {
    throw new Error(`unsupported parameter location ${String(where)} for ${String(node.name)}`);
  }
  return {
    name: String(node.name),
    in: where,
    required: node.required === true,
    type: typeof schema.type === 'string' ? schema.type : undefined,
    validate: compile(schema),
  } satisfies Parameter;
}

function compileOperation(
  doc: Node,
  path: string,
  method: (typeof METHODS)[number],
  item: Node,
  compile: (s: Node) => ValidateFunction,
): ContractOperation {
  const op = item[method] as Node;
  const raw = [...((item.parameters as Node[]) ?? []), ...((op.parameters as Node[]) ?? [])];
  let body: ContractOperation['body'] = null;
  if (op.requestBody) {
    const request = deref(doc, op.requestBody as Node);
    const json = (request.content as Node | undefined)?.['application/json'] as Node | undefined;
    if (!json?.schema) throw new Error(`${String(op.operationId)}: only JSON bodies are supported`);
    body = { required: request.required === true, validate: compile(json.schema as Node) };
  }
  const responses = new Map<string, ValidateFunction | null>();
  for (const [status, rawResponse] of Object.entries(op.responses as Record<string, Node>)) {
    const response = deref(doc, rawResponse);
    const json = (response.content as Node | undefined)?.['application/json'] as Node | undefined;
    responses.set(status, json?.schema ? compile(json.schema as Node) : null);
  }
  const parameters = raw.map((p) => compileParameter(doc, p, compile));
  return {
    operationId: String(op.operationId),
    key: `${method.toUpperCase()} ${routePathOf(path)}`,
    parameters,
    keyed: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
    body,
    responses,
  };
}

/** Compiles every operation of the document at `path`; throws if the document is unusable. */
export function loadContract(path: string): Contract {
  const doc = readContractDocument(path);
  const { compile } = createSchemaCompiler(doc);
  const operations = new Map<string, ContractOperation>();
  for (const [template, item] of Object.entries(doc.paths as Record<string, Node>)) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const operation = compileOperation(doc, template, method, item, compile);
      operations.set(operation.key, operation);
    }
  }
  return {
    operations,
    operation: (method, routePath) => operations.get(`${method.toUpperCase()} ${routePath}`),
  };
}

const contracts = new Map<string, Contract>();

/** loadContract, once per document and process: tests create many simulators. */
export function sharedContract(path: string): Contract {
  let contract = contracts.get(path);
  if (!contract) {
    contract = loadContract(path);
    contracts.set(path, contract);
  }
  return contract;
}

/** A parameter's text as its schema's type, when it reads as one; otherwise left as text. */
function typed(value: string, type: string | undefined): unknown {
  if (type === 'integer' && /^-?\d{1,15}$/.test(value)) return Number(value);
  if (type === 'number' && /^-?\d{1,15}(\.\d{1,15})?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** The path, query and header parameters of a request, against their documented schemas. */
export function checkParameters(
  operation: ContractOperation,
  request: {
    params: Readonly<Record<string, string>>;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
  },
): Verdict {
  for (const parameter of operation.parameters) {
    let value: string | undefined;
    if (parameter.in === 'path') value = request.params[parameter.name];
    else if (parameter.in === 'query') value = request.query.get(parameter.name) ?? undefined;
    else {
      const header = request.headers[parameter.name.toLowerCase()];
      value = Array.isArray(header) ? header.join(', ') : header;
    }
    const where = parameter.in === 'header' ? 'header' : 'parameter';
    if (value === undefined) {
      if (parameter.required) return { ok: false, message: `missing ${where}: ${parameter.name}` };
      continue;
    }
    if (!parameter.validate(typed(value, parameter.type))) {
      return { ok: false, message: `invalid ${where}: ${parameter.name}` };
    }
  }
  return { ok: true };
}

/** A parsed JSON body against the operation's documented request schema. */
export function checkBody(operation: ContractOperation, body: unknown): Verdict {
  const validate = operation.body?.validate;
  if (!validate || validate(body)) return { ok: true };
  return { ok: false, message: `invalid fields: ${errorPaths(validate.errors).join(', ')}` };
}

/** What is wrong with an answer, by the document: an undeclared status, or a body off-schema. */
export function responseProblems(
  operation: ContractOperation,
  status: number,
  body: unknown,
): string[] {
  const declared = operation.responses;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => declared.has(k));
  if (key === undefined) return [`status ${status} is not documented`];
  const validate = declared.get(key);
  if (!validate || validate(body)) return [];
  return errorDetails(validate.errors).map((detail) => `status ${status}: ${detail}`);
}
