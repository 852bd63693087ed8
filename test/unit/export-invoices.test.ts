import { describe, expect, it } from 'vitest';
import type { Client } from '../../shared/domain/client.js';
import type { InvoiceView } from '../../shared/http/schemas/invoices.js';
import { makeExportInvoices } from '../../shared/app/aggregates/export-invoices.js';

const invoice = (over: Partial<InvoiceView>): InvoiceView =>
  ({
    id: 'inv-1', clientId: 'cli-1', number: 'EXT-001', issueDate: '2026-09-01', dueDate: '2026-10-01', currency: 'EUR',
    lines: [], totals: { netCents: 100000, vatCents: 20000, grossCents: 120000, vatBreakdown: [] },
    paidCents: 20000, creditedCents: 0, balanceCents: 100000, status: 'partially_paid', overdue: true, daysLate: 56,
    remindersPaused: false, disputed: false, imported: true, createdAt: '2026-11-26T06:55:30.987Z', updatedAt: '2026-11-26T06:55:30.987Z',
    ...over,
  }) as InvoiceView;

const client = { id: 'cli-1', name: 'Garage Durand', kind: 'business', email: 'g@d.test', siren: '552100554' } as Client;

const exportOf = async (items: InvoiceView[], clients: Record<string, Client>, timezone = 'Europe/Paris', language?: 'fr' | 'en') =>
  (await makeExportInvoices(async () => ({ items }), { get: async (_t: string, id: string) => clients[id] }, { get: async () => ({ timezone }) })('t1', { sort: 'dueDate' } as Parameters<ReturnType<typeof makeExportInvoices>>[1], language)).csv;

describe('invoice export (CSV for the accountant)', () => {
  it("names the client of an invoice whose row the aggregates consumer has not written yet (just imported or sent)", async () => {
    const csv = await exportOf([invoice({})], { 'cli-1': client });
    expect(csv.split('\r\n')[1]).toBe('EXT-001;Garage Durand;g@d.test;552100554;professionnel;01/09/2026;01/10/2026;1000,00;200,00;1200,00;200,00;0,00;1000,00;partiellement payée;56;;oui');
  });

  it("keeps the row's current client name when there is one", async () => {
    const csv = await exportOf([invoice({ clientName: 'Garage Durand & Fils' })], { 'cli-1': client });
    expect(csv.split('\r\n')[1]?.split(';')[1]).toBe('Garage Durand & Fils');
  });

  it("dates the last reminder in the tenant's time zone: 09:00 in Nouméa is 22:00 UTC the day before", async () => {
    const lastReminder = { at: '2026-11-26T22:00:00.115Z', templateId: 'reminder' };
    const dayOf = async (timezone: string) => (await exportOf([invoice({ lastReminder })], { 'cli-1': client }, timezone)).split('\r\n')[1]?.split(';')[15];
    expect(await dayOf('Pacific/Noumea')).toBe('27/11/2026');
    expect(await dayOf('Europe/Paris')).toBe('26/11/2026');
  });

  it('writes the same row in English with lang=en: `,`, decimal points, ISO dates, English words', async () => {
    const csv = await exportOf([invoice({ clientName: 'Durand, Fils & Co' })], { 'cli-1': client }, 'Europe/Paris', 'en');
    expect(csv.split('\r\n')[1]).toBe('EXT-001,"Durand, Fils & Co",g@d.test,552100554,business,2026-09-01,2026-10-01,1000.00,200.00,1200.00,200.00,0.00,1000.00,partially paid,56,,yes');
  });

  it('falls back to the name printed on the invoice when the client is gone', async () => {
    const issued = { client: { name: 'Ancien Client', kind: 'consumer', email: 'a@c.test' } } as unknown as InvoiceView['issued'];
    const csv = await exportOf([invoice({ issued })], {});
    expect(csv.split('\r\n')[1]?.split(';').slice(1, 5)).toEqual(['Ancien Client', 'a@c.test', '', 'particulier']);
  });
});
