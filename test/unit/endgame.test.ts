import { describe, expect, it } from 'vitest';
import { clientItem, dayItem, invoiceContribution, type InvoiceFacts } from '../../shared/domain/aggregates.js';
import { withEscalation } from '../../shared/domain/escalation.js';
import { B2B_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { settledStatusOf } from '../../shared/domain/invoice.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { deservesThanks, makeThankOnPayment, type ThankYouClaims } from '../../shared/app/thank-you.js';
import { makeLeaveLitigation, makeMoveToLitigation } from '../../shared/app/litigation.js';
import { StateConflictError } from '../../shared/app/errors.js';
import { FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakeSettingsRepository, FakeTenantDocuments, aClient, anInvoiceRecord, fixedClock } from '../fixtures/fakes.js';
import { defaultTemplate, type ReminderTemplate } from '../../shared/domain/default-templates.js';

/** The built-in thank-you's opening words, as sent (its variables filled). */
const renderedDefault = (text: string) => (text.startsWith('Bonjour') && text.includes('Merci beaucoup pour votre confiance') ? text : '(not the built-in thank-you)');
import type { Client } from '../../shared/domain/client.js';

class MemoryClaims implements ThankYouClaims {
  readonly claims = new Map<string, { messageId?: string }>();
  async claim(t: string, i: string, _at: string, partialPaidCents?: number) {
    const k = `${t}|${i}|${partialPaidCents ?? ''}`;
    if (this.claims.has(k)) return false;
    this.claims.set(k, {});
    return true;
  }
  async complete(t: string, i: string, messageId: string, _at: string, partialPaidCents?: number) {
    this.claims.set(`${t}|${i}|${partialPaidCents ?? ''}`, { messageId });
  }
  async release(t: string, i: string, partialPaidCents?: number) {
    const k = `${t}|${i}|${partialPaidCents ?? ''}`;
    if (!this.claims.get(k)?.messageId) this.claims.delete(k);
  }
}

const thankYouWorld = (client: Partial<Client> = {}, stored: ReminderTemplate[] = []) => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const mailer = new FakeMailer();
  const claims = new MemoryClaims();
  void clients.create('acme', aClient(client));
  invoices.add(anInvoiceRecord({ status: 'paid', paidCents: 120_000 }));
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  for (const t of stored) void templates.put('acme', t);
  const thank = makeThankOnPayment({ invoices, clients, settings, templates, mailer, claims, clock: fixedClock('2026-03-20T10:00:00Z') });
  return { invoices, settings, mailer, claims, thank };
};

describe('thank-you after payment', () => {
  const s = defaultSettings();
  it('is deserved when the invoice becomes paid, not on a partial payment unless thankOnPartial, never without reminder when thankOnlyIfReminded', () => {
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 100 }, s)).toBe(true);
    expect(deservesThanks({ status: 'paid', paidCents: 100 }, { status: 'paid', paidCents: 100 }, s)).toBe(false);
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'partially_paid', paidCents: 50 }, s)).toBe(false);
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'partially_paid', paidCents: 50 }, { ...s, thankOnPartial: true })).toBe(true);
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 100, reminderCount: 0 }, { ...s, thankOnlyIfReminded: true })).toBe(false);
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 100, reminderCount: 1 }, { ...s, thankOnlyIfReminded: true })).toBe(true);
    expect(deservesThanks({ status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 100 }, { ...s, thankOnPayment: false })).toBe(false);
  });

  it('sends one message for a stream record delivered twice, or two records racing', async () => {
    const w = thankYouWorld();
    const change = [{ status: 'sent' as const, paidCents: 0 }, { status: 'paid' as const, paidCents: 120_000 }] as const;
    const outcomes = await Promise.all([w.thank('acme', 'inv1', ...change), w.thank('acme', 'inv1', ...change), w.thank('acme', 'inv1', ...change)]);
    expect(outcomes.sort()).toEqual(['already_thanked', 'already_thanked', 'sent']);
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]).toMatchObject({ to: ['compta@dupont.test'], attachments: [] });
    expect(w.mailer.sent[0]!.subject).toContain('F-2026-0001');
    expect(w.invoices.events.get('acme|inv1')?.filter((e) => e.type === 'thank_you.sent').map((e) => e.data?.messageId)).toEqual(['msg-1']);
  });

  it('with thankOnPartial, thanks each partial payment once and the payment in full once more, as the setting says ("also")', async () => {
    // The partial thank-you took the invoice's only claim: the client who then paid the rest got nothing,
    // and a second partial payment nothing either.
    const w = thankYouWorld();
    await w.settings.put('acme', { ...defaultSettings(), thankOnPartial: true });
    w.invoices.add(anInvoiceRecord({ status: 'partially_paid', paidCents: 50_000 }));
    const first = [{ status: 'sent' as const, paidCents: 0 }, { status: 'partially_paid' as const, paidCents: 50_000 }] as const;
    expect(await Promise.all([w.thank('acme', 'inv1', ...first), w.thank('acme', 'inv1', ...first)])).toEqual(expect.arrayContaining(['sent', 'already_thanked']));
    w.invoices.add(anInvoiceRecord({ status: 'partially_paid', paidCents: 80_000 }));
    expect(await w.thank('acme', 'inv1', { status: 'partially_paid', paidCents: 50_000 }, { status: 'partially_paid', paidCents: 80_000 })).toBe('sent');
    w.invoices.add(anInvoiceRecord({ status: 'paid', paidCents: 120_000 }));
    // A partial payment's record read after the invoice was paid: the payment in full is thanked, not it.
    expect(await w.thank('acme', 'inv1', { status: 'partially_paid', paidCents: 50_000 }, { status: 'partially_paid', paidCents: 70_000 })).toBe('not_deserved');
    const last = [{ status: 'partially_paid' as const, paidCents: 80_000 }, { status: 'paid' as const, paidCents: 120_000 }] as const;
    expect(await w.thank('acme', 'inv1', ...last)).toBe('sent');
    expect(await w.thank('acme', 'inv1', ...last)).toBe('already_thanked');
    expect(w.mailer.sent).toHaveLength(3);
    expect(w.invoices.events.get('acme|inv1')?.filter((e) => e.type === 'thank_you.sent').map((e) => e.data?.templateId)).toEqual(['thank-you-partial', 'thank-you-partial', 'thank-you']);
  });

  it('never tells a consumer of penalties or the €40: a thank-you customised to mention them goes to a consumer as the built-in one (CPCE L111-8)', async () => {
    const own = { ...defaultTemplate('thank-you')!, customized: true, body: 'Merci. Pénalités de retard : {{penaltiesAmount}}, indemnité forfaitaire : {{indemnityAmount}}.' };
    const consumer = thankYouWorld({ kind: 'consumer' }, [own]);
    expect(await consumer.thank('acme', 'inv1', { status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 120_000 })).toBe('sent');
    expect(consumer.mailer.sent[0]!.text).not.toMatch(/nalit|indemnit/i);
    expect(consumer.mailer.sent[0]!.text).toBe(renderedDefault(consumer.mailer.sent[0]!.text));
    // A business still gets the owner's own words.
    const business = thankYouWorld({}, [own]);
    await business.thank('acme', 'inv1', { status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 120_000 });
    expect(business.mailer.sent[0]!.text).toContain('Pénalités de retard');
    // In French typography, as every French email (the saved template keeps its plain spaces).
    expect(business.mailer.sent[0]!.text).toMatch(/^Merci\. Pénalités de retard\u202f: \d[\d\u202f]*,\d\d\u00a0€, indemnité forfaitaire\u202f: 40,00\u00a0€\.$/);
    expect(business.mailer.sent[0]!.html).toContain('Pénalités de retard\u202f: ');
    expect(own.body).toBe('Merci. Pénalités de retard : {{penaltiesAmount}}, indemnité forfaitaire : {{indemnityAmount}}.');
  });

  it('sends nothing to a client who marked a message as spam (nothing automatic goes to them), and claims nothing', async () => {
    const w = thankYouWorld({ complained: true });
    expect(await w.thank('acme', 'inv1', { status: 'sent', paidCents: 0 }, { status: 'paid', paidCents: 120_000 })).toBe('complained');
    expect(w.mailer.sent).toEqual([]);
    expect(w.claims.claims.size).toBe(0);
  });

  it('gives the claim back when SES fails, so the retried record sends it', async () => {
    const w = thankYouWorld();
    const send = w.mailer.send.bind(w.mailer);
    let fail = true;
    w.mailer.send = async (email) => {
      if (fail) throw new Error('Throttling');
      return send(email);
    };
    const change = [{ status: 'sent' as const, paidCents: 0 }, { status: 'paid' as const, paidCents: 120_000 }] as const;
    await expect(w.thank('acme', 'inv1', ...change)).rejects.toThrow('Throttling');
    fail = false;
    expect(await w.thank('acme', 'inv1', ...change)).toBe('sent');
    expect(w.mailer.sent).toHaveLength(1);
  });
});

describe('litigation and write-off in the figures', () => {
  const facts = (overrides: Partial<InvoiceFacts>): InvoiceFacts => ({
    id: 'i1', clientId: 'c1', status: 'sent', issueDate: '2026-01-10', dueDate: '2026-02-10', grossCents: 120_000, deductedCents: 0, paidCents: 20_000, creditedCents: 0,
    payments: [{ amountCents: 20_000, date: '2026-02-01', removed: false }], credits: [], sentSteps: [], ...overrides,
  });

  it('keeps an invoice in litigation outstanding, and takes a written-off one out of every balance while revenue nets its credit note', () => {
    const open = invoiceContribution(facts({}));
    const litigation = invoiceContribution(facts({ status: 'litigation' }));
    expect(litigation).toEqual(open);
    expect(litigation.open?.balanceCents).toBe(100_000);
    const writtenOff = invoiceContribution(facts({ status: 'written_off', creditedCents: 100_000, credits: [{ grossCents: 100_000, issueDate: '2026-05-01' }] }));
    expect(writtenOff.open).toBeUndefined();
    expect(writtenOff.counters[clientItem('c1')]?.balanceCents).toBeUndefined();
    expect(writtenOff.counters[dayItem('2026-05-01')]?.invoicedCents).toBe(-100_000);
    expect(writtenOff.counters[dayItem('2026-02-01')]?.collectedCents).toBe(20_000);
  });

  it('keeps litigation until paid, and written_off for good', () => {
    const base = { totals: { grossCents: 1000 }, paidCents: 400, creditedCents: 0 };
    expect(settledStatusOf({ ...base, status: 'litigation' })).toBe('litigation');
    expect(settledStatusOf({ ...base, status: 'litigation', paidCents: 1000 })).toBe('paid');
    expect(settledStatusOf({ ...base, status: 'written_off', creditedCents: 600 })).toBe('written_off');
  });
});

describe('the escalation step', () => {
  it('follows the last step by litigationAfterDays, and is absent when the setting is 0', () => {
    const s = withEscalation(B2B_DEFAULT_SCENARIO, 15);
    expect(s.steps.at(-1)).toEqual({ id: 'escalate', offsetDays: 15, anchor: 'previous', templateId: 'escalate' });
    expect(s.steps).toHaveLength(5);
    expect(withEscalation(B2B_DEFAULT_SCENARIO, 0)).toBe(B2B_DEFAULT_SCENARIO);
    expect(withEscalation(s, 15)).toBe(s);
  });

  it('moves by hand only an invoice awaiting payment (409 otherwise), and back to what the balance says', async () => {
    const invoices = new FakeInvoiceRepository().add(anInvoiceRecord({ paidCents: 20_000, status: 'partially_paid' }));
    invoices.add(anInvoiceRecord({ id: 'paid1', status: 'paid', paidCents: 120_000 }));
    const deps = { invoices, settings: new FakeSettingsRepository(), clock: fixedClock('2026-04-01T10:00:00Z') };
    const move = makeMoveToLitigation(deps);
    expect((await move('acme', 'inv1', { auto: false })).invoice.status).toBe('litigation');
    await expect(move('acme', 'inv1', { auto: false })).rejects.toBeInstanceOf(StateConflictError);
    expect((await move('acme', 'inv1', { auto: true })).moved).toBe(false);
    await expect(move('acme', 'paid1', { auto: false })).rejects.toBeInstanceOf(StateConflictError);
    expect((await move('acme', 'paid1', { auto: true })).moved).toBe(false);
    expect((await makeLeaveLitigation(deps)('acme', 'inv1')).status).toBe('partially_paid');
    expect(invoices.events.get('acme|inv1')?.map((e) => e.type)).toEqual(['invoice.litigation', 'invoice.status_changed', 'invoice.litigation_left', 'invoice.status_changed']);
  });
});
