import { describe, expect, it } from 'vitest';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { changeTarget as targetOfItem } from '../../shared/app/reminders/stream-targets.js';

/** As the sync-schedules handler does: the record's keys parsed, then the use case's decision. */
const changeTarget = (keys: { PK: string; SK: string }, oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>) =>
  targetOfItem(parseItemKey(keys), oldImage, newImage);

describe('which table changes re-plan reminders', () => {
  it('re-plans an invoice when the invoice item or one of its steps changes', () => {
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: '#INVOICE' })).toEqual({ kind: 'invoice', tenantId: 'acme', invoiceId: '01ABC' });
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: 'STEP#j+1' })).toEqual({ kind: 'invoice', tenantId: 'acme', invoiceId: '01ABC' });
  });

  it('leaves a send’s claim alone: the invoice’s claim fields only, or a step entering `sending` (only its lease check is made)', () => {
    const invoice = { status: 'sent', paidCents: 0, version: 3, reminderCount: 0 };
    const claimed = { ...invoice, version: 4, reminderCount: 1, lastReminderDay: '2026-11-20', lastReminderAt: '2026-11-20T08:00:00.000Z' };
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: '#INVOICE' }, invoice, claimed)).toBeUndefined();
    // Anything else changed with them (a payment) re-plans.
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: '#INVOICE' }, invoice, { ...claimed, paidCents: 100 })).toEqual({ kind: 'invoice', tenantId: 'acme', invoiceId: '01ABC' });
    const step = { plan: 1, index: 2, stepId: 'j+8', state: 'scheduled', scheduledAt: '2026-11-20T08:00:00.000Z' };
    const sending = { ...step, state: 'sending', leaseUntil: '2026-11-20T08:15:00.000Z' };
    const lease = { kind: 'lease', tenantId: 'acme', invoiceId: '01ABC', step: { plan: 1, index: 2, stepId: 'j+8', leaseUntil: '2026-11-20T08:15:00.000Z' } };
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: 'STEP#001#000000000002' }, step, sending)).toEqual(lease);
    // A manual reminder's record is created claimed.
    expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: 'STEP#000#000000000002' }, undefined, sending)).toEqual(lease);
    // Recorded sent, released for a retry, or failed: the invoice is re-planned (which drops the lease check).
    for (const after of [{ ...step, state: 'sent' }, step, { ...step, state: 'failed', reason: 'unknown_outcome' }]) {
      expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK: 'STEP#001#000000000002' }, sending, after)).toEqual({ kind: 'invoice', tenantId: 'acme', invoiceId: '01ABC' });
    }
  });

  it('ignores timeline events, payments and credit notes (their invoice item changes too)', () => {
    for (const SK of ['EVENT#2026-11-22T08:00:00.000Z#01X', 'PAYMENT#01P', 'CREDIT#01C']) {
      expect(changeTarget({ PK: 'T#acme#INV#01ABC', SK })).toBeUndefined();
    }
  });

  it('re-plans a client’s open invoices only when a field that matters to reminders changed', () => {
    const before = { remindersEnabled: true, kind: 'business', name: 'A' };
    expect(changeTarget({ PK: 'T#acme', SK: 'CLIENT#01C' }, before, { ...before, remindersEnabled: false })).toEqual({ kind: 'client', tenantId: 'acme', clientId: '01C' });
    expect(changeTarget({ PK: 'T#acme', SK: 'CLIENT#01C' }, before, { ...before, name: 'B' })).toBeUndefined();
    expect(changeTarget({ PK: 'T#acme', SK: 'CLIENT#01C' }, undefined, before)).toBeUndefined(); // a new client has no invoices yet
  });

  it('re-plans the whole tenant when settings or a scenario change, not a template', () => {
    expect(changeTarget({ PK: 'T#acme', SK: 'SETTINGS' })).toEqual({ kind: 'tenant', tenantId: 'acme' });
    expect(changeTarget({ PK: 'T#acme', SK: 'SCENARIO#b2b-default' })).toEqual({ kind: 'tenant', tenantId: 'acme' });
    expect(changeTarget({ PK: 'T#acme', SK: 'TEMPLATE#reminder' })).toBeUndefined();
  });

  it('re-plans a quote’s follow-up when the quote changes, and ignores sequences and idempotency records', () => {
    expect(changeTarget({ PK: 'T#acme#QUO#01Q', SK: '#QUOTE' })).toEqual({ kind: 'quote', tenantId: 'acme', quoteId: '01Q' });
    expect(changeTarget({ PK: 'T#acme#QUO#01Q', SK: 'EVENT#x' })).toBeUndefined();
    expect(changeTarget({ PK: 'T#acme#SEQ#F#2026', SK: '#SEQ' })).toBeUndefined();
    expect(changeTarget({ PK: 'T#acme#IDEM#POST /x:k', SK: '#IDEM' })).toBeUndefined();
  });
});
