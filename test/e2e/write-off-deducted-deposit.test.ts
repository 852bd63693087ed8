/**
 * A deposit the final invoice deducts can still be written off (issue 13 §3: what the client never paid of it is a loss,
 * its VAT recovered), unlike an ordinary credit note on it. The job's `remainingCents` went on counting that written-off
 * part: a job whose documents claimed 9 380,00 € (the final invoice) said 12 400,00 € remained, and 3 020,00 € once
 * everything was paid or written off. It now equals what the job's documents still claim. Over HTTP on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const today = parisToday();

describe('writing off a deposit the final invoice deducts', () => {
  it('takes what was written off out of what remains on the job', async () => {
    const t = await freshTenant('wodeposit');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('wodeposit') }));
    const quote = await t.ok('POST', '/quotes', {
      clientId: client.id,
      issueDate: today,
      lines: [
        { description: 'Chantier', quantity: 1, unitPriceCents: 1_000_000, vatRate: 10 },
        { description: 'Matériel', quantity: 1, unitPriceCents: 200_000, vatRate: 20 },
      ],
    }); // 1 340 000 TTC
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 }); // 402 000
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 100_000, date: today, method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    const sent = await t.ok('POST', `/invoices/${final.id}/send`);
    expect(sent).toMatchObject({ deductedCents: 402_000, balanceCents: 938_000 });

    const claimed = async () => {
      const { job } = await t.ok('GET', `/quotes/${quote.id}`);
      return { remaining: job.remainingCents as number, documents: (job.documents as { balanceCents: number }[]).reduce((s, d) => s + d.balanceCents, 0) };
    };
    expect(await claimed()).toEqual({ remaining: 1_240_000, documents: 1_240_000 });

    // The client never pays the rest of the deposit: in litigation, then written off (its VAT recovered).
    await t.ok('POST', `/invoices/${deposit.id}/litigation`, {});
    const { creditNote } = await t.ok('POST', `/invoices/${deposit.id}/write-off`, { reason: 'Liquidation judiciaire' });
    expect(creditNote).toMatchObject({ purpose: 'bad_debt', grossCents: 302_000 });
    expect(await claimed()).toEqual({ remaining: 938_000, documents: 938_000 });

    // Then the final invoice too: nothing remains on the job.
    await t.ok('POST', `/invoices/${final.id}/litigation`, {});
    await t.ok('POST', `/invoices/${final.id}/write-off`, { reason: 'Liquidation judiciaire' });
    expect(await claimed()).toEqual({ remaining: 0, documents: 0 });
  });
});
