import { describe, expect, it } from 'vitest';
import { checkIdentifyForm, parseBirthDate } from './identity-input';

const rules = {
  studentNumberLength: 8,
  timeZone: 'Europe/Paris',
  now: new Date('2026-11-25T10:00:00Z'),
};

describe('parseBirthDate (jjmmaaaa)', () => {
  it.each([
    ['14032001', '2001-03-14'],
    ['14/03/2001', '2001-03-14'],
    ['14.03.2001', '2001-03-14'],
    [' 29 02 2004 ', '2004-02-29'],
  ])('reads %j as %s', (raw, iso) => {
    expect(parseBirthDate(raw, '2026-11-25')).toEqual({ ok: true, iso });
  });

  it.each([
    ['', 'required'],
    ['1403200', 'date_format'],
    ['2001-03-1', 'date_format'],
    ['14mars2001', 'date_format'],
    ['31022001', 'date_invalid'],
    ['29022001', 'date_invalid'],
    ['00012001', 'date_invalid'],
    ['14132001', 'date_invalid'],
    ['26112026', 'date_future'],
    ['01011899', 'date_too_old'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(parseBirthDate(raw, '2026-11-25')).toEqual({
      ok: false,
      error: { field: 'birthDate', reason },
    });
  });
});

describe('checkIdentifyForm', () => {
  it('normalises a valid form', () => {
    expect(
      checkIdentifyForm({ studentNumber: ' 2190 1234 ', birthDate: '14/03/2001' }, rules),
    ).toEqual({
      ok: true,
      value: { studentNumber: '21901234', birthDate: '2001-03-14' },
    });
  });

  it('reports every refused field at once', () => {
    const result = checkIdentifyForm({ studentNumber: '', birthDate: '' }, rules);
    expect(result).toEqual({
      ok: false,
      error: [
        { field: 'studentNumber', reason: 'required' },
        { field: 'birthDate', reason: 'required' },
      ],
    });
  });

  it.each([
    ['2190123A', 'digits_only'],
    ['2190123', 'length'],
    ['219012345', 'length'],
  ])('refuses student number %j with %s', (studentNumber, reason) => {
    const result = checkIdentifyForm({ studentNumber, birthDate: '14032001' }, rules);
    expect(result).toEqual({ ok: false, error: [{ field: 'studentNumber', reason }] });
  });

  it('judges "the future" in the institution time zone', () => {
    // 23:30 UTC on 25 November is already 26 November in Paris.
    const late = { ...rules, now: new Date('2026-11-25T23:30:00Z') };
    expect(checkIdentifyForm({ studentNumber: '21901234', birthDate: '26112026' }, late).ok).toBe(
      true,
    );
  });
});
