import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateItemMeta,
  aggregateItemName,
  aggregateItemSk,
  aggregateKey,
  clientKey,
  creditNoteKey,
  domainCounters,
  eventKey,
  invoiceKey,
  parseItemKey,
  paymentKey,
  quoteEventKey,
  quoteKey,
  scenarioKey,
  settingsKey,
  stepKey,
  storedCounters,
  templateKey,
} from '../../shared/adapters/dynamo/keys.js';
import { clientItem, dayItem } from '../../shared/domain/aggregates.js';

describe('parseItemKey (what a stream record’s keys name)', () => {
  it('names the items of a tenant’s partition', () => {
    expect(parseItemKey(settingsKey('acme'))).toEqual({ kind: 'settings', tenantId: 'acme' });
    expect(parseItemKey(clientKey('acme', '01C'))).toEqual({ kind: 'client', tenantId: 'acme', clientId: '01C' });
    expect(parseItemKey(scenarioKey('acme', 'b2b-default'))).toEqual({ kind: 'scenario', tenantId: 'acme', scenarioId: 'b2b-default' });
    expect(parseItemKey(templateKey('acme', 'reminder'))).toEqual({ kind: 'template', tenantId: 'acme', templateId: 'reminder' });
  });

  it('names an invoice and the items of its partition', () => {
    const ids = { tenantId: 'acme', invoiceId: '01ABC' };
    expect(parseItemKey(invoiceKey('acme', '01ABC'))).toEqual({ kind: 'invoice', ...ids });
    expect(parseItemKey(paymentKey('acme', '01ABC', '01P'))).toEqual({ kind: 'payment', ...ids, paymentId: '01P' });
    expect(parseItemKey(creditNoteKey('acme', '01ABC', '01N'))).toEqual({ kind: 'credit-note', ...ids, creditNoteId: '01N' });
    expect(parseItemKey(stepKey('acme', '01ABC', { plan: 1, index: 1_773_000_000 }))).toEqual({ kind: 'step', ...ids });
    expect(parseItemKey(eventKey('acme', '01ABC', '2026-11-22T08:00:00.000Z', '01E'))).toEqual({ kind: 'invoice-event', ...ids, at: '2026-11-22T08:00:00.000Z', eventId: '01E' });
  });

  it('names a quote, and nothing else of its partition', () => {
    expect(parseItemKey(quoteKey('acme', '01Q'))).toEqual({ kind: 'quote', tenantId: 'acme', quoteId: '01Q' });
    expect(parseItemKey(quoteEventKey('acme', '01Q', '2026-11-22T08:00:00.000Z', '01E'))).toBeUndefined();
  });

  it('names no item a consumer ignores: aggregates, contributions, sequences, idempotency records, missing keys', () => {
    for (const keys of [
      aggregateKey('acme', clientItem('c1')),
      { PK: 'T#acme#INV#01ABC', SK: '#AGG' },
      { PK: 'T#acme#SEQ#F#2026', SK: '#SEQ' },
      { PK: 'T#acme#IDEM#POST /x:k', SK: '#IDEM' },
      { PK: 'T#acme', SK: 'SOMETHING' },
      {},
    ]) expect(parseItemKey(keys)).toBeUndefined();
  });

  it('reads back the ids of any key it builds (a tenant id may hold # in an invoice key, as the pattern always allowed)', () => {
    const id = fc.stringMatching(/^[0-9A-Za-z_-]{1,12}$/);
    fc.assert(
      fc.property(id, id, id, (tenantId, invoiceId, paymentId) => {
        expect(parseItemKey(paymentKey(tenantId, invoiceId, paymentId))).toEqual({ kind: 'payment', tenantId, invoiceId, paymentId });
        expect(parseItemKey(paymentKey(`${tenantId}#x`, invoiceId, paymentId))).toMatchObject({ tenantId: `${tenantId}#x` });
      }),
    );
  });
});

describe('aggregate items (the domain’s names ↔ their keys)', () => {
  it('keys a client’s item CLIENT#<id> and a day’s DAY#<date>, and names them back', () => {
    expect(aggregateKey('acme', clientItem('c1'))).toEqual({ PK: 'T#acme#AGG', SK: 'CLIENT#c1' });
    expect(aggregateKey('acme', dayItem('2026-03-01'))).toEqual({ PK: 'T#acme#AGG', SK: 'DAY#2026-03-01' });
    expect(aggregateItemName('CLIENT#c1')).toBe(clientItem('c1'));
    expect(aggregateItemName('DAY#2026-03-01')).toBe(dayItem('2026-03-01'));
    expect(aggregateItemMeta(clientItem('c1'))).toEqual({ entityType: 'client-aggregate', clientId: 'c1' });
    expect(aggregateItemMeta(dayItem('2026-03-01'))).toEqual({ entityType: 'day-aggregate', date: '2026-03-01' });
  });

  it('stores a contribution’s counters under the items’ keys, as snapshots always held them, and reads them back', () => {
    const domain = { [`${clientItem('c1')}|balanceCents`]: 90_000, [`${dayItem('2026-03-04')}|S#j+1`]: 1 };
    const stored = storedCounters(domain);
    expect(stored).toEqual({ 'CLIENT#c1|balanceCents': 90_000, 'DAY#2026-03-04|S#j+1': 1 });
    expect(domainCounters(stored)).toEqual(domain);
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-Za-z-]{1,26}$/), (id) => {
      expect(aggregateItemName(aggregateItemSk(clientItem(id)))).toBe(clientItem(id));
    }));
  });
});
