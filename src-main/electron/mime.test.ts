import { describe, expect, it } from 'vitest';
import { mimeType } from './mime';

describe('mimeType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['/x/assets/index-1a2b.js', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.CSS', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['photo.JPG', 'image/jpeg'],
    ['font.woff2', 'font/woff2'],
    ['module.wasm', 'application/wasm'],
  ])('%s is %s', (file, type) => expect(mimeType(file)).toBe(type));

  it('serves unknown or missing extensions as opaque bytes', () => {
    expect(mimeType('archive.tar.zst')).toBe('application/octet-stream');
    expect(mimeType('LICENSE')).toBe('application/octet-stream');
  });
});
