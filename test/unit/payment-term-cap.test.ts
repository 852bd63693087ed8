import { describe, expect, it } from 'vitest';
import { makeCreateInvoice, makeUpdateInvoice } from '../../shared/app/invoices.js';
import { latestB2BDueDate } from '../../shared/domain/invoice.js';
import { aClient } from '../fixtures/fakes.js';
import { quoteWorld } from '../fixtures/more-fakes.js';

const line = { description: 'Pose', quantity: 1, unitPriceCents: 10_000, vatRate: 20 as const };

describe('the legal maximum payment term of a business client (C. com. L441-10 I)', () => {
  it('is 60 days from the invoice date, or 45 days end of month counted either way the DGCCRF accepts, whichever is later', () => {
    expect(latestB2BDueDate('2026-01-10')).toBe('2026-03-17'); // 31/01 + 45 beats 10/01 + 60 (11/03) and end of (10/01 + 45 = 24/02)
    expect(latestB2BDueDate('2026-01-20')).toBe('2026-03-31'); // end of (20/01 + 45 = 06/03) beats 20/01 + 60 (21/03) and 31/01 + 45 (17/03)
    expect(latestB2BDueDate('2026-06-25')).toBe('2026-08-31'); // end of (25/06 + 45 = 09/08) beats 30/06 + 45 (14/08) and 25/06 + 60 (24/08)
    expect(latestB2BDueDate('2026-01-31')).toBe('2026-04-01'); // 31/01 + 60 beats 31/01 + 45
    expect(latestB2BDueDate('2028-02-10')).toBe('2028-04-14'); // leap year: 29/02 + 45
  });

  it('refuses a business invoice due past it, naming dueDate and the latest date, and writes nothing', async () => {
    const w = quoteWorld();
    const error = await makeCreateInvoice(w)('acme', { clientId: 'c1', issueDate: '2026-01-10', dueDate: '2026-03-18', lines: [line], currency: 'EUR' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, type: 'https://relances.dev/problems/payment-term-too-long', errors: [{ path: 'body.dueDate' }] });
    expect((error as { errors: { message: string }[] }).errors[0]!.message).toContain('2026-03-17');
    expect((await w.invoices.list('acme', { today: '2026-03-05', descending: false }, { limit: 10 })).items).toHaveLength(0);
    const ok = await makeCreateInvoice(w)('acme', { clientId: 'c1', issueDate: '2026-01-10', dueDate: '2026-03-17', lines: [line], currency: 'EUR' });
    expect(ok.dueDate).toBe('2026-03-17');
  });

  it('leaves a consumer free (no legal cap), and a draft whose issue date moves is checked again', async () => {
    const w = quoteWorld();
    await w.clients.create('acme', aClient({ id: 'c2', kind: 'consumer', name: 'Mme Durand' }));
    const consumer = await makeCreateInvoice(w)('acme', { clientId: 'c2', issueDate: '2026-01-10', dueDate: '2026-06-30', lines: [line], currency: 'EUR' });
    expect(consumer.dueDate).toBe('2026-06-30');
    const b2b = await makeCreateInvoice(w)('acme', { clientId: 'c1', issueDate: '2026-02-20', dueDate: '2026-04-20', lines: [line], currency: 'EUR' });
    const error = await makeUpdateInvoice(w)('acme', b2b.id, { issueDate: '2026-01-05' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, errors: [{ path: 'body.dueDate' }] });
    expect((await w.invoices.get('acme', b2b.id))!.issueDate).toBe('2026-02-20');
  });
});
