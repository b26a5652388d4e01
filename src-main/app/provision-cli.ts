/**
 * `npm run provision -- --device-id <id>` then the device secret on standard input: stores the
 * kiosk's device credential in the OS keychain, where the API client reads it. The secret is
 * never taken from the command line (it would end up in the shell history).
 *
 * `npm run provision -- --pin-sealing-key --api <url> [--expect-kid <kid>]` (alone, or with
 * --device-id): pins the API's sealing key, which passwords queued offline are sealed to.
 */
import { parseArgs } from 'node:util';
import { KioskTokenRequest } from '../api/wire';
import { createKeytarStore } from '../secrets/keytar-store';
import { SECRET_NAMES } from '../secrets/secret-store';
import { pinSealingKeyFromApi } from './pin-sealing-key';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'device-id': { type: 'string' },
      service: { type: 'string', default: 'guichet' },
      'pin-sealing-key': { type: 'boolean', default: false },
      api: { type: 'string' },
      'expect-kid': { type: 'string' },
    },
    strict: true,
  });
  if (values['pin-sealing-key']) {
    if (!values.api) {
      process.stderr.write('Usage: npm run provision -- --pin-sealing-key --api <url>\n');
      process.exit(2);
    }
    // With --device-id, the credential is stored first, then used to fetch the key.
    if (values['device-id'] === undefined)
      return pin(values.service!, values.api, values['expect-kid']);
  }
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
  if (values['pin-sealing-key']) await pin(values.service!, values.api!, values['expect-kid']);
}

async function pin(service: string, apiUrl: string, expectKid: string | undefined): Promise<void> {
  const key = await pinSealingKeyFromApi({
    apiUrl,
    secrets: createKeytarStore(service),
    ...(expectKid === undefined ? {} : { expectKid }),
  });
  process.stdout.write(
    `Sealing key ${key.kid} pinned. Check that the institution publishes this same kid.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Provisioning failed: ${(error as Error).message}\n`);
  process.exit(1);
});
