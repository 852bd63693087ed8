import { describe, expect, it } from 'vitest';
import { makeCancelInvoice } from '../../shared/app/credit-notes.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { anInvoiceRecord } from '../fixtures/fakes.js';
import { VersionedInvoiceRepository } from '../fixtures/money-fakes.js';
import { quoteWorld } from '../fixtures/more-fakes.js';
import { makeRecordPayment } from '../../shared/app/payments.js';

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
    expect(types(w)).toEqual(['credit_note.issued', 'invoice.cancelled', 'invoice.status_changed', 'credit_note.sent']);
    expect(w.mailer.sent.map((m) => m.subject)).toEqual(['Avoir A-2026-0001 sur la facture F-2026-0001']);
    // The answer says which credit note cancelled it and that its email left, as POST …/credit-notes does.
    expect(view).toMatchObject({ emailStatus: 'sent', creditNote: { number: 'A-2026-0001', emailStatus: 'sent' } });
  });

  it('says emailStatus failed when SES refuses the credit note’s email', async () => {
    const world = quoteWorld('2026-03-05T10:00:00.000Z');
    world.invoices.add(anInvoiceRecord());
    const cancel = makeCancelInvoice({ ...world, mailer: { send: async () => Promise.reject(new Error('SES down')) } });
    const view = await cancel('acme', 'inv1', { reason: 'Chantier annulé' });
    expect(view).toMatchObject({ status: 'cancelled', emailStatus: 'failed', creditNote: { number: 'A-2026-0001', emailStatus: 'failed' } });
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
    expect(view).not.toHaveProperty('emailStatus');
    expect(view).not.toHaveProperty('creditNote');
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

describe('cancelling while the invoice changes', () => {
  const versioned = (invoice: InvoiceRecord) => {
    const world = quoteWorld('2026-03-05T10:00:00.000Z');
    const invoices = new VersionedInvoiceRepository().add(invoice);
    const retry = { attempts: 10, baseDelayMs: 1, maxDelayMs: 5 };
    const deps = { ...world, invoices, retry };
    return { ...deps, cancel: makeCancelInvoice(deps), pay: makeRecordPayment(deps) };
  };

  it('retries a version conflict and issues exactly one credit note', async () => {
    const w = versioned(anInvoiceRecord());
    w.invoices.conflicts = 2;
    expect(await w.cancel('acme', 'inv1', { reason: 'Annulé' })).toMatchObject({ status: 'cancelled', balanceCents: 0 });
    expect(await w.invoices.creditNotes('acme', 'inv1')).toHaveLength(1);
  });

  it('racing a payment, credits exactly what the payment left (or refuses the payment): the balance ends at 0', async () => {
    const w = versioned(anInvoiceRecord());
    const [paid, cancelled] = await Promise.allSettled([w.pay('acme', 'inv1', { amountCents: 30_000, date: '2026-03-04', method: 'transfer' }), w.cancel('acme', 'inv1', { reason: 'Annulé' })]);
    expect(cancelled.status).toBe('fulfilled');
    const invoice = (await w.invoices.get('acme', 'inv1'))!;
    const [note] = await w.invoices.creditNotes('acme', 'inv1');
    expect(invoice.status).toBe('cancelled');
    expect(invoice.paidCents + note!.grossCents).toBe(120_000);
    expect(invoice.paidCents).toBe(paid.status === 'fulfilled' ? 30_000 : 0);
  });
});
