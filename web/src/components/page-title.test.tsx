import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageHeader, useDocumentTitle } from './ui';

const Titled = ({ title }: { title: string }) => {
  useDocumentTitle(title, { withApp: false });
  return null;
};

describe('the browser tab’s title (WCAG 2.4.2: each screen titled)', () => {
  it('names the screen a page header shows, then the app again once it is gone', () => {
    const screen = render(<PageHeader title="Facture F-2026-0001" />);
    expect(document.title).toBe('Facture F-2026-0001 · Relances');
    screen.rerender(<PageHeader title="Clients" />);
    expect(document.title).toBe('Clients · Relances');
    screen.unmount();
    expect(document.title).toBe('Relances');
  });

  it('lets a screen without a page header title itself: the client’s portal by its invoice and seller, without the app’s name', () => {
    const screen = render(<Titled title="Facture F-2026-0042 — Plomberie Martin" />);
    expect(document.title).toBe('Facture F-2026-0042 — Plomberie Martin');
    screen.unmount();
    expect(document.title).toBe('Relances');
  });
});
