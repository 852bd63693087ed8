import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoStepRepository } from '../../shared/adapters/dynamo/dynamo-step-repository.js';
import { ConflictError } from '../../shared/app/errors.js';
import type { InvoiceRecord } from '../../shared/domain/invoice-types.js';
import { OutOfChronologyError } from '../../shared/domain/numbering.js';
import { anInvoiceRecord } from '../fixtures/fakes.js';
import { freshTenant, localTable } from './dynamo-table.js';

/** The invoice repository's writes against DynamoDB Local (its list is covered by invoice-list.test.ts). */
const { db, tableName } = localTable();
const invoices = new DynamoInvoiceLedger(db, tableName);
const at = '2026-03-02T09:00:00.000Z';

const aStoredInvoice = async (overrides: Partial<InvoiceRecord> = {}) => {
  const invoice = anInvoiceRecord({ tenantId: freshTenant('invoices'), id: ulid(), number: undefined, status: 'draft', version: 1, ...overrides });
  await invoices.create(invoice, { at, type: 'invoice.created' });
  return invoice;
};

describe('DynamoInvoiceRepository (DynamoInvoiceLedger, its subclass with the numbered writes and the timeline) against DynamoDB Local', () => {
  it('refuses a second create of the same id', async () => {
    const invoice = await aStoredInvoice();
    await expect(invoices.create(invoice, { at, type: 'invoice.created' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('saves with its payment and events in one transaction, and a stale save writes none of them', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001' });
    const payment = { id: ulid(), invoiceId: invoice.id, amountCents: 1_000, date: '2026-03-02', method: 'card', createdAt: at };
    await invoices.save({ ...invoice, paidCents: 1_000, status: 'partially_paid', version: 1 }, { addPayment: payment, events: [{ at, type: 'payment.recorded' }] });
    const stale = { id: ulid(), invoiceId: invoice.id, amountCents: 500, date: '2026-03-02', method: 'cash', createdAt: at };
    await expect(invoices.save({ ...invoice, paidCents: 500, version: 1 }, { addPayment: stale, events: [{ at, type: 'payment.recorded' }] })).rejects.toBeInstanceOf(ConflictError);

    expect(await invoices.get(invoice.tenantId, invoice.id)).toMatchObject({ paidCents: 1_000, version: 2 });
    expect((await invoices.payments(invoice.tenantId, invoice.id)).map((p) => p.id)).toEqual([payment.id]);
    expect((await invoices.timeline(invoice.tenantId, invoice.id, { limit: 10 })).items.map((e) => e.type)).toEqual(['invoice.created', 'payment.recorded']);
  });

  it('lists events that share their instant in the order they were written (a plan’s steps in scenario order)', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0002' });
    const later = '2026-03-02T09:00:01.000Z';
    const types = Array.from({ length: 12 }, (_, i) => `reminder.scheduled.${i}`);
    await invoices.appendEvents(invoice.tenantId, invoice.id, types.map((type) => ({ at: later, type })));
    const listed = (await invoices.timeline(invoice.tenantId, invoice.id, { limit: 20 })).items.map((e) => e.type);
    expect(listed).toEqual(['invoice.created', ...types]);
  });

  it('merges sent reminders (their event kept on the step) into the timeline, in time order across pages', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0003' });
    const steps = new DynamoStepRepository(db, tableName);
    const step = (index: number, scheduledAt: string) => ({ plan: 1, index, stepId: `s${index}`, templateId: 'reminder', state: 'scheduled' as const, at, scheduledAt });
    await steps.createPlan(invoice.tenantId, invoice.id, [step(0, '2026-03-03T09:00:00.000Z'), step(1, '2026-03-05T09:00:00.000Z'), step(2, '2026-03-07T09:00:00.000Z')]);
    const sendAt = async (index: number, when: string) => {
      const ref = { plan: 1, index };
      expect(await steps.transition(invoice.tenantId, invoice.id, ref, { state: 'scheduled' }, { state: 'sending', at: when })).toBe(true);
      await steps.finishSend(invoice.tenantId, invoice.id, ref, { at: when, messageId: `m${index}`, recipients: ['a@b.test'], dueDate: invoice.dueDate, event: { type: 'reminder.sent', data: { stepId: `s${index}`, messageId: `m${index}` } } });
    };
    await invoices.appendEvents(invoice.tenantId, invoice.id, [{ at: '2026-03-04T10:00:00.000Z', type: 'payment.recorded' }]);
    await sendAt(0, '2026-03-03T09:00:00.000Z');
    await sendAt(1, '2026-03-05T09:00:00.000Z');
    // Same instant as a stored event: the stored one first, then the reminder.
    await invoices.appendEvents(invoice.tenantId, invoice.id, [{ at: '2026-03-07T09:00:00.000Z', type: 'invoice.paused' }]);
    await sendAt(2, '2026-03-07T09:00:00.000Z');
    await invoices.appendEvents(invoice.tenantId, invoice.id, [{ at: '2026-03-08T09:00:00.000Z', type: 'invoice.resumed' }]);
    const expected = ['invoice.created', 'reminder.sent:m0', 'payment.recorded', 'reminder.sent:m1', 'invoice.paused', 'reminder.sent:m2', 'invoice.resumed'];
    const label = (e: { type: string; data?: Record<string, unknown> }) => (e.type === 'reminder.sent' ? `${e.type}:${String(e.data?.messageId)}` : e.type);
    expect((await invoices.timeline(invoice.tenantId, invoice.id, { limit: 50 })).items.map(label)).toEqual(expected);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await invoices.timeline(invoice.tenantId, invoice.id, { limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map(label));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    const sent = (await invoices.timeline(invoice.tenantId, invoice.id, { limit: 50 })).items.find((e) => e.type === 'reminder.sent');
    expect(sent).toEqual({ at: '2026-03-03T09:00:00.000Z', type: 'reminder.sent', data: { stepId: 's0', messageId: 'm0' } });
  });

  it('never writes the same payment id twice (a retried keyed payment)', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001' });
    const payment = { id: 'keyed-1', invoiceId: invoice.id, amountCents: 1_000, date: '2026-03-02', method: 'card', createdAt: at };
    await invoices.save({ ...invoice, version: 1 }, { addPayment: payment });
    await expect(invoices.save({ ...invoice, version: 2 }, { addPayment: payment })).rejects.toBeInstanceOf(ConflictError);
    expect(await invoices.payments(invoice.tenantId, invoice.id)).toHaveLength(1);
  });

  it('numbers invoices gaplessly per tenant and year', async () => {
    const a = await aStoredInvoice();
    const b = anInvoiceRecord({ tenantId: a.tenantId, id: ulid(), number: undefined, status: 'draft', version: 1 });
    await invoices.create(b, { at, type: 'invoice.created' });
    const first = await invoices.saveWithNextNumber({ ...a, status: 'sent', version: 1 }, { prefix: 'F', year: 2026 }, () => []);
    await expect(invoices.saveWithNextNumber({ ...b, status: 'sent', version: 2 }, { prefix: 'F', year: 2026 }, () => [])).rejects.toBeInstanceOf(ConflictError);
    const second = await invoices.saveWithNextNumber({ ...b, status: 'sent', version: 1 }, { prefix: 'F', year: 2026 }, (n) => [{ at, type: 'invoice.numbered', data: { number: n } }]);
    expect([first.number, second.number]).toEqual(['F-2026-0001', 'F-2026-0002']);
  });

  it('numbers in date order: an invoice dated before the last numbered is refused, writing nothing and consuming no number', async () => {
    const a = await aStoredInvoice({ issueDate: '2026-03-10', dueDate: '2026-04-09' });
    const backdated = anInvoiceRecord({ tenantId: a.tenantId, id: ulid(), number: undefined, status: 'draft', version: 1, issueDate: '2026-03-09', dueDate: '2026-04-08' });
    const sameDay = anInvoiceRecord({ tenantId: a.tenantId, id: ulid(), number: undefined, status: 'draft', version: 1, issueDate: '2026-03-10', dueDate: '2026-04-09' });
    await invoices.create(backdated, { at, type: 'invoice.created' });
    await invoices.create(sameDay, { at, type: 'invoice.created' });
    const first = await invoices.saveWithNextNumber({ ...a, status: 'sent' }, { prefix: 'F', year: 2026 }, () => []);
    const refused = await invoices.saveWithNextNumber({ ...backdated, status: 'sent' }, { prefix: 'F', year: 2026 }, (n) => [{ at, type: 'invoice.numbered', data: { number: n } }]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutOfChronologyError);
    expect((refused as OutOfChronologyError).last).toEqual({ number: 'F-2026-0001', issueDate: '2026-03-10' });
    // Nothing written: still a draft without number or event, and the next number is the one after the last.
    expect(await invoices.get(a.tenantId, backdated.id)).toMatchObject({ status: 'draft', version: 1 });
    expect((await invoices.get(a.tenantId, backdated.id))?.number).toBeUndefined();
    expect((await invoices.timeline(a.tenantId, backdated.id, { limit: 10 })).items.map((e) => e.type)).toEqual(['invoice.created']);
    const second = await invoices.saveWithNextNumber({ ...sameDay, status: 'sent' }, { prefix: 'F', year: 2026 }, () => []);
    expect([first.number, second.number]).toEqual(['F-2026-0001', 'F-2026-0002']);
    // Another series (another year, credit notes) has its own last date.
    const other = anInvoiceRecord({ tenantId: a.tenantId, id: ulid(), number: undefined, status: 'draft', version: 1, issueDate: '2025-12-30', dueDate: '2026-01-29' });
    await invoices.create(other, { at, type: 'invoice.created' });
    expect((await invoices.saveWithNextNumber({ ...other, status: 'sent' }, { prefix: 'F', year: 2025 }, () => [])).number).toBe('F-2025-0001');
  });

  it('keeps the date order under concurrent numbering: every number’s date is on or after the previous one’s', async () => {
    const tenantId = freshTenant('order');
    const dates = ['2026-05-04', '2026-05-02', '2026-05-06', '2026-05-01', '2026-05-05', '2026-05-03', '2026-05-06', '2026-05-02'];
    const drafts = await Promise.all(
      dates.map(async (issueDate) => {
        const draft = anInvoiceRecord({ tenantId, id: ulid(), number: undefined, status: 'draft', version: 1, issueDate, dueDate: '2026-06-30' });
        await invoices.create(draft, { at, type: 'invoice.created' });
        return draft;
      }),
    );
    const results = await Promise.allSettled(drafts.map((d) => invoices.saveWithNextNumber({ ...d, status: 'sent' }, { prefix: 'F', year: 2026 }, () => [])));
    const numbered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).sort((x, y) => x.number!.localeCompare(y.number!));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(refused.every((e) => e instanceof OutOfChronologyError)).toBe(true);
    expect(numbered.length + refused.length).toBe(dates.length);
    // Gapless from 0001, and dates never go back along the numbers.
    expect(numbered.map((i) => i.number)).toEqual(numbered.map((_, k) => `F-2026-${String(k + 1).padStart(4, '0')}`));
    const numberedDates = numbered.map((i) => i.issueDate);
    expect(numberedDates).toEqual([...numberedDates].sort());
    // Each refused draft is still a draft, and dated before the last date numbered.
    for (const d of drafts.filter((d) => !numbered.some((n) => n.id === d.id))) {
      const stored = await invoices.get(tenantId, d.id);
      expect([stored?.status, stored?.number]).toEqual(['draft', undefined]);
      expect(d.issueDate < numberedDates.at(-1)!).toBe(true);
    }
  });

  it('numbers credit notes in date order too (A series), a refused one writing nothing', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const note = (issueDate: string) => ({
      id: ulid(), invoiceId: invoice.id, invoiceNumber: 'F-2026-0001', invoiceIssueDate: invoice.issueDate, issueDate, reason: 'erreur',
      full: false, netCents: 1_000, vatCents: 200, grossCents: 1_200, vatBreakdown: [{ vatRate: 20 as const, netCents: 1_000, vatCents: 200 }], createdAt: at,
    });
    expect((await invoices.saveWithCreditNote({ ...invoice, creditedCents: 1_200, version: 1 }, note('2026-03-05'), 2026, () => [])).number).toBe('A-2026-0001');
    const refused = await invoices.saveWithCreditNote({ ...invoice, creditedCents: 2_400, version: 2 }, note('2026-03-04'), 2026, () => []).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutOfChronologyError);
    expect((refused as OutOfChronologyError).last).toEqual({ number: 'A-2026-0001', issueDate: '2026-03-05' });
    expect(await invoices.get(invoice.tenantId, invoice.id)).toMatchObject({ creditedCents: 1_200, version: 2 });
    expect((await invoices.saveWithCreditNote({ ...invoice, creditedCents: 2_400, version: 2 }, note('2026-03-05'), 2026, () => [])).number).toBe('A-2026-0002');
  });

  it('issues credit notes A-<year>-NNNN with the invoice change, and lists them', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001' });
    const note = {
      id: ulid(), invoiceId: invoice.id, invoiceNumber: 'F-2026-0001', invoiceIssueDate: invoice.issueDate, issueDate: '2026-03-02', reason: 'erreur',
      full: false, netCents: 1_000, vatCents: 200, grossCents: 1_200, vatBreakdown: [{ vatRate: 20 as const, netCents: 1_000, vatCents: 200 }], createdAt: at,
    };
    const issued = await invoices.saveWithCreditNote({ ...invoice, creditedCents: 1_200, version: 1 }, note, 2026, () => [{ at, type: 'credit_note.issued' }]);
    expect(issued.number).toBe('A-2026-0001');
    expect((await invoices.creditNotes(invoice.tenantId, invoice.id)).map((c) => c.number)).toEqual(['A-2026-0001']);
    expect(await invoices.get(invoice.tenantId, invoice.id)).toMatchObject({ creditedCents: 1_200, version: 2 });
  });

  it('claims a credit note’s email once at a time (conditional write), takes over a stale claim, and records the send with its event', async () => {
    const invoice = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001' });
    const note = {
      id: ulid(), invoiceId: invoice.id, invoiceNumber: 'F-2026-0001', invoiceIssueDate: invoice.issueDate, issueDate: '2026-03-02', reason: 'erreur',
      full: false, netCents: 1_000, vatCents: 200, grossCents: 1_200, vatBreakdown: [{ vatRate: 20 as const, netCents: 1_000, vatCents: 200 }], createdAt: at, emailClaimedAt: at,
    };
    await invoices.saveWithCreditNote({ ...invoice, creditedCents: 1_200, version: 1 }, note, 2026, () => []);
    const { tenantId } = invoice;
    // Claimed when issued: a send a moment later is refused, two at once get one claim between them.
    expect(await invoices.claimCreditNoteEmail(tenantId, invoice.id, note.id, '2026-03-02T09:00:30.000Z', '2026-03-02T08:59:30.000Z')).toBe(false);
    await invoices.recordCreditNoteEmail(tenantId, invoice.id, note.id, { emailStatus: 'failed' }, [{ at, type: 'credit_note.email_failed' }]);
    const both = await Promise.all([1, 2].map(() => invoices.claimCreditNoteEmail(tenantId, invoice.id, note.id, '2026-03-02T09:01:00.000Z', '2026-03-02T09:00:00.000Z')));
    expect(both.sort()).toEqual([false, true]);
    // A claim older than staleBefore (its send died) is taken over.
    expect(await invoices.claimCreditNoteEmail(tenantId, invoice.id, note.id, '2026-03-02T09:03:00.000Z', '2026-03-02T09:02:00.000Z')).toBe(true);
    await invoices.recordCreditNoteEmail(tenantId, invoice.id, note.id, { emailStatus: 'sent', emailedAt: '2026-03-02T09:03:01.000Z', emailedTo: 'a@b.test', messageId: 'm-1' }, [
      { at: '2026-03-02T09:03:01.000Z', type: 'credit_note.sent', data: { messageId: 'm-1' } },
    ]);
    const [stored] = await invoices.creditNotes(tenantId, invoice.id);
    expect(stored).toMatchObject({ number: 'A-2026-0001', grossCents: 1_200, emailStatus: 'sent', emailedTo: 'a@b.test', messageId: 'm-1' });
    expect(stored!.emailClaimedAt).toBeUndefined();
    expect((await invoices.timeline(tenantId, invoice.id, { limit: 10 })).items.map((e) => e.type)).toEqual(['invoice.created', 'credit_note.email_failed', 'credit_note.sent']);
    // No credit note, no claim.
    expect(await invoices.claimCreditNoteEmail(tenantId, invoice.id, ulid(), at, at)).toBe(false);
  });

  it('lists the ids of open invoices, of the tenant or of one client', async () => {
    const open = await aStoredInvoice({ status: 'sent', number: 'F-2026-0001', clientId: 'c1' });
    const other = anInvoiceRecord({ tenantId: open.tenantId, id: ulid(), status: 'partially_paid', clientId: 'c2', version: 1 });
    const paid = anInvoiceRecord({ tenantId: open.tenantId, id: ulid(), status: 'paid', clientId: 'c1', version: 1 });
    for (const i of [other, paid]) await invoices.create(i, { at, type: 'invoice.created' });
    expect((await invoices.openInvoiceIds(open.tenantId)).sort()).toEqual([open.id, other.id].sort());
    expect(await invoices.openInvoiceIds(open.tenantId, 'c1')).toEqual([open.id]);
  });
});
