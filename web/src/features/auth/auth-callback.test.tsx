import { render, screen } from '@testing-library/react';
import { User } from 'oidc-client-ts';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initAuth } from '../../lib/auth';
import { AuthCallback } from './auth-callback';

const authority = 'http://issuer.test/local';
const clientId = 'relances-local';

const Where = () => <p data-testid="where">{useLocation().pathname}</p>;

// The sign-in page reached again with the back button and sent once more: the code comes back
// with a state this browser already used (oidc-client-ts: "No matching state found in storage").
const renderStaleCallback = () =>
  render(
    <MemoryRouter initialEntries={['/auth/callback?code=abc&state=used-already']}>
      <Routes>
        <Route path="/auth/callback" element={<AuthCallback />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );

describe('the sign-in callback reached a second time (back button after signing in)', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    window.history.replaceState(null, '', '/auth/callback?code=abc&state=used-already');
    initAuth({ apiUrl: 'http://api.test', authority, clientId });
  });
  afterEach(() => localStorage.clear());

  it('signed in already: goes on to the app instead of an error', async () => {
    const user = new User({
      id_token: 'id',
      access_token: 'access',
      token_type: 'Bearer',
      profile: { sub: 'u1', iss: authority, aud: clientId, exp: Math.floor(Date.now() / 1000) + 3600, iat: Math.floor(Date.now() / 1000) },
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    });
    localStorage.setItem(`oidc.user:${authority}:${clientId}`, user.toStorageString());
    renderStaleCallback();
    expect((await screen.findByTestId('where')).textContent).toBe('/');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('signed out: says so in French with the way back in, never the library’s English', async () => {
    renderStaleCallback();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('La connexion a échoué.');
    // The page's level-one heading, as on every screen (it was a paragraph: axe's page-has-heading-one).
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('La connexion a échoué.');
    expect(alert.textContent).toContain('Cette page de connexion a expiré ou a déjà servi. Reconnectez-vous.');
    expect(alert.textContent).not.toMatch(/state|storage/i);
    expect(screen.getByRole('button', { name: 'Se reconnecter' })).toBeTruthy();
  });
});
