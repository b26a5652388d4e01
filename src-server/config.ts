/**
 * The Guichet server's configuration file (JSON): where it listens, its database, directory and
 * SMTP relay, the institution's profile, and where its secrets are. Validated when read: every
 * error names its key ("directory.peopleBase: …"). Secrets are never in this file: each one is
 * read from a file named here, or from an environment variable, so the file can be shared,
 * versioned and read by anyone who runs the service.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { describeIssues } from '../src-main/app/describe-issues';
import { loadProfile } from '../src-main/app/profile';
import type { InstitutionProfile } from '../src-main/core/profile';
import { SUPANN_ATTRIBUTES, type AttributeMap } from './ldap/mapping';

const nonEmpty = z.string().min(1);
const port = z.number().int().min(1).max(65_535);
const ldapUrl = z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'an ldap:// or ldaps:// URL');

const ConfigSchema = z
  .object({
    listen: z
      // Port 0 picks a free one (the stack, tests).
      .object({
        host: nonEmpty.default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8080),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080 }),
    /**
     * Prometheus' scrape endpoint (GET /metrics) on a listener of its own, for the
     * university's monitoring network only; absent: no metrics served.
     */
    metrics: z
      .object({
        listen: z
          .object({
            host: nonEmpty.default('127.0.0.1'),
            port: z.number().int().min(0).max(65_535),
          })
          .strict(),
      })
      .strict()
      .optional(),
    /**
     * The help-desk console's back end (src-server/console) on a listener of its own, for
     * supervisors signing in with their directory account (`staff.groups.supervisor`); absent:
     * no console. `origin`: how browsers reach it (https://…, behind the proxy); `trustProxy`:
     * take the client's address from X-Forwarded-For (the sign-in limits count per address).
     */
    console: z
      .object({
        listen: z
          .object({
            host: nonEmpty.default('127.0.0.1'),
            port: z.number().int().min(0).max(65_535),
          })
          .strict(),
        origin: z
          .string()
          .regex(/^https?:\/\/[^/\s]+$/, 'a scheme and host, no path: https://console.example')
          .optional(),
        trustProxy: z.boolean().default(false),
        /** Seconds without a heartbeat before the console flags a kiosk silent (5 minutes). */
        silentAfterSeconds: z.number().int().min(5).max(86_400).default(300),
      })
      .strict()
      .optional(),
    /** The institution's profile (resources/institutions/*.json): name, policy, domains, ENT. */
    institutionProfile: nonEmpty,
    database: z
      .object({
        /** postgresql://user@host/db or a Unix socket (…?host=/run/postgresql); no password. */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgresql:// URL')
          .refine((url) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(url), {
            message: 'must not hold a password: use database.passwordFile or PGPASSWORD',
          }),
        passwordFile: nonEmpty.optional(),
        poolSize: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    directory: z
      .object({
        url: ldapUrl,
        /** StartTLS on an ldap:// URL (ldaps:// is TLS from the start). */
        startTls: z.boolean().default(false),
        /** The CA that signed the directory's certificate, when not a system one. */
        caFile: nonEmpty.optional(),
        peopleBase: nonEmpty,
        personClass: nonEmpty.default('supannPerson'),
        serviceDn: nonEmpty,
        servicePasswordFile: nonEmpty.optional(),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000),
        /** Attribute names that differ from SupAnn's (see docs/deploying-the-server.md). */
        attributes: z
          .object({
            studentNumber: nonEmpty,
            birthDate: nonEmpty,
            identifier: nonEmpty,
            firstName: nonEmpty,
            lastName: nonEmpty,
            personalEmail: nonEmpty,
            enrolment: nonEmpty,
            accountState: nonEmpty,
            forwardingAddress: nonEmpty,
            deliveryOption: nonEmpty.nullable(),
          })
          .strict()
          .partial()
          .default({}),
        /** The label kiosks show for an `etape` code; codes not listed are shown as they are. */
        programLabels: z.record(z.string(), nonEmpty).default({}),
        /** Seconds between two scans of the directory for the change feed. */
        scanIntervalSeconds: z.number().int().min(10).max(86_400).default(300),
      })
      .strict(),
    smtp: z
      .object({
        host: nonEmpty,
        port: port.default(587),
        /** Implicit TLS (465); otherwise STARTTLS when the relay offers it. */
        secure: z.boolean().default(false),
        /** Refuse to send without TLS (leave on in production). */
        requireTls: z.boolean().default(true),
        from: z.email(),
        user: nonEmpty.optional(),
        passwordFile: nonEmpty.optional(),
      })
      .strict(),
    /**
     * Staff roles from the directory's groups, for staff enrolled without a role (read at every
     * sign-in: leaving the group ends the role). `base`: where staff entries are (by uid).
     */
    staff: z
      .object({
        base: nonEmpty.optional(),
        groups: z.object({ agent: nonEmpty.optional(), supervisor: nonEmpty.optional() }).strict(),
      })
      .strict()
      .optional(),
    /** 32 random bytes or more (base64): keys the digests of codes and sessions. */
    secretKeyFile: nonEmpty.optional(),
    /** The RSA key pair (PEM) kiosks seal queued passwords to. */
    sealingKeyFile: nonEmpty,
    tokenTtlSeconds: z.number().int().min(60).max(86_400).default(900),
    /**
     * A kiosk's heartbeats are kept at most this often (more are answered 429): the contract's
     * 15 seconds; lower only for a test fleet that beats every few seconds (`npm run stack`).
     */
    heartbeatMinIntervalSeconds: z.number().int().min(1).max(3600).default(15),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .strict();

export type ServerConfigFile = z.infer<typeof ConfigSchema>;

/** The configuration with paths resolved, the profile loaded and the secrets read. */
export interface ServerConfig extends Omit<ServerConfigFile, 'directory'> {
  profile: InstitutionProfile;
  directory: Omit<ServerConfigFile['directory'], 'attributes'> & {
    attributes: AttributeMap;
    servicePassword: string;
    ca: Buffer | undefined;
  };
  databasePassword: string | undefined;
  smtpPassword: string | undefined;
  secretKey: Buffer;
}

/** A configuration that cannot be used; the message is for the administrator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** A secret from its file (first line, trimmed) or else from the environment variable. */
function secret(
  file: string | undefined,
  variable: string,
  env: Env,
  key: string,
): string | undefined {
  if (file !== undefined) {
    try {
      const text = readFileSync(file, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
      if (text === '') throw new ConfigError(`${key}: ${file} is empty`);
      return text;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(
        `${key}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  const value = env[variable];
  return value === undefined || value === '' ? undefined : value;
}

/** Parses an already-read configuration; relative paths are taken from `baseDir`. */
export function parseServerConfig(data: unknown, baseDir: string, env: Env): ServerConfig {
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, 'config'));
  const file = parsed.data;
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(baseDir, p));

  let profile: InstitutionProfile;
  try {
    profile = loadProfile(path(file.institutionProfile)!);
  } catch (error) {
    throw new ConfigError(`config.institutionProfile: ${(error as Error).message}`);
  }
  const servicePassword = secret(
    path(file.directory.servicePasswordFile),
    'GUICHET_DIRECTORY_PASSWORD',
    env,
    'config.directory.servicePasswordFile',
  );
  if (servicePassword === undefined)
    throw new ConfigError(
      'config.directory.servicePasswordFile: the service account needs a password (a file, or GUICHET_DIRECTORY_PASSWORD)',
    );
  const keyText = secret(
    path(file.secretKeyFile),
    'GUICHET_SECRET_KEY',
    env,
    'config.secretKeyFile',
  );
  const secretKey = Buffer.from(keyText ?? '', 'base64');
  if (secretKey.length < 32)
    throw new ConfigError(
      'config.secretKeyFile: 32 random bytes or more, base64 (a file, or GUICHET_SECRET_KEY); make one with `npm run server -- new-secret-key`',
    );
  let ca: Buffer | undefined;
  if (file.directory.caFile !== undefined) {
    try {
      ca = readFileSync(path(file.directory.caFile)!);
    } catch (error) {
      throw new ConfigError(
        `config.directory.caFile: cannot read it (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  const plain = file.directory.url.startsWith('ldap://') && !file.directory.startTls;
  if (plain && env.GUICHET_ALLOW_PLAIN_LDAP !== '1')
    throw new ConfigError(
      'config.directory.startTls: an ldap:// URL without StartTLS sends passwords in clear; use ldaps://, startTls: true, or (on a loopback test directory only) GUICHET_ALLOW_PLAIN_LDAP=1',
    );

  return {
    ...file,
    sealingKeyFile: path(file.sealingKeyFile)!,
    profile,
    directory: {
      ...file.directory,
      attributes: { ...SUPANN_ATTRIBUTES, ...file.directory.attributes },
      servicePassword,
      ca,
    },
    databasePassword: secret(
      path(file.database.passwordFile),
      'PGPASSWORD',
      env,
      'config.database.passwordFile',
    ),
    smtpPassword: secret(
      path(file.smtp.passwordFile),
      'GUICHET_SMTP_PASSWORD',
      env,
      'config.smtp.passwordFile',
    ),
    secretKey,
  };
}

/** Reads and checks the configuration file at `path`. */
export function loadServerConfig(path: string, env: Env = process.env): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseServerConfig(data, dirname(resolve(path)), env);
}
