import { describe, expect, it } from 'vitest';
import { adminUrl } from './admin-url.js';

describe('adminUrl', () => {
  it('joins the base URL, its path and the resource', () => {
    expect(adminUrl('https://sso.example.com', 'insights/clients/abc').href).toBe('https://sso.example.com/admin/realms/insights/clients/abc');
    expect(adminUrl('https://sso.example.com/', 'r/clients/x').href).toBe('https://sso.example.com/admin/realms/r/clients/x');
    expect(adminUrl('http://127.0.0.1:8080/auth//', 'r/clients/x').href).toBe('http://127.0.0.1:8080/auth/admin/realms/r/clients/x');
  });

  it('keeps encoded parts encoded', () => {
    expect(adminUrl('https://k', `${encodeURIComponent('a b')}/clients/${encodeURIComponent('x/y')}`).pathname).toBe('/admin/realms/a%20b/clients/x%2Fy');
  });
});
