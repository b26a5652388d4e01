import { describe, expect, it } from 'vitest';
import { createIdempotencyStore, IDEMPOTENCY_TTL_MS } from './idempotency';
import { manualClock } from './test-helpers';

const request = (key: string | undefined, bodyText = '{}', deviceId = 'kiosk-a') => ({
  method: 'POST',
  route: 'POST /v1/things',
  path: '/v1/things',
  deviceId,
  key,
  bodyText,
});
const ok = (n: number) => ({ status: 200, body: { n } });

describe('idempotency store', () => {
  it('answers 409 while the first request with a key is still running', async () => {
    const store = createIdempotencyStore(manualClock('2026-11-25T10:00:00Z'));
    let finish: () => void = () => {};
    const first = store.run(
      request('key-0123456789ab'),
      () => new Promise((r) => (finish = () => r(ok(1)))),
    );
    const racing = await store.run(request('key-0123456789ab'), () => ok(2));
    expect(racing).toMatchObject({ status: 409, body: { code: 'idempotency_in_progress' } });
    finish();
    expect(await first).toEqual(ok(1));
    expect(await store.run(request('key-0123456789ab'), () => ok(3))).toMatchObject({
      ...ok(1),
      headers: { 'idempotent-replayed': 'true' },
    });
  });

  it('scopes keys per kiosk, forgets them after 24 hours, and ignores unkeyed requests', async () => {
    const clock = manualClock('2026-11-25T10:00:00Z');
    const store = createIdempotencyStore(clock);
    await store.run(request('key-0123456789ab'), () => ok(1));
    expect(await store.run(request('key-0123456789ab', '{}', 'kiosk-b'), () => ok(2))).toEqual(
      ok(2),
    );
    clock.advance(IDEMPOTENCY_TTL_MS + 1);
    expect(await store.run(request('key-0123456789ab'), () => ok(3))).toEqual(ok(3));
    expect(await store.run(request(undefined), () => ok(4))).toEqual(ok(4));
    expect(store.performed().map((w) => w.status)).toEqual([200, 200, 200]);
  });
});
