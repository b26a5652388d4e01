import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it lived at the given path, so the real config's layering rule is
// what answers: the rule must fail on a boundary crossing, and stay quiet on allowed imports.
const eslint = new ESLint();

async function layeringMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === 'no-restricted-imports' ||
        m.ruleId === '@typescript-eslint/no-restricted-imports',
    )
    .map((m) => m.message);
}

describe('layering lint rule', () => {
  it('refuses electron in src-main/core', async () => {
    const messages = await layeringMessages(
      "import { app } from 'electron';\nexport const a = app;\n",
      'src-main/core/fixture.ts',
    );
    expect(messages).toEqual([
      expect.stringContaining('Only src-main/electron may import electron'),
    ]);
  });

  it('refuses native modules, HTTP clients and Node APIs in src-main/core', async () => {
    const code = [
      "import Database from 'better-sqlite3';",
      "import axios from 'axios';",
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { createApiClient } from '../api/client';",
      'export const all = [Database, axios, readFileSync, join, createApiClient];',
    ].join('\n');
    expect(await layeringMessages(code, 'src-main/core/fixture.ts')).toHaveLength(5);
  });

  it('refuses electron elsewhere in main but allows it in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await layeringMessages(code, 'src-main/store/fixture.ts')).toHaveLength(1);
    expect(await layeringMessages(code, 'src-main/electron/fixture.ts')).toEqual([]);
  });

  it("keeps the server's LDAP, PostgreSQL and SMTP code out of the kiosk", async () => {
    const code = [
      "import { Client } from 'ldapts';",
      "import pg from 'pg';",
      "import nodemailer from 'nodemailer';",
      "import { startSlapd } from '../../src-server/stack/slapd';",
      'export const all = [Client, pg, nodemailer, startSlapd];',
    ].join('\n');
    for (const place of ['src-main/app', 'src-main/electron', 'src-main/simulator'])
      expect(await layeringMessages(code, `${place}/fixture.ts`)).toHaveLength(4);
    expect(await layeringMessages(code, 'src-server/ldap/fixture.ts')).toEqual([]);
  });

  it('lets the renderer use core and the contract types only', async () => {
    const allowed = [
      "import { checkIdentifyForm } from '../../src-main/core/identity-input';",
      "import { CHANNELS } from '../../src-main/ipc/channels';",
      "import type { KioskApi } from '../../src-main/ipc/contract';",
      'export const x: Partial<KioskApi> = {}; export const y = [checkIdentifyForm, CHANNELS];',
    ].join('\n');
    expect(await layeringMessages(allowed, 'src-renderer/lib/fixture.ts')).toEqual([]);

    const refused = [
      "import { contract } from '../../src-main/ipc/contract';",
      "import { createDirectoryCache } from '../../src-main/store/directory-cache';",
      "import { readFileSync } from 'node:fs';",
      'export const z = [contract, createDirectoryCache, readFileSync];',
    ].join('\n');
    expect(await layeringMessages(refused, 'src-renderer/lib/fixture.ts')).toHaveLength(3);
  });
});
