import { describe, expect, it } from 'vitest';
import { nextField, suggestionEdit, type Edit } from './editing';

const apply = (value: string, edit: Edit) =>
  value.slice(0, edit.from) + edit.text + value.slice(edit.to);

describe('domain keys', () => {
  it('add the domain at the caret of an address without one', () => {
    expect(apply('jean.dupont', suggestionEdit('jean.dupont', 11, 11, '@gmail.com'))).toBe(
      'jean.dupont@gmail.com',
    );
  });

  it('complete a domain already begun, never adding a second "@"', () => {
    expect(apply('jean@gm', suggestionEdit('jean@gm', 7, 7, '@outlook.fr'))).toBe(
      'jean@outlook.fr',
    );
    expect(apply('jean@', suggestionEdit('jean@', 5, 5, '@gmail.com'))).toBe('jean@gmail.com');
  });

  it('end an address with ".fr" without doubling a dot just typed', () => {
    expect(apply('jean@free', suggestionEdit('jean@free', 9, 9, '.fr'))).toBe('jean@free.fr');
    expect(apply('jean@free.', suggestionEdit('jean@free.', 10, 10, '.fr'))).toBe('jean@free.fr');
  });
});

describe('"Valider"', () => {
  it('moves on to the next field, and submits only from the last', () => {
    const fields = ['identifier', 'current', 'new', 'confirm'];
    expect(nextField(fields, 'identifier')).toBe('current');
    expect(nextField(fields, 'new')).toBe('confirm');
    expect(nextField(fields, 'confirm')).toBeNull();
    expect(nextField(fields, 'elsewhere')).toBeNull();
  });
});
