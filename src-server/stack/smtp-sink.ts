/**
 * An SMTP server on loopback that keeps every message it receives, parsed: where the Guichet
 * server's mail lands in the tests and `npm run stack` (a university sends through its relay).
 * It can refuse mail for a while, as a relay that is down or busy does.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The Content-Language header, when the message has one. */
  language: string | null;
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  host: string;
  messages(to?: string): ReceivedMail[];
  /** Waits until a message to `to` arrives (the newest is returned). */
  waitForMail(to: string, count?: number): Promise<ReceivedMail>;
  /** While true, every message is refused with a temporary (451) error. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1 (a free port); no TLS, no authentication: loopback tests only. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusing) {
          const error = Object.assign(new Error('relay unavailable, try later'), {
            responseCode: 451,
          });
          return callback(error);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            const language = mail.headers.get('content-language');
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              language: typeof language === 'string' ? language : null,
              receivedAt: new Date(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  server.on('error', () => {});
  const messages = (to?: string) =>
    received.filter((m) => to === undefined || m.to.includes(to.toLowerCase()));
  return {
    port,
    host: '127.0.0.1',
    messages,
    async waitForMail(to, count = 1) {
      await waitFor(() => messages(to).length >= count, `a mail to ${to}`);
      return messages(to).at(-1) as ReceivedMail;
    },
    refuse(on) {
      refusing = on;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
