/**
 * Where the suite reads the codes the target mails (activation, password reset): any source
 * that can count a recipient's messages and give the code of the newest one.
 */
import { codeInMail } from '../mail/code-mail';

export interface Mailbox {
  /** How many messages `to` has received so far. */
  count(to: string): Promise<number>;
  /** The code of the message after the first `seen` ones, once it has arrived. */
  codeAfter(to: string, seen: number): Promise<string>;
}

interface MailboxMessage {
  code?: unknown;
  text?: unknown;
}

/** The code of one message: its `code` field (simulator), else the code line of its text. */
export function codeOf(message: MailboxMessage): string | null {
  if (typeof message.code === 'string') return message.code;
  if (typeof message.text !== 'string') return null;
  return codeInMail(message.text) ?? /\b(\d{8})\b/.exec(message.text)?.[1] ?? null;
}

/** Polls `read` until it gives a value or `timeoutMs` passes (the mail goes out after commit). */
export async function waitForValue<T>(
  read: () => Promise<T | null>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** A mailbox from a list of a recipient's messages, oldest first. */
export function mailboxOver(list: (to: string) => Promise<MailboxMessage[]>): Mailbox {
  return {
    count: async (to) => (await list(to)).length,
    codeAfter: (to, seen) =>
      waitForValue(async () => {
        const messages = await list(to);
        if (messages.length <= seen) return null;
        const code = codeOf(messages[messages.length - 1]!);
        if (code === null) throw new Error('the newest message carries no 8-digit code');
        return code;
      }, 'the mailed code'),
  };
}

/** GET `url?to=ADDRESS` → `{"messages":[…]}`: the simulator's and `npm run stack`'s mailbox. */
export function httpMailbox(url: string): Mailbox {
  return mailboxOver(async (to) => {
    const target = new URL(url);
    target.searchParams.set('to', to);
    const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the mailbox answered ${response.status}`);
    const body = (await response.json()) as { messages?: MailboxMessage[] };
    return body.messages ?? [];
  });
}
