import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src-main/ipc/contract';
import { fakeApi } from '../../testing/fake-api';
import { NOW, PROFILE, ok, refused, student } from '../../testing/students';
import { FindIdentifierFlow } from './find-identifier.svelte';

function flowWith(answer: () => Promise<Reply<'student.identify'>>) {
  const api = fakeApi({ 'student.identify': answer, 'journey.end': () => ok(null) });
  return { api, flow: new FindIdentifierFlow({ api, profile: PROFILE, now: NOW }) };
}

describe('FindIdentifierFlow', () => {
  it('never calls the API while the form is invalid, and says why per field', async () => {
    const { flow, api } = flowWith(() => ok(student()));
    flow.form.studentNumber = '1234';
    flow.form.birthDate = '31022001';
    expect(await flow.submitIdentity()).toBe('invalid');
    expect(api['student.identify']).not.toHaveBeenCalled();
    expect(flow.fieldError('studentNumber')?.reason).toBe('length');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_invalid');
  });

  it('refuses a birth date after today (clock injected)', async () => {
    const { flow } = flowWith(() => ok(student()));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '01012027';
    expect(await flow.submitIdentity()).toBe('invalid');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_future');
  });

  it('sends the normalised form, shows the result and forgets what was typed', async () => {
    const { flow, api } = flowWith(() => ok(student()));
    flow.form.studentNumber = ' 1234 5678 ';
    flow.form.birthDate = '14/03/2001';
    expect(await flow.submitIdentity()).toBe('identified');
    expect(api['student.identify']).toHaveBeenCalledWith({
      studentNumber: '12345678',
      birthDate: '14032001',
    });
    expect(flow.step).toBe('result');
    expect(flow.form).toEqual({ studentNumber: '', birthDate: '' });
    // The birth date stays in memory for the password rules only, as an ISO date.
    expect(flow.personalData()?.birthDate).toBe('2001-03-14');
  });

  it('keeps typed data on identification_failed', async () => {
    const { flow } = flowWith(() => refused({ code: 'identification_failed' }));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submitIdentity()).toBe('failed');
    expect(flow.error).toEqual({ code: 'identification_failed' });
    expect(flow.form).toEqual({ studentNumber: '12345678', birthDate: '14032001' });
  });

  it('shows field refusals sent back by main', async () => {
    const { flow } = flowWith(() =>
      refused({ code: 'invalid_input', fields: [{ field: 'birthDate', reason: 'date_format' }] }),
    );
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submitIdentity()).toBe('invalid');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_format');
    expect(flow.error).toBeNull();
  });

  it('turns a rejected call into an internal error instead of hanging', async () => {
    const { flow } = flowWith(() => Promise.reject(new Error('bridge gone')));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submitIdentity()).toBe('failed');
    expect(flow.error?.code).toBe('internal');
    expect(flow.busy).toBe(false);
  });

  it('ignores a second submit while the first is in flight', async () => {
    let release: (reply: Reply<'student.identify'>) => void = () => {};
    const { flow, api } = flowWith(() => new Promise((resolve) => (release = resolve)));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    const first = flow.submitIdentity();
    expect(flow.busy).toBe(true);
    expect(await flow.submitIdentity()).toBe('ignored');
    release({ ok: true, value: student() });
    expect(await first).toBe('identified');
    expect(api['student.identify']).toHaveBeenCalledTimes(1);
  });

  it('wipe empties everything and returns the journey main must end', async () => {
    const { flow } = flowWith(() => ok(student()));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    await flow.submitIdentity();
    expect(flow.wipe()).toBe('j-1');
    expect(flow.student).toBeNull();
    expect(flow.personalData()).toBeNull();
    expect(flow.step).toBe('identify');
  });

  it('drops an answer that arrives after the wipe, and ends the journey it opened', async () => {
    let release: (reply: Reply<'student.identify'>) => void = () => {};
    const { flow, api } = flowWith(() => new Promise((resolve) => (release = resolve)));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    const pending = flow.submitIdentity();
    expect(flow.wipe()).toBeNull();
    release({ ok: true, value: student({ journeyId: 'late' }) });
    expect(await pending).toBe('ignored');
    expect(flow.student).toBeNull();
    expect(api['journey.end']).toHaveBeenCalledWith({ journeyId: 'late' });
  });
});
