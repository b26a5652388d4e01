// The student journeys on the real chain: two Guichet server instances over one slapd, one
// PostgreSQL and one SMTP server, reached by the kiosk's own API client over HTTP with every
// answer checked against the contract. Codes are read from the mail the SMTP server received;
// passwords are checked by binding to slapd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CHARTER } from '../../src-main/simulator/charter';
import {
  BASILE,
  ELOISE,
  codeIn,
  kioskClient,
  startServerChain,
  type ServerChain,
} from '../support/server-stack';
import { tempFolder } from '../support/tmp';

const FIRST = 'Vague#Lichen-42';
const SECOND = 'Marbre&Ortie-73';
const THIRD = 'Sable+Corail-19';
const BASILE_PASSWORD = 'Fougere!Dune-58';

const folder = tempFolder('guichet-journeys-');
let chain: ServerChain;
let key = 0;
const nextKey = () => `journey-test-key-${String((key += 1)).padStart(6, '0')}`;

beforeAll(async () => {
  chain = await startServerChain(folder.path, [ELOISE, BASILE]);
  await chain.directory.setPassword(BASILE.identifier, BASILE_PASSWORD);
});
afterAll(async () => {
  await chain?.close();
  folder.remove();
});

const [a, b] = [0, 1].map((i) => () => kioskClient(chain.urls[i]!));

describe('the student journeys on the real chain', () => {
  it('activates an account with the code the SMTP server received, across both instances', async () => {
    const sent = await a!().sendActivationEmail(ELOISE.identifier, nextKey());
    expect(sent).toMatchObject({ ok: true, value: { maskedEmail: expect.stringContaining('@') } });
    const mail = await chain.sink.waitForMail('eloise.ndiaye@example.org');
    expect(mail.subject).toContain('Activez votre compte');
    expect(mail.text).toContain('Université de test');
    expect(mail.text).toContain('https://ent.univ.test/activation?code=');
    const code = codeIn(mail.text);

    // The other instance checks the code the first one issued.
    expect(await b!().checkActivationCode(ELOISE.identifier, '00000000')).toMatchObject({
      ok: false,
    });
    expect(await b!().checkActivationCode(ELOISE.identifier, code)).toMatchObject({ ok: true });
    // A password the policy refuses leaves the code usable and the account as it was.
    const weak = await b!().activate(
      ELOISE.identifier,
      { code, password: 'eloise2001', charterVersion: CURRENT_CHARTER.version },
      nextKey(),
    );
    expect(weak).toMatchObject({ ok: false });
    expect((await chain.directory.byIdentifier(ELOISE.identifier))?.status).toBe('not_activated');

    const activated = await b!().activate(
      ELOISE.identifier,
      { code, password: FIRST, charterVersion: CURRENT_CHARTER.version },
      nextKey(),
    );
    expect(activated).toEqual({ ok: true, value: { status: 'active', leavingYear: null } });
    expect(await chain.directory.checkPassword(ELOISE.identifier, FIRST)).toBe('ok');
    const person = await chain.directory.byIdentifier(ELOISE.identifier);
    expect(person?.status).toBe('active');
    // The code is used up.
    const again = await a!().activate(
      ELOISE.identifier,
      { code, password: SECOND, charterVersion: CURRENT_CHARTER.version },
      nextKey(),
    );
    expect(again).toMatchObject({ ok: false });
    expect(await chain.directory.checkPassword(ELOISE.identifier, FIRST)).toBe('ok');
  });

  it('changes the password once for one Idempotency-Key sent twenty times to both instances', async () => {
    const same = nextKey();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a! : b!)().changePassword(
          ELOISE.identifier,
          { currentPassword: FIRST, password: SECOND },
          same,
        ),
      ),
    );
    // A repeat while the first runs is told to wait (409); every finished one has its answer.
    const finished = answers.filter((r) => r.ok || r.error.code !== 'conflict');
    expect(finished.length).toBeGreaterThan(0);
    for (const answer of finished)
      expect(answer).toEqual({ ok: true, value: { status: 'active', leavingYear: null } });
    expect(await chain.directory.checkPassword(ELOISE.identifier, SECOND)).toBe('ok');
    expect(await chain.directory.checkPassword(ELOISE.identifier, FIRST)).toBe('wrong_password');
  });

  it('logs in on one instance and redirects mail on the other, written to the directory', async () => {
    const session = await a!().openStudentSession(ELOISE.identifier, SECOND);
    if (!session.ok) throw new Error(`no session: ${session.error.code}`);
    expect(await b!().mailRedirection(ELOISE.identifier, session.value.session)).toEqual({
      ok: true,
      value: { address: null, keepCopy: true },
    });
    // A university address is refused; the directory keeps what it had.
    const own = await b!().setMailRedirection(
      ELOISE.identifier,
      session.value.session,
      { address: 'eloise@univ.test', keepCopy: false },
      nextKey(),
    );
    expect(own).toMatchObject({ ok: false });
    const set = await b!().setMailRedirection(
      ELOISE.identifier,
      session.value.session,
      { address: 'eloise.perso@example.org', keepCopy: false },
      nextKey(),
    );
    expect(set).toEqual({
      ok: true,
      value: { address: 'eloise.perso@example.org', keepCopy: false },
    });
    const person = await chain.directory.byIdentifier(ELOISE.identifier);
    expect(person).toMatchObject({
      mailRedirection: 'eloise.perso@example.org',
      mailKeepCopy: false,
    });
    // Without a session, or with a made-up one, nothing is shown.
    expect(await a!().mailRedirection(ELOISE.identifier, 'made-up-session')).toMatchObject({
      ok: false,
    });
  });

  it('resets a forgotten password with the mailed code, once for four parallel uses', async () => {
    const before = chain.sink.messages('eloise.ndiaye@example.org').length;
    expect(await b!().requestPasswordReset(ELOISE.identifier, nextKey())).toMatchObject({
      ok: true,
    });
    const mail = await chain.sink.waitForMail('eloise.ndiaye@example.org', before + 1);
    expect(mail.subject).toContain('Réinitialisation');
    // The same code four times at once, on both instances: one reset, the others refused.
    const passwords = [THIRD, `${THIRD}a`, `${THIRD}b`, `${THIRD}c`];
    const resets = await Promise.all(
      passwords.map((password, i) =>
        (i % 2 ? b : a)!().resetPassword(
          ELOISE.identifier,
          { code: codeIn(mail.text), password },
          nextKey(),
        ),
      ),
    );
    const won = passwords.filter((_, i) => resets[i]!.ok);
    expect(won).toHaveLength(1);
    expect(resets.find((r) => r.ok)).toEqual({
      ok: true,
      value: { status: 'active', leavingYear: null },
    });
    expect(await chain.directory.checkPassword(ELOISE.identifier, won[0]!)).toBe('ok');
  });

  it('answers 429 on wrong passwords before ppolicy would lock the account in the directory', async () => {
    const tries = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a! : b!)().openStudentSession(BASILE.identifier, `Wrong-guess-${i}`),
      ),
    );
    const codes = tries.map((r) => (r.ok ? 'ok' : r.error.code));
    // Five wrong answers across both instances, then "too many attempts".
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(25);
    expect(codes.filter((c) => c === 'rate_limited').length + 5).toBe(30);
    // slapd counted five failed binds: under its pwdMaxFailure (10), the account is not locked.
    expect((await chain.directory.byIdentifier(BASILE.identifier))?.lock).toBeNull();
    // The right password waits too, until the window ends.
    expect(await a!().openStudentSession(BASILE.identifier, BASILE_PASSWORD)).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    for (const server of chain.servers) expect(server.contractViolations).toEqual([]);
  });
});
