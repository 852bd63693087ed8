import { describe, expect, it } from 'vitest';
import { makeCancelInvoice } from '../../shared/app/credit-notes.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { anInvoiceRecord } from '../fixtures/fakes.js';
import { quoteWorld } from '../fixtures/more-fakes.js';

const setup = (invoice: InvoiceRecord) => {
  const world = quoteWorld('2026-03-05T10:00:00.000Z');
  world.invoices.add(invoice);
  return { ...world, cancel: makeCancelInvoice(world) };
};
const types = (w: ReturnType<typeof setup>) => w.invoices.events.get('acme|inv1')?.map((e) => e.type);

describe('cancelling an invoice', () => {
  it('issues a credit note for the balance of an issued invoice, with the reason, and ends cancelled', async () => {
    const w = setup(anInvoiceRecord());
    const view = await w.cancel('acme', 'inv1', { reason: 'Chantier annulé par le client' });
    expect(view).toMatchObject({ status: 'cancelled', balanceCents: 0, creditedCents: 120_000, number: 'F-2026-0001' });
    const [note] = await w.invoices.creditNotes('acme', 'inv1');
    expect(note).toMatchObject({ number: 'A-2026-0001', grossCents: 120_000, reason: 'Chantier annulé par le client', full: true });
    expect(types(w)).toEqual(['credit_note.issued', 'invoice.cancelled', 'invoice.status_changed']);
    expect(w.mailer.sent.map((m) => m.subject)).toEqual(['Avoir A-2026-0001 sur la facture F-2026-0001']);
  });

  it('credits only what is left of a partially paid invoice and still ends cancelled (not paid)', async () => {
    const w = setup(anInvoiceRecord({ paidCents: 20_000, status: 'partially_paid' }));
    const view = await w.cancel('acme', 'inv1', { reason: 'Travaux non réalisés' });
    expect(view).toMatchObject({ status: 'cancelled', paidCents: 20_000, creditedCents: 100_000, balanceCents: 0 });
    expect((await w.invoices.creditNotes('acme', 'inv1'))[0]).toMatchObject({ grossCents: 100_000, full: false });
    expect((await w.invoices.get('acme', 'inv1'))!.status).toBe('cancelled');
  });

  it('needs a reason for an issued invoice (422 on body.reason), and changes nothing without one', async () => {
    const w = setup(anInvoiceRecord());
    await expect(w.cancel('acme', 'inv1', {})).rejects.toMatchObject({ status: 422, errors: [{ path: 'body.reason' }] });
    expect((await w.invoices.get('acme', 'inv1'))!.status).toBe('sent');
    expect(await w.invoices.creditNotes('acme', 'inv1')).toEqual([]);
  });

  it('voids a draft: no number, no credit note, no email', async () => {
    const w = setup(anInvoiceRecord({ status: 'draft', number: undefined, sentAt: undefined, version: 1 }));
    const view = await w.cancel('acme', 'inv1', {});
    expect(view).toMatchObject({ status: 'cancelled', creditedCents: 0 });
    expect(view.number).toBeUndefined();
    expect(await w.invoices.creditNotes('acme', 'inv1')).toEqual([]);
    expect(w.mailer.sent).toEqual([]);
    expect(types(w)).toEqual(['invoice.voided', 'invoice.status_changed']);
  });

  it('refuses a paid or already cancelled invoice', async () => {
    await expect(setup(anInvoiceRecord({ paidCents: 120_000, status: 'paid' })).cancel('acme', 'inv1', { reason: 'x' })).rejects.toMatchObject({ status: 422 });
    await expect(setup(anInvoiceRecord({ status: 'cancelled' })).cancel('acme', 'inv1', { reason: 'x' })).rejects.toMatchObject({
      status: 422,
      type: 'https://relances.dev/problems/already-cancelled',
    });
  });
});
