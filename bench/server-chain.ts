/**
 * The real chain of the server benchmark: slapd loaded with the students by slapadd before it
 * starts, PostgreSQL, an SMTP sink, and Guichet server instances, each a process of its own
 * started the way an administrator does (`npm run server -- serve --config FILE`, built), all on
 * one database and one directory. An instance says it listens only after its first directory
 * scan (src-server/serve.ts), so the change feed is complete once they are all up.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatasetStudent } from '../src-main/simulator/dataset';
import { createPool, migrate } from '../src-server/postgres/database';
import { registerDevice } from '../src-server/postgres/devices';
import { directoryOver, writeChainConfig } from '../src-server/stack/chain';
import { startPostgres } from '../src-server/stack/postgres';
import { studentsLdif } from '../src-server/stack/seed';
import { startSlapd } from '../src-server/stack/slapd';
import { startSmtpSink } from '../src-server/stack/smtp-sink';
import { spawnUntilReady } from '../test/support/spawn-ready';

export interface BenchChain {
  /** The instances' base URLs. */
  urls: string[];
  /** The chain's processes (slapd, the postmaster, each instance), for bench/proc-cpu.ts. */
  pids: Record<string, number>;
  close(): Promise<void>;
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * Starts the chain in `folder` with `students`, the given `passwords` set through the directory
 * (Password Modify: slapd hashes them with its test argon2 cost), the given kiosks registered,
 * and `instances` servers.
 */
export async function startBenchChain(
  folder: string,
  options: {
    students: readonly DatasetStudent[];
    passwords: ReadonlyMap<string, string>;
    devices: readonly { deviceId: string; secret: string }[];
    instances: number;
    say: (line: string) => void;
  },
): Promise<BenchChain> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    let started = performance.now();
    mkdirSync(join(folder, 'pg'));
    const seed = studentsLdif(options.students, 'ou=people,dc=univ,dc=test');
    const [slapd, postgres, sink] = await Promise.all([
      // 100,000 entries take about 140 MB: the stack's 100 MB map is too small.
      startSlapd({ dir: join(folder, 'ldap'), seed, maxSize: 1 << 30 }),
      startPostgres(join(folder, 'pg')),
      startSmtpSink(),
    ]);
    closers.push(
      () => slapd.stop(),
      () => postgres.stop(),
      () => sink.close(),
    );
    options.say(
      `slapd (${options.students.length} entries by slapadd), PostgreSQL and SMTP sink up in ` +
        `${Math.round(performance.now() - started)} ms`,
    );

    started = performance.now();
    const directory = directoryOver(slapd);
    await inParallel([...options.passwords], 8, ([identifier, password]) =>
      directory.setPassword(identifier, password),
    );
    await directory.close();
    await migrate(postgres.url);
    const admin = createPool(postgres.url, { max: 1 });
    for (const device of options.devices)
      await registerDevice(admin, device.deviceId, { secret: device.secret });
    await admin.end();
    options.say(
      `${options.passwords.size} passwords set, database migrated in ` +
        `${Math.round(performance.now() - started)} ms`,
    );

    const { path, config } = writeChainConfig(
      folder,
      { slapd, postgres, sink },
      { profile: resolve('resources/institutions/umontpellier.json') },
    );
    // The periodic rescan (every 5 minutes by default) is a batch job of its own: a scan of
    // 100,000 entries in the middle of the latency run would measure that job, not identification.
    const directorySection = config.directory as Record<string, unknown>;
    directorySection.scanIntervalSeconds = 86_400;
    writeFileSync(path, JSON.stringify(config, null, 2));

    const urls: string[] = [];
    const firstLine = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
    const pids: Record<string, number> = {
      slapd: firstLine(join(folder, 'ldap', 'slapd.pid')),
      postgres: firstLine(join(folder, 'pg', 'data', 'postmaster.pid')),
    };
    // One after the other: the first creates the sealing key file and makes the first scan.
    for (let i = 0; i < options.instances; i += 1) {
      started = performance.now();
      const instance = await spawnUntilReady(
        'dist/main/guichet-server.js',
        ['serve', '--config', path],
        /Guichet server listening on (\S+)/,
        // Loopback only: the bench's slapd has no TLS.
        { env: { GUICHET_ALLOW_PLAIN_LDAP: '1' }, timeoutMs: 600_000 },
      );
      closers.push(instance.stop);
      urls.push(instance.match[1]!);
      pids[`server${i + 1}`] = instance.child.pid ?? 0;
      options.say(
        `server instance ${i + 1} on ${instance.match[1]} (migrate, directory scan) in ` +
          `${Math.round(performance.now() - started)} ms`,
      );
    }
    return { urls, pids, close };
  } catch (error) {
    await close();
    throw error;
  }
}
