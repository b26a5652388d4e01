import { describe, expect, it } from 'vitest';
import { PATHS } from '../api/wire';
import { json } from './http';
import { createRouter, defineRoute, pathTemplate } from './router';

const route = (method: 'GET' | 'POST', path: string) =>
  defineRoute({ method, path, auth: 'none', body: null, handle: () => json({}) });

describe('router', () => {
  it('derives path templates from the wire path builders', () => {
    expect(pathTemplate(PATHS.account, 'identifier')).toBe('/v1/accounts/:identifier');
  });

  it('matches templates, decodes parameters and lists allowed methods', () => {
    const match = createRouter([route('GET', '/v1/a/:id'), route('POST', '/v1/a/:id')]);
    expect(match('GET', '/v1/a/%C3%A9t%C3%A9')).toMatchObject({
      kind: 'found',
      params: { id: 'été' },
    });
    expect(match('PUT', '/v1/a/x')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'POST'] });
    expect(match('GET', '/v1/a/')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/v1/a/x/y')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/v1/a/%ZZ')).toEqual({ kind: 'bad_path' });
  });

  it('refuses two routes with the same method and path', () => {
    expect(() => createRouter([route('GET', '/v1/x'), route('GET', '/v1/x')])).toThrow(/Duplicate/);
  });
});
