import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../src-main/core/result';
import type { IdentifiedStudent } from '../../src-main/core/student';
import type { KioskApi, Reply } from '../../src-main/ipc/contract';
import { KioskFlow } from './flow.svelte';

const student: IdentifiedStudent = {
  identifier: 'cmartin',
  firstName: 'Camille',
  lastName: 'Martin',
  accountStatus: 'active',
  enrollments: [{ academicYear: '2026-2027', program: 'Licence Informatique', validatedAt: '' }],
  academicYear: '2026-2027',
  source: 'online',
};

const profile = { studentNumber: { length: 8 }, timeZone: 'Europe/Paris' };
const now = () => new Date('2026-11-25T10:00:00Z');

/** A stand-in for main: records the calls and answers what the test says. */
function fakeApi(answer: () => Promise<Reply<'student.identify'>>) {
  const identify = vi.fn(answer);
  const api: KioskApi = {
    'kiosk.info': () => Promise.reject(new Error('not used')),
    'student.identify': identify,
  };
  return { api, identify };
}

const fails = (error: AppError) => async () => ({ ok: false as const, error });

function atIdentify(answer: () => Promise<Reply<'student.identify'>>) {
  const { api, identify } = fakeApi(answer);
  const flow = new KioskFlow({ api, profile, now });
  flow.findIdentifier();
  return { flow, identify };
}

describe('KioskFlow', () => {
  it('starts at home and goes to identification', () => {
    const { api } = fakeApi(async () => ({ ok: true, value: student }));
    const flow = new KioskFlow({ api, profile, now });
    expect(flow.screen).toBe('home');
    flow.findIdentifier();
    expect(flow.screen).toBe('identify');
  });

  it('never calls the API while the form is invalid, and says why per field', async () => {
    const { flow, identify } = atIdentify(async () => ({ ok: true, value: student }));
    flow.form.studentNumber = '1234';
    flow.form.birthDate = '31022001';
    expect(await flow.submit()).toBe('invalid');
    expect(identify).not.toHaveBeenCalled();
    expect(flow.fieldError('studentNumber')?.reason).toBe('length');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_invalid');
    expect(flow.screen).toBe('identify');
  });

  it('refuses a birth date after today (clock injected)', async () => {
    const { flow, identify } = atIdentify(async () => ({ ok: true, value: student }));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '01012027';
    expect(await flow.submit()).toBe('invalid');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_future');
    expect(identify).not.toHaveBeenCalled();
  });

  it('sends the normalised form and shows the result, forgetting what was typed', async () => {
    const { flow, identify } = atIdentify(async () => ({ ok: true, value: student }));
    flow.form.studentNumber = ' 1234 5678 ';
    flow.form.birthDate = '14/03/2001';
    expect(await flow.submit()).toBe('identified');
    expect(identify).toHaveBeenCalledWith({ studentNumber: '12345678', birthDate: '14032001' });
    expect(flow.screen).toBe('result');
    expect(flow.student).toEqual(student);
    expect(flow.form).toEqual({ studentNumber: '', birthDate: '' });
  });

  it('keeps typed data on identification_failed and shows one error', async () => {
    const { flow } = atIdentify(fails({ code: 'identification_failed' }));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submit()).toBe('failed');
    expect(flow.screen).toBe('identify');
    expect(flow.error).toEqual({ code: 'identification_failed' });
    expect(flow.fieldErrors).toEqual([]);
    expect(flow.form).toEqual({ studentNumber: '12345678', birthDate: '14032001' });
  });

  it('shows field refusals sent back by main', async () => {
    const { flow } = atIdentify(
      fails({ code: 'invalid_input', fields: [{ field: 'birthDate', reason: 'date_format' }] }),
    );
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submit()).toBe('invalid');
    expect(flow.fieldError('birthDate')?.reason).toBe('date_format');
    expect(flow.error).toBeNull();
  });

  it('turns a rejected call into an internal error instead of hanging', async () => {
    const { flow } = atIdentify(() => Promise.reject(new Error('bridge gone')));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    expect(await flow.submit()).toBe('failed');
    expect(flow.error?.code).toBe('internal');
    expect(flow.busy).toBe(false);
  });

  it('clears a field error and the server error once the student edits', async () => {
    const { flow } = atIdentify(fails({ code: 'network' }));
    flow.form.studentNumber = '';
    flow.form.birthDate = '14032001';
    await flow.submit();
    expect(flow.fieldError('studentNumber')).not.toBeNull();
    flow.edited('studentNumber');
    expect(flow.fieldError('studentNumber')).toBeNull();
    flow.form.studentNumber = '12345678';
    await flow.submit();
    expect(flow.error?.code).toBe('network');
    flow.edited('birthDate');
    expect(flow.error).toBeNull();
  });

  it('ignores a second submit while the first is in flight', async () => {
    let release: (reply: Reply<'student.identify'>) => void = () => {};
    const { flow, identify } = atIdentify(() => new Promise((resolve) => (release = resolve)));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    const first = flow.submit();
    expect(flow.busy).toBe(true);
    expect(await flow.submit()).toBe('ignored');
    release({ ok: true, value: student });
    expect(await first).toBe('identified');
    expect(identify).toHaveBeenCalledTimes(1);
  });

  it('reset wipes every field, error and the student', async () => {
    const { flow } = atIdentify(async () => ({ ok: true, value: student }));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    await flow.submit();
    flow.reset();
    expect(flow.screen).toBe('home');
    expect(flow.student).toBeNull();
    expect(flow.form).toEqual({ studentNumber: '', birthDate: '' });
    expect(flow.fieldErrors).toEqual([]);
    expect(flow.error).toBeNull();
    expect(flow.busy).toBe(false);
    expect(flow.upcoming).toBeNull();
  });

  it('drops an answer that arrives after the student left', async () => {
    let release: (reply: Reply<'student.identify'>) => void = () => {};
    const { flow } = atIdentify(() => new Promise((resolve) => (release = resolve)));
    flow.form.studentNumber = '12345678';
    flow.form.birthDate = '14032001';
    const pending = flow.submit();
    flow.reset();
    release({ ok: true, value: student });
    expect(await pending).toBe('ignored');
    expect(flow.screen).toBe('home');
    expect(flow.student).toBeNull();
  });

  it('shows upcoming journeys on their own screen, with a way back', () => {
    const { api } = fakeApi(async () => ({ ok: true, value: student }));
    const flow = new KioskFlow({ api, profile, now });
    flow.showUpcoming('password');
    expect(flow.screen).toBe('soon');
    expect(flow.upcoming).toBe('password');
    flow.reset();
    expect(flow.screen).toBe('home');
  });
});
