/**
 * resources/openapi.yaml as Ajv validators. OpenAPI 3.1 schemas are JSON Schema 2020-12, so the
 * document's schemas are compiled as they are written: `#/components/schemas/X` references are
 * pointed at one registered schema holding all of them, and the rest of the document
 * (parameters, responses) is followed by `deref`.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export type Node = { [key: string]: unknown };

const SCHEMAS_REF = '#/components/schemas/';
const DEFS_ID = 'guichet-openapi.json';

/** Reads and parses the document; a missing or broken file is a start-up error, not a 500. */
export function readContractDocument(path: string): Node {
  const doc = parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof doc !== 'object' || doc === null || !('paths' in doc) || !('components' in doc)) {
    throw new Error(`${path} is not an OpenAPI document`);
  }
  return doc as Node;
}

/** A deep copy of `node` with every schema reference aimed at the registered definitions. */
function retarget(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(retarget);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMAS_REF)) {
        return [key, `${DEFS_ID}#/$defs/${value.slice(SCHEMAS_REF.length)}`];
      }
      return [key, retarget(value)];
    }),
  );
}

/** Follows a local `$ref` outside the schemas ("#/components/responses/BadRequest"). */
export function deref(doc: Node, node: Node): Node {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string'; hops += 1) {
    if (hops > 8) throw new Error(`reference loop at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Node | undefined)?.[key], doc);
    if (typeof target !== 'object' || target === null) throw new Error(`unresolved ${ref}`);
    current = target as Node;
  }
  return current;
}

export interface SchemaCompiler {
  /** Compiles one schema of the document (inline, or a reference to a component). */
  compile(schema: Node): ValidateFunction;
}

/** One Ajv instance per document: the component schemas are compiled once, shared by all. */
export function createSchemaCompiler(doc: Node): SchemaCompiler {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // OpenAPI's own keywords in a schema are annotations: the oneOf options carry the `const`
  // that the discriminator names, so validation does not need it.
  for (const keyword of ['discriminator', 'example', 'xml', 'externalDocs']) {
    ajv.addKeyword({ keyword });
  }
  const components = (doc.components as Node | undefined)?.schemas ?? {};
  ajv.addSchema({ $id: DEFS_ID, $defs: retarget(components) });
  // Most operations answer with the same few schemas (ErrorBody…): compile each one once.
  const compiled = new Map<string, ValidateFunction>();
  return {
    compile(schema) {
      const target = retarget(schema) as Node;
      const key = JSON.stringify(target);
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(target);
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}

/**
 * Where each error is, as key paths ("birthDate", "newPassword.value"), never the values: a
 * value may be a student number, a birth date or a password.
 */
export function errorPaths(errors: readonly ErrorObject[] | null | undefined): string[] {
  const paths = (errors ?? []).map((error) => {
    const at = error.instancePath.split('/').slice(1).join('.');
    const missing =
      error.keyword === 'required' ? String(error.params.missingProperty as string) : '';
    return [at, missing].filter(Boolean).join('.') || '(body)';
  });
  return [...new Set(paths)];
}

/** Like errorPaths, with each schema rule that failed: for the response check's report. */
export function errorDetails(errors: readonly ErrorObject[] | null | undefined): string[] {
  return [
    ...new Set((errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`)),
  ];
}
