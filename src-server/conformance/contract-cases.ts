/**
 * The cases the contract's Conventions give every operation, derived from the document itself:
 * no token → 401, no Idempotency-Key → 400, a body that breaks the schema (or any body where
 * none is taken) → 400, over 64 KiB → 413, not JSON → 415, a key reused for another request →
 * 422, a key repeated → the first answer replayed. A new operation in the contract gets them
 * without anyone writing them.
 */
import { randomUUID } from 'node:crypto';
import type { ContractOperation } from '../../src-main/simulator/contract';
import { expectAnswer, firstProblem } from './expect';
import { SAMPLE_NEEDS, sampleOf } from './samples';
import type { Case, SuiteContext } from './suite';
import type { Request } from './target';

/** Operations that carry no kiosk token (the contract's `security: []`). */
const OPEN = new Set(['getHealth', 'issueKioskToken']);
const TOO_LARGE = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });

type Build = (op: ContractOperation) => Case | null;

const broken = (op: ContractOperation, name: string, status: number, change: Partial<Request>) => ({
  operationId: op.operationId,
  name,
  status,
  run: async (ctx: SuiteContext) => {
    const request = { ...(await sampleOf(ctx, op.operationId)), ...change };
    return expectAnswer(await ctx.send(op.operationId, request), status);
  },
});

const documents = (op: ContractOperation, status: number) => op.responses.has(String(status));

const noToken: Build = (op) =>
  !OPEN.has(op.operationId) && documents(op, 401)
    ? broken(op, 'no kiosk token', 401, { noToken: true })
    : null;

const noKey: Build = (op) =>
  op.keyed ? broken(op, 'no Idempotency-Key', 400, { key: null }) : null;

const badBody: Build = (op) =>
  op.body === null
    ? broken(op, 'a body where none is taken', 400, { body: {} })
    : broken(op, 'a body off its schema', 400, { body: [] });

const tooLarge: Build = (op) =>
  op.body !== null && documents(op, 413)
    ? broken(op, 'a body over 64 KiB', 413, { body: TOO_LARGE })
    : null;

const notJson: Build = (op) =>
  op.body !== null && documents(op, 415)
    ? {
        ...broken(op, 'a body that is not JSON', 415, {}),
        run: async (ctx) => {
          const sample = await sampleOf(ctx, op.operationId);
          const body = JSON.stringify(sample.body);
          const request = { ...sample, body, contentType: 'text/plain' };
          return expectAnswer(await ctx.send(op.operationId, request), 415);
        },
      }
    : null;

/** Only where the documented 422 can hold the refusal (some operations give 422 other meanings). */
const reusedKey: Build = (op) => {
  const validate = op.responses.get('422');
  const documented = validate?.({ code: 'idempotency_key_reused', message: 'reused' }) === true;
  if (!op.keyed || !documented) return null;
  return {
    operationId: op.operationId,
    name: 'an Idempotency-Key reused for another request',
    status: 422,
    run: async (ctx) => {
      const key = randomUUID();
      const first = await ctx.send(op.operationId, {
        ...(await sampleOf(ctx, op.operationId)),
        key,
      });
      const other = { ...(await sampleOf(ctx, op.operationId, ctx.unknown2)), key };
      return firstProblem(
        first.problems.length > 0 &&
          `first answer breaks the contract: ${first.problems.join('; ')}`,
        expectAnswer(await ctx.send(op.operationId, other), 422, 'idempotency_key_reused'),
      );
    },
  };
};

const replayed: Build = (op) =>
  op.keyed
    ? {
        operationId: op.operationId,
        name: 'an Idempotency-Key repeated: the first answer, replayed',
        status: null,
        run: async (ctx) => {
          const request = { ...(await sampleOf(ctx, op.operationId)), key: randomUUID() };
          const first = await ctx.send(op.operationId, request);
          const again = await ctx.send(op.operationId, request);
          return firstProblem(
            expectAnswer(first, first.status),
            expectAnswer(again, first.status),
            first.text !== again.text && 'the repeat did not get the same body',
            again.headers['idempotent-replayed'] !== 'true' &&
              'the repeat has no Idempotent-Replayed: true',
          );
        },
      }
    : null;

const BUILDS: Build[] = [noToken, noKey, badBody, tooLarge, notJson, reusedKey, replayed];

/** The Conventions' cases of every operation, in the document's order. */
export function contractCases(operations: Iterable<ContractOperation>): Case[] {
  return [...operations].flatMap((op) =>
    BUILDS.map((build) => build(op))
      .filter((c): c is Case => c !== null)
      .map((c) => ({ ...c, needs: SAMPLE_NEEDS[op.operationId] })),
  );
}

/** Unknown path → 404, known path with another method → 405 with Allow, both as ErrorBody. */
export function routingCases(): Case[] {
  const errorBody = (body: unknown) =>
    typeof (body as { code?: unknown } | undefined)?.code === 'string'
      ? null
      : 'the answer is not an ErrorBody';
  return [
    {
      operationId: '(conventions)',
      name: 'an unknown path',
      status: 404,
      run: async (ctx) => {
        const answer = await ctx.target.raw('GET', `/v1/${ctx.unknown}`);
        return firstProblem(
          answer.status !== 404 && `expected 404, got ${answer.status}`,
          errorBody(answer.body),
        );
      },
    },
    {
      operationId: '(conventions)',
      name: 'a known path with another method',
      status: 405,
      run: async (ctx) => {
        const answer = await ctx.target.raw('DELETE', '/v1/charter');
        return firstProblem(
          answer.status !== 405 && `expected 405, got ${answer.status}`,
          !answer.headers.allow && 'no Allow header',
          errorBody(answer.body),
        );
      },
    },
  ];
}
