// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering rule (DESIGN.md "Processes and layers"): who may import what.
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src-main/electron may import electron: keep the shell thin and the rest testable.',
};
const nativeAndHttp = ['better-sqlite3', 'keytar', 'axios'].map((name) => ({
  name,
  message:
    'src-main/core and the renderer stay free of native modules and HTTP clients: use a port.',
}));
const serverOnly = [
  'ldapts',
  'pg',
  'node-pg-migrate',
  'nodemailer',
  'smtp-server',
  'mailparser',
].map((name) => ({
  name,
  message:
    "The kiosk (src-main) never imports the server's LDAP, PostgreSQL or SMTP code (src-server).",
}));
const nodeBuiltins = NODE_BUILTINS.map((name) => ({
  name,
  message: 'This code must load in the sandboxed renderer: no Node API here.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.tools/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    // The kiosk never carries the Guichet server's directory, database or mail code.
    files: ['src-main/**', 'src-renderer/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...serverOnly],
          patterns: [{ group: ['**/src-server/**'], message: serverOnly[0]?.message }],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: serverOnly,
          patterns: [{ group: ['**/src-server/**'], message: serverOnly[0]?.message }],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**'],
    // Tests of core run under Node only and may read fixtures; the code under test may not.
    ignores: ['src-main/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nativeAndHttp, ...nodeBuiltins, ...serverOnly],
          patterns: [
            {
              group: ['../*'],
              message: 'src-main/core depends on nothing outside core: define a port.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nativeAndHttp, ...nodeBuiltins, ...serverOnly],
          patterns: [
            {
              regex: 'src-main/(?!core/|ipc/channels$|ipc/contract$)',
              message:
                'The renderer may use src-main/core, ipc/channels and the contract types only.',
            },
            {
              regex: 'src-main/ipc/contract$',
              allowTypeImports: true,
              message:
                'Import the contract with `import type`: the renderer never loads its schemas.',
            },
          ],
        },
      ],
    },
  },
);
