import { describe, expect, it } from 'vitest';
import { isKioskEscapeShortcut, type KeyInput } from './shortcuts';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('isKioskEscapeShortcut', () => {
  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['F11', key('F11')],
    ['F7 (caret browsing)', key('F7')],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['Ctrl++', key('+', { control: true, shift: true })],
    ['Ctrl+-', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
  ])('blocks %s', (_name, input) => expect(isKioskEscapeShortcut(input)).toBe(true));

  it.each([
    ['a letter', key('a')],
    ['a digit', key('7')],
    ['Shift+R', key('R', { shift: true })],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Backspace', key('Backspace')],
    ['Left arrow', key('ArrowLeft')],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+X', key('x', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Ctrl+Left (word jump)', key('ArrowLeft', { control: true })],
    ['AltGr+0 (@ on AZERTY)', key('@', { control: true, alt: true })],
  ])('lets %s through', (_name, input) => expect(isKioskEscapeShortcut(input)).toBe(false));
});
