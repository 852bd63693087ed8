import { describe, expect, it, vi } from 'vitest';

describe('the API’s messages kept out of the first screen', () => {
  it('read as the API wrote them until loaded, then in French', async () => {
    vi.resetModules();
    const { apiMessage, loadApiMessages } = await import('./api-message');
    expect(apiMessage('must be an IBAN', 'fr')).toBe('must be an IBAN');
    await loadApiMessages();
    expect(apiMessage('must be an IBAN', 'fr')).toBe('IBAN invalide');
  });

  it('are loaded before a refusal is thrown, so the screen says it in French at once', async () => {
    vi.resetModules();
    const { fakeApi } = await import('../test/fake-api');
    fakeApi(() => ({ status: 422, body: { type: 'https://relances.dev/problems/validation', status: 422, errors: [{ path: 'body.company.iban', message: 'must be an IBAN' }] } }));
    const { api, unwrap } = await import('./api-client');
    const error = await unwrap(api().GET('/settings')).catch((e: unknown) => e);
    expect((error as { fieldErrors(): Record<string, string> }).fieldErrors()).toEqual({ 'company.iban': 'IBAN invalide' });
  });
});
