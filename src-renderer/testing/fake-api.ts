/** For unit tests: a KioskApi whose channels answer what the test says, and record their calls. */
import { vi, type Mock } from 'vitest';
import { CHANNELS, type Channel } from '../../src-main/ipc/channels';
import type { KioskApi } from '../../src-main/ipc/contract';

export type FakeApi = { [C in Channel]: Mock<KioskApi[C]> };

/** Channels not given reject, so a test notices a call it did not expect. */
export function fakeApi(answers: Partial<KioskApi> = {}): FakeApi {
  const entries = CHANNELS.map((channel) => {
    const answer = answers[channel] ?? (() => Promise.reject(new Error(`${channel} not expected`)));
    return [channel, vi.fn(answer)];
  });
  return Object.fromEntries(entries) as FakeApi;
}
