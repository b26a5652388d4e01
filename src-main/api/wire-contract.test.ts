import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_CONTRACT } from '../app/paths';
import { createSchemaCompiler, readContractDocument } from '../simulator/contract-schemas';
import { IdentifyRequest, type StudentWire } from './wire';
import { DirectoryPage, DirectoryRecordWire, DirectoryTombstoneWire } from './wire-directory';
import { ActivationRequest } from './wire-journeys';

// The kiosk parses the API's answers with the zod schemas of wire*.ts; a server is written from
// resources/openapi.yaml. Where one bounds a value, the other must bound it the same way, or
// a page the server sends in good faith is refused by the kiosk (or the reverse). Each case is
// a value at the limit, which both must accept, and one just past it, which both must refuse.

const compiler = createSchemaCompiler(readContractDocument(API_CONTRACT));
const documented = (name: string) => compiler.compile({ $ref: `#/components/schemas/${name}` });

const student: z.infer<typeof StudentWire> = {
  identifier: 'endiayebrule',
  firstName: 'Éloïse',
  lastName: "N'Diaye-Brûlé",
  enrollments: [{ academicYear: '2026-2027', program: 'L2', validatedAt: '2026-07-10T08:15:00Z' }],
  account: { status: 'not_activated', activatedAt: null, leavingYear: null },
};
const record = {
  kind: 'record',
  recordId: 'rec-1',
  version: 1,
  studentNumber: '21901234',
  birthDate: '2001-03-14',
  student,
};
const tombstone = {
  kind: 'tombstone',
  recordId: 'rec-2',
  version: 2,
  deletedAt: '2026-11-25T09:12:00Z',
};
const page = (changes: unknown[], nextCursor = 'c') => ({ changes, nextCursor, hasMore: false });

interface Case {
  name: string;
  schema: string;
  wire: z.ZodType;
  atLimit: unknown;
  pastLimit: unknown;
}

const cases: Case[] = [
  {
    name: 'recordId of 128 characters',
    schema: 'DirectoryRecord',
    wire: DirectoryRecordWire,
    atLimit: { ...record, recordId: 'r'.repeat(128) },
    pastLimit: { ...record, recordId: 'r'.repeat(129) },
  },
  {
    name: 'recordId not empty',
    schema: 'DirectoryTombstone',
    wire: DirectoryTombstoneWire,
    atLimit: { ...tombstone, recordId: 'r' },
    pastLimit: { ...tombstone, recordId: '' },
  },
  {
    name: 'tombstone recordId of 128 characters',
    schema: 'DirectoryTombstone',
    wire: DirectoryTombstoneWire,
    atLimit: { ...tombstone, recordId: 't'.repeat(128) },
    pastLimit: { ...tombstone, recordId: 't'.repeat(129) },
  },
  {
    name: 'studentNumber of 20 digits',
    schema: 'DirectoryRecord',
    wire: DirectoryRecordWire,
    atLimit: { ...record, studentNumber: '9'.repeat(20) },
    pastLimit: { ...record, studentNumber: '9'.repeat(21) },
  },
  {
    name: 'studentNumber of digits only',
    schema: 'DirectoryRecord',
    wire: DirectoryRecordWire,
    atLimit: { ...record, studentNumber: '0' },
    pastLimit: { ...record, studentNumber: '2190123A' },
  },
  {
    name: 'nextCursor of 512 characters',
    schema: 'DirectoryPage',
    wire: DirectoryPage,
    atLimit: page([record, tombstone], 'c'.repeat(512)),
    pastLimit: page([record, tombstone], 'c'.repeat(513)),
  },
  {
    name: 'nextCursor not empty',
    schema: 'DirectoryPage',
    wire: DirectoryPage,
    atLimit: page([], 'c'),
    pastLimit: page([], ''),
  },
  {
    name: 'a change of an unknown kind',
    schema: 'DirectoryPage',
    wire: DirectoryPage,
    atLimit: page([tombstone]),
    pastLimit: page([{ ...tombstone, kind: 'moved' }]),
  },
  {
    name: 'identify: studentNumber of 20 digits',
    schema: 'IdentifyRequest',
    wire: IdentifyRequest,
    atLimit: { studentNumber: '1'.repeat(20), birthDate: '2001-03-14' },
    pastLimit: { studentNumber: '1'.repeat(21), birthDate: '2001-03-14' },
  },
  {
    name: 'activation: a one-character code (a wrong code is 403, never 400)',
    schema: 'ActivationRequest',
    wire: ActivationRequest,
    atLimit: {
      proof: { method: 'email_code', code: '1' },
      newPassword: { type: 'plain', value: '' },
      charterVersion: '2025-09',
    },
    pastLimit: {
      proof: { method: 'email_code', code: '' },
      newPassword: { type: 'plain', value: '' },
      charterVersion: '2025-09',
    },
  },
];

describe('wire schemas and resources/openapi.yaml draw the same limits', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const contract = documented(c.schema);
    expect(contract(c.atLimit), `contract refuses ${c.name}`).toBe(true);
    expect(c.wire.safeParse(c.atLimit).success, `wire refuses ${c.name}`).toBe(true);
    expect(contract(c.pastLimit), `contract accepts past ${c.name}`).toBe(false);
    expect(c.wire.safeParse(c.pastLimit).success, `wire accepts past ${c.name}`).toBe(false);
  });
});
