import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { loadProfile, parseProfile } from './profile';
import { DEFAULT_PROFILE } from './paths';

describe('loadConfig', () => {
  it('defaults to demo mode with the Montpellier profile', () => {
    const config = loadConfig({ XDG_DATA_HOME: '/var/tmp/x' });
    expect(config.apiUrl).toBeNull();
    expect(config.dataDir).toBe('/var/tmp/x/guichet');
    expect(config.profilePath).toBe(DEFAULT_PROFILE);
  });

  it('reads the environment and lets overrides win', () => {
    const config = loadConfig(
      { GUICHET_API_URL: 'https://comptes.example.edu/api', GUICHET_API_TIMEOUT_MS: '2500' },
      { dataDir: '/tmp/kiosk' },
    );
    expect(config).toMatchObject({
      apiUrl: 'https://comptes.example.edu/api',
      apiTimeoutMs: 2500,
      dataDir: '/tmp/kiosk',
    });
  });

  it('probes every 5 s while the API is away, unless told otherwise', () => {
    expect(loadConfig({}).recoveryProbeMs).toBe(5000);
    expect(loadConfig({ GUICHET_RECOVERY_PROBE_MS: '1000' }).recoveryProbeMs).toBe(1000);
    for (const bad of ['50', '1h', '-1'])
      expect(() => loadConfig({ GUICHET_RECOVERY_PROBE_MS: bad }), bad).toThrow(
        /config\.recoveryProbeMs: /,
      );
  });

  it('sends a heartbeat every minute, unless told otherwise', () => {
    expect(loadConfig({}).heartbeatSeconds).toBe(60);
    expect(loadConfig({ GUICHET_HEARTBEAT_SECONDS: '2' }).heartbeatSeconds).toBe(2);
    for (const bad of ['0', '1.5', 'often', '3601'])
      expect(() => loadConfig({ GUICHET_HEARTBEAT_SECONDS: bad }), bad).toThrow(
        /config\.heartbeatSeconds: /,
      );
  });

  it('names the key path of every bad value', () => {
    expect(() =>
      loadConfig({ GUICHET_API_URL: 'ftp://x', GUICHET_API_TIMEOUT_MS: 'soon' }),
    ).toThrow(/config\.apiUrl: .*\n.*config\.apiTimeoutMs: /s);
    expect(() => loadConfig({ GUICHET_API_URL: 'not a url' })).toThrow(/config\.apiUrl: /);
  });
});

describe('loadConfig: the API URL', () => {
  it('refuses plain http to a host on the network, naming the key', () => {
    for (const url of [
      'http://comptes.example.edu/api',
      'http://10.0.0.5:8080',
      'http://[fe80::1]/',
      'http://127.0.0.1.nip.io/',
      'http://localhost.example.org/',
    ]) {
      expect(() => loadConfig({ GUICHET_API_URL: url }), url).toThrow(
        /config\.apiUrl: http:\/\/ is allowed only for a loopback host/,
      );
    }
  });

  it('accepts https anywhere and http on loopback (the simulator in tests and demo)', () => {
    for (const url of [
      'https://comptes.example.edu/api',
      'http://127.0.0.1:8787',
      'http://127.8.9.10/',
      'http://127.1:8787',
      'http://[::1]:8787/',
      'http://localhost:8787',
      'http://LOCALHOST/',
    ]) {
      expect(loadConfig({}, { apiUrl: url }).apiUrl, url).toBe(url);
    }
  });
});

describe('institution profile', () => {
  it('loads the shipped profile', () => {
    expect(loadProfile(DEFAULT_PROFILE).name.fr).toBe('Université de Montpellier');
  });

  it('names the key path of a bad value and of an unexpected key', () => {
    const good = loadProfile(DEFAULT_PROFILE);
    expect(() => parseProfile({ ...good, colors: { ...good.colors, primary: 'blue' } })).toThrow(
      /profile\.colors\.primary: a colour like/,
    );
    expect(() => parseProfile({ ...good, colour: 'x' })).toThrow(
      /profile: unexpected key\(s\) colour/,
    );
    expect(() =>
      parseProfile({ ...good, idle: { warnAfterSeconds: 90, resetAfterSeconds: 60 } }),
    ).toThrow(/profile\.idle\.resetAfterSeconds/);
  });
});
