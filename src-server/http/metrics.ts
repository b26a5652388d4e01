/**
 * The server's metrics for the university's own monitoring, in Prometheus' text format
 * (prom-client), on a listener of their own (`metrics.listen` in the configuration; never the
 * API's port, so that only the monitoring network reaches them): requests by operation and
 * status, their latency, the directory, database and mail relay up or down, and each kiosk's
 * heartbeat age. Labels are route templates and device ids, never a path or an identifier.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock, Logger } from '../../src-main/core/ports';
import type { DependencyHealth, FleetStore } from '../../src-main/simulator/backends';

export interface ServerMetrics {
  /** Counts one answered request (the simulator pipeline's `observe`). */
  observe(request: { route: string; status: number; seconds: number }): void;
  /** The metrics, as a scrape gets them. */
  text(): Promise<string>;
  readonly contentType: string;
  /** Serves GET /metrics on `port`/`host`; anything else is 404. */
  listen(port: number, host: string): Promise<{ url: string; close(): Promise<void> }>;
}

export function createServerMetrics(deps: {
  health: DependencyHealth;
  fleet: FleetStore;
  clock: Clock;
  logger: Logger;
}): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'guichet_' });
  const requests = new Counter({
    name: 'guichet_http_requests_total',
    help: 'API requests answered, by route template and status code.',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'guichet_http_request_duration_seconds',
    help: 'Time to answer an API request, by route template.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'guichet_dependency_up',
    help: 'Whether the directory, the database and the mail relay work (1) or not (0).',
    labelNames: ['dependency'] as const,
    registers: [registry],
    async collect() {
      const report = await deps.health.check().catch(() => null);
      for (const dependency of ['directory', 'database', 'mail'] as const)
        this.set({ dependency }, report?.[dependency] === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'guichet_kiosk_heartbeat_age_seconds',
    help: 'Seconds since each kiosk’s last heartbeat (more than 300: the kiosk went silent).',
    labelNames: ['kiosk'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = deps.clock.now().getTime();
      const latest = await deps.fleet.latest().catch(() => []);
      for (const beat of latest)
        this.set({ kiosk: beat.deviceId }, Math.max(0, (now - beat.receivedAt.getTime()) / 1000));
    },
  });
  new Gauge({
    name: 'guichet_kiosk_outbox_pending',
    help: 'Writes waiting in each kiosk’s outbox, as its last heartbeat said.',
    labelNames: ['kiosk'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { deviceId, beat } of await deps.fleet.latest().catch(() => []))
        this.set(
          { kiosk: deviceId },
          beat.outbox.reduce((n, k) => n + k.pending, 0),
        );
    },
  });

  return {
    observe({ route, status, seconds }) {
      requests.inc({ route, status: String(status) });
      latency.observe({ route }, seconds);
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
    async listen(port, host) {
      const server: Server = createServer((req, res) => {
        if (req.method !== 'GET' || req.url !== '/metrics') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (error: Error) => {
            deps.logger.error('metrics: not collected', { error: error.message });
            res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
          },
        );
      });
      // Any bytes on the socket: a broken request closes that connection, never the server.
      server.on('clientError', (_error, socket) => socket.destroy());
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      const address = server.address() as AddressInfo;
      return {
        url: `http://${host}:${address.port}/metrics`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}
