import { connect } from 'node:net';

/** What came back on a raw connection: the bytes read, and how the connection ended. */
export interface RawExchange {
  text: string;
  /** The answer's status code, or null when no status line came back. */
  status: number | null;
  /** The answer's body (after the blank line), or '' when there was none. */
  body: string;
  ended: 'closed' | 'reset';
}

/**
 * Sends raw bytes to 127.0.0.1:port and reads until the server closes the connection: the way a
 * hostile or broken client talks to a listener, below any HTTP client library's own checks.
 * Requests should say "connection: close", so that the server ends the exchange.
 */
export function rawExchange(port: number, ...parts: (string | Buffer)[]): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      for (const part of parts) socket.write(part);
    });
    const finish = (ended: RawExchange['ended']) => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({
        text,
        status: status ? Number(status[1]) : null,
        body: split === -1 ? '' : text.slice(split + 4),
        ended,
      });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', () => finish('reset'));
    socket.once('close', () => finish('closed'));
  });
}

/** A request line and headers, ending the head; "connection: close" unless given. */
export function head(requestLine: string, headers: Record<string, string | number> = {}): string {
  const all = { host: '127.0.0.1', connection: 'close', ...headers };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
  return `${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** Request targets that are not URLs, each once refused by `new URL` inside a listener. */
export const MALFORMED_TARGETS = ['http://[', '//[', 'http://a:b:c/', 'http://%/', '//%', '*'];
