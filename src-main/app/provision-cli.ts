/**
 * `npm run provision -- --device-id <id>` then the device secret on standard input: stores the
 * kiosk's device credential in the OS keychain, where the API client reads it. The secret is
 * never taken from the command line (it would end up in the shell history).
 */
import { parseArgs } from 'node:util';
import { KioskTokenRequest } from '../api/wire';
import { createKeytarStore } from '../secrets/keytar-store';
import { SECRET_NAMES } from '../secrets/secret-store';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'device-id': { type: 'string' }, service: { type: 'string', default: 'guichet' } },
    strict: true,
  });
  const credential = KioskTokenRequest.safeParse({
    deviceId: values['device-id'],
    secret: await readStdin(),
  });
  if (!credential.success) {
    process.stderr.write('Usage: echo "<secret>" | npm run provision -- --device-id <id>\n');
    process.exit(2);
  }
  await createKeytarStore(values.service!).set(
    SECRET_NAMES.deviceCredential,
    JSON.stringify(credential.data),
  );
  process.stdout.write(
    `Device credential for ${credential.data.deviceId} stored in the keychain.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Provisioning failed: ${(error as Error).message}\n`);
  process.exit(1);
});
