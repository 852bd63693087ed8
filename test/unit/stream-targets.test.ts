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
