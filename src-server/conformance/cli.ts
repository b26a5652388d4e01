/**
 * `npm run conformance -- --api URL --device-id ID --fixtures FILE [--mailbox URL]
 * [--not-served OPERATION,…]`: the contract suite against any implementation of
 * resources/openapi.yaml. The device secret is read on standard input, never from an argument
 * (arguments show in the process list and in shell history). One line per case; exit 1 on any
 * failure, 2 on a usage error. docs/conformance.md says what the fixtures are.
 */
import { parseArgs } from 'node:util';
import { API_CONTRACT } from '../../src-main/app/paths';
import { readFixtures } from './fixtures';
import { httpMailbox } from './mailbox';
import { formatResult, runConformance } from './run';
import { createTarget } from './target';

const USAGE = `Usage: npm run conformance -- --api URL --device-id ID --fixtures FILE
         [--mailbox URL] [--not-served OPERATION[,OPERATION…]] [--contract FILE]
The device secret is read on standard input, e.g.:
  npm run conformance -- --api https://comptes.example.edu --device-id kiosk-test \\
    --fixtures conformance.json < device-secret.txt
`;

class UsageError extends Error {}

async function readSecret(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Device secret (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!secret) throw new UsageError('no device secret on standard input');
  return secret;
}

function options() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      'device-id': { type: 'string' },
      fixtures: { type: 'string' },
      mailbox: { type: 'string' },
      'not-served': { type: 'string', multiple: true },
      contract: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  for (const name of ['api', 'device-id', 'fixtures'] as const)
    if (!values[name]) throw new UsageError(`--${name} is required`);
  return values as typeof values & { api: string; 'device-id': string; fixtures: string };
}

async function main(): Promise<number> {
  const values = options();
  const fixtures = readFixtures(values.fixtures);
  const target = createTarget({
    api: values.api,
    deviceId: values['device-id'],
    secret: await readSecret(),
    contractPath: values.contract ?? API_CONTRACT,
  });
  const mailboxUrl = values.mailbox ?? fixtures.mailbox;
  const notServed = (values['not-served'] ?? []).flatMap((v) => v.split(',')).filter(Boolean);
  const results = await runConformance({
    target,
    fixtures,
    mailbox: mailboxUrl ? httpMailbox(mailboxUrl) : null,
    notServed,
    onResult: (result) => process.stdout.write(`${formatResult(result)}\n`),
  });
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  process.stdout.write(
    `\n${results.length} cases: ${count('pass')} passed, ${count('fail')} failed, ` +
      `${count('n/a')} not applicable\n`,
  );
  return count('fail') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `conformance: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (usage) process.stderr.write(USAGE);
    process.exit(usage ? 2 : 1);
  },
);
