import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import type { Quote } from './api';
import { QuoteTimeline } from './components/quote-timeline';
import { EditQuoteForm } from './routes/edit-quote-screen';

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('quote screens', () => {
  it('shows the quote’s history with a label per event', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/quotes/q1/timeline')
        ? { status: 200, body: { items: [{ at: '2026-11-20T09:00:00.000Z', type: 'quote.created' }, { at: '2026-11-21T09:00:00.000Z', type: 'quote.sent' }, { at: '2026-11-22T09:00:00.000Z', type: 'quote.accepted' }] } }
        : undefined,
    );
    renderInApp(<QuoteTimeline quoteId="q1" />);
    const list = await screen.findByTestId('quote-timeline');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent?.replace(/^.*?\d{2}:\d{2}\s*/, ''))).toEqual(['Devis créé', 'Devis envoyé par e-mail', 'Devis accepté']);
  });

  it('edits a quote not yet sent: validity after the quote date, the patch in the API’s shape', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    const quote = { id: 'q1', status: 'pending', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [{ description: 'Pose cuisine', quantity: 1, unitPriceCents: 500_000, vatRate: 10 }] } as unknown as Quote;
    renderInApp(<EditQuoteForm quote={quote} onSubmit={onSubmit} />);
    const valid = screen.getByLabelText('Valable jusqu’au');
    await userEvent.clear(valid);
    await userEvent.type(valid, '2026-11-01');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le devis' }));
    await waitFor(() => expect(errorOf(valid)).toBe('La validité ne peut pas précéder la date du devis.'));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(valid);
    await userEvent.type(valid, '2027-01-20');
    await userEvent.type(screen.getByLabelText('Notes'), 'Hors électroménager');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le devis' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ issueDate: '2026-11-20', validUntil: '2027-01-20', lines: [{ description: 'Pose cuisine', quantity: 1, unitPriceCents: 500_000, vatRate: 10 }], notes: 'Hors électroménager' }),
    );
  });
});
