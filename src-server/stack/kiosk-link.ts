/**
 * What stands between one of the stack's kiosks and the Guichet server: an HTTP forwarder on
 * 127.0.0.1 that the stack's controls cut (the kiosk no longer reaches the API: nothing listens
 * on the link's port and the connections it carried are dropped, as when the network is gone)
 * and open again on the same port, the kiosk and its page staying up; and that can alter the
 * kiosk's next audit upload on its way, as a compromised hop would, so that the server's own
 * check of the chain refuses it. Only the stack uses it: production kiosks talk TLS to the API.
 */
import { request as httpRequest, createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { STAFF_PATHS } from '../../src-main/api/wire-staff';

export interface KioskLink {
  /** http://127.0.0.1:<port>, the kiosk's --api; stable across cut and open. */
  url: string;
  readonly isOpen: boolean;
  cut(): Promise<void>;
  open(): Promise<void>;
  /** The next POST of audit events goes up with its first entry's time moved by a second. */
  tamperNextAuditUpload(): void;
  close(): Promise<void>;
}

/** An upload whose first entry says it happened a second later than the kiosk hashed it. */
export function tamperedUpload(body: Buffer): Buffer {
  const upload = JSON.parse(body.toString('utf8')) as { events?: { at?: unknown }[] };
  const first = upload.events?.[0];
  if (!first || typeof first.at !== 'string') return body;
  first.at = new Date(Date.parse(first.at) + 1000).toISOString();
  return Buffer.from(JSON.stringify(upload), 'utf8');
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Starts a link to the API at `target` (http://127.0.0.1:port). */
export async function startKioskLink(target: string): Promise<KioskLink> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let tamper = false;

  const server = createServer((req, res) => {
    const forward = (body: Buffer | null) => {
      const headers = { ...req.headers, host: upstream.host };
      if (body) headers['content-length'] = String(body.length);
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.once('error', () => res.destroy());
      if (body) out.end(body);
      else req.pipe(out);
    };
    const upload = req.method === 'POST' && req.url?.split('?')[0] === STAFF_PATHS.auditUpload;
    if (upload && tamper) {
      tamper = false;
      void readAll(req).then(
        (body) => forward(tamperedUpload(body)),
        () => res.destroy(),
      );
      return;
    }
    forward(null);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1' }, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  const cut = () =>
    new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((error) => (error ? reject(error) : resolve()));
      for (const socket of sockets) socket.destroy();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    get isOpen() {
      return server.listening;
    },
    cut,
    async open() {
      if (!server.listening) await listen(port);
    },
    tamperNextAuditUpload() {
      tamper = true;
    },
    close: cut,
  };
}
