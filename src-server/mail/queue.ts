/**
 * Outgoing mail: queued in PostgreSQL in the transaction of the change that sends it, delivered
 * after commit through the university's SMTP relay (nodemailer), retried with backoff while the
 * relay is down or refuses. Any instance may deliver; a row is claimed for a while so that two
 * instances never send it twice. A delivered message's body (it carries a one-time code) is
 * erased; the row stays as the record that it was sent.
 */
import nodemailer from 'nodemailer';
import type { Pool } from '../postgres/database';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  language: 'fr' | 'en';
}

/** Anything that runs a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Queues `mail`; pass the transaction's client so that it is sent only if the change commits. */
export async function enqueueMail(db: Queryable, mail: OutgoingMail): Promise<void> {
  await db.query(
    'INSERT INTO mail_queue (recipient, subject, body, language) VALUES ($1, $2, $3, $4)',
    [mail.to, mail.subject, mail.text, mail.language],
  );
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the relay offers it. */
  secure: boolean;
  /** Refuse to send without TLS (production). */
  requireTls: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

export interface MailSender {
  /** Sends what is due now; returns how many were delivered. */
  deliverDue(): Promise<number>;
  /** Delivers due mail every `intervalMs` until `stop`. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/** The wait before attempt n+1: 5 s, 10 s, 20 s … up to 15 minutes. */
export function backoffSeconds(attempts: number, baseSeconds = 5): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 900);
}

interface QueuedRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  language: string;
  attempts: number;
}

/** Creates the sender; `baseBackoffSeconds` is lower in tests. */
export function createMailSender(
  pool: Pool,
  smtp: SmtpSettings,
  options: { baseBackoffSeconds?: number; batch?: number } = {},
): MailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ignoreTLS: !smtp.secure && !smtp.requireTls,
    auth: smtp.auth,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const base = options.baseBackoffSeconds ?? 5;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  /**
   * Claims the next due message. One at a time: a claim (60 s) covers one send (at most 30 s:
   * connection and socket limits), so another instance never takes over a message still being
   * sent, which a claim on a whole batch could not promise.
   */
  async function claimNext(): Promise<QueuedRow | null> {
    const { rows } = await pool.query<QueuedRow>(
      `UPDATE mail_queue SET claimed_until = now() + interval '60 seconds'
       WHERE id = (
         SELECT id FROM mail_queue
         WHERE sent_at IS NULL AND next_attempt_at <= now()
           AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, body, language, attempts`,
    );
    return rows[0] ?? null;
  }

  async function deliverDue(): Promise<number> {
    let delivered = 0;
    for (let i = 0; i < (options.batch ?? 20); i += 1) {
      const row = await claimNext();
      if (!row) break;
      try {
        await transport.sendMail({
          from: smtp.from,
          to: row.recipient,
          subject: row.subject,
          text: row.body,
          headers: { 'Content-Language': row.language },
        });
      } catch (error) {
        // The relay's answer, never the message: it holds a code.
        const reason = String(
          (error as { response?: string }).response ?? (error as Error).message,
        );
        await pool.query(
          `UPDATE mail_queue SET attempts = attempts + 1, claimed_until = NULL, last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
          [row.id, reason.slice(0, 200), backoffSeconds(row.attempts + 1, base)],
        );
        continue;
      }
      // Sent: recorded apart from the send, so that a failure here never schedules it again.
      await pool.query(
        `UPDATE mail_queue SET sent_at = now(), body = '', claimed_until = NULL,
           attempts = attempts + 1, last_error = NULL WHERE id = $1`,
        [row.id],
      );
      delivered += 1;
    }
    return delivered;
  }

  /** One delivery round at a time: a call during a round shares it. */
  function deliverOnce(): Promise<number> {
    running ??= deliverDue().finally(() => (running = null));
    return running;
  }

  return {
    deliverDue: deliverOnce,
    start(intervalMs) {
      if (timer) return;
      // A failed round (database away) is retried at the next tick.
      timer = setInterval(() => void deliverOnce().catch(() => 0), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => 0);
      transport.close();
    },
  };
}
