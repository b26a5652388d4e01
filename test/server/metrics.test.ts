// Prometheus' scrape of the Guichet server on the real chain: requests by operation and status,
// latency, the directory, database and mail relay up, each kiosk's heartbeat age, in the text
// format a Prometheus parser reads; the listener survives any bytes on its socket.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELOISE, kioskClient, startServerChain, type ServerChain } from '../support/server-stack';
import { rawExchange } from '../support/raw-http';
import { tempFolder } from '../support/tmp';

const folder = tempFolder('guichet-metrics-');
let chain: ServerChain;

beforeAll(async () => {
  chain = await startServerChain(folder.path, [ELOISE], { instances: 1 });
});
afterAll(async () => {
  await chain?.close();
  folder.remove();
});

let lastScrape = '';
const scrape = async () => {
  const response = await fetch(chain.metricsUrls[0]!);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  lastScrape = await response.text();
  return parsePrometheusTextFormat(lastScrape);
};
/**
 * One route's histogram from the last scrape, parsed on its own: the parser folds a histogram's
 * series by `le` only, so each route's lines are given to it without the route label.
 */
const histogramOf = (name: string, route: string) => {
  const label = `route="${route}"`;
  const lines = lastScrape
    .split('\n')
    .filter(
      (l) =>
        l.startsWith(`# HELP ${name} `) ||
        l.startsWith(`# TYPE ${name} `) ||
        (l.startsWith(`${name}_`) && l.includes(label)),
    )
    .map((l) => l.replace(new RegExp(`,?${label.replace(/[/.]/g, '\\$&')}`), '').replace('{}', ''));
  return parsePrometheusTextFormat(`${lines.join('\n')}\n`)[0]?.metrics[0];
};
const family = (families: Awaited<ReturnType<typeof scrape>>, name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in the scrape`);
  return found;
};

describe('/metrics', () => {
  it('counts requests by route and status, times them, and says what is up', async () => {
    const client = kioskClient(chain.urls[0]!);
    const identified = await client.identify({
      studentNumber: ELOISE.studentNumber,
      birthDate: ELOISE.birthDate,
    });
    expect(identified.ok).toBe(true);
    await client.identify({ studentNumber: '29999999', birthDate: '2001-01-01' });
    const beat = await client.sendHeartbeat({
      sentAt: new Date().toISOString(),
      version: 'test',
      profile: 'test',
      mode: 'online',
      startedAt: new Date().toISOString(),
      lastSyncAt: null,
      outbox: [{ kind: 'staff.unlock', pending: 2 }],
      deadLetters: 0,
      audit: { head: 3, acknowledged: 3, refused: 0 },
      slowDownSeconds: null,
      freeDiskBytes: null,
    });
    expect(beat.ok).toBe(true);

    const families = await scrape();
    const requests = family(families, 'guichet_http_requests_total');
    expect(requests.type).toBe('COUNTER');
    const identify = (status: string) =>
      requests.metrics.find(
        (m) => m.labels?.route === 'POST /v1/identify' && m.labels.status === status,
      );
    expect(Number(identify('200')?.value)).toBeGreaterThanOrEqual(1);
    expect(Number(identify('404')?.value)).toBeGreaterThanOrEqual(1);
    // Route templates only: no path, no identifier, no student number in any label.
    const text = JSON.stringify(families);
    for (const personal of [ELOISE.identifier, ELOISE.studentNumber, '29999999'])
      expect(text).not.toContain(personal);

    const latency = family(families, 'guichet_http_request_duration_seconds');
    expect(latency.type).toBe('HISTOGRAM');
    const timed = histogramOf('guichet_http_request_duration_seconds', 'POST /v1/identify');
    expect(Number(timed?.count)).toBeGreaterThanOrEqual(2);
    expect(Number(timed?.buckets?.['+Inf'])).toBe(Number(timed?.count));
    expect(Number(timed?.sum)).toBeGreaterThan(0);

    const up = family(families, 'guichet_dependency_up');
    expect(Object.fromEntries(up.metrics.map((m) => [m.labels?.dependency, m.value]))).toEqual({
      directory: '1',
      database: '1',
      mail: '1',
    });

    const age = family(families, 'guichet_kiosk_heartbeat_age_seconds');
    const kiosk = age.metrics.find((m) => m.labels?.kiosk === 'kiosk-bu-sciences');
    expect(Number(kiosk?.value)).toBeGreaterThanOrEqual(0);
    const pending = family(families, 'guichet_kiosk_outbox_pending');
    expect(pending.metrics.find((m) => m.labels?.kiosk === 'kiosk-bu-sciences')?.value).toBe('2');
  });

  it('serves nothing else, and survives any bytes on its socket', async () => {
    const base = chain.metricsUrls[0]!.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/v1/health`)).status).toBe(404);
    expect((await fetch(chain.metricsUrls[0]!, { method: 'POST' })).status).toBe(404);
    const port = Number(new URL(base).port);
    await rawExchange(port, Buffer.from([0, 255, 13, 10, 13, 10]));
    await rawExchange(port, 'GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n');
    expect((await fetch(chain.metricsUrls[0]!)).status).toBe(200);
  });
});
