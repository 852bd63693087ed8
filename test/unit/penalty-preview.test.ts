import { describe, expect, it } from 'vitest';
import { makePreviewTemplate } from '../../shared/app/reminders/templates.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { defaultSettings } from '../../shared/http/schemas/settings.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';
import { aConsumerClient, aLetterPdfData, pdfText } from '../fixtures/pdf-fixtures.js';

const T = 'acme';

/** An invoice of 1 000 € due on `dueDate`, previewed with the J+8 template at `now`. */
const preview = async ({ dueDate, now, kind = 'business', agreed }: { dueDate: string; now: string; kind?: 'business' | 'consumer'; agreed?: number }) => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  await clients.create(T, aClient({ kind }));
  invoices.add(anInvoiceRecord({ dueDate, clientKind: kind }));
  await settings.put(T, { ...defaultSettings(), ...(agreed === undefined ? {} : { penaltyRatePercent: agreed }) });
  const run = makePreviewTemplate({ templates: new FakeTenantDocuments<ReminderTemplate>(), invoices, clients, settings, clock: fixedClock(now) });
  return run(T, kind === 'consumer' ? 'firm-consumer' : 'firm', 'inv1');
};

describe('the template preview shows where the penalty rate comes from', () => {
  it('table: a semester the rate table has', async () => {
    const out = await preview({ dueDate: '2026-03-12', now: '2026-04-11T08:00:00.000Z' });
    expect(out.penalties).toMatchObject({ days: 30, ratePercent: 12.15, rateSource: 'table', indemnityCents: 4000 });
    expect(out.penalties!.amountCents).toBeGreaterThan(0);
    expect(out.variables.penaltyRate).toBe('12,15 %');
  });

  it('estimated: H2 2026, whose rates are not in the table yet', async () => {
    const out = await preview({ dueDate: '2026-08-01', now: '2026-11-25T08:00:00.000Z' });
    expect(out.penalties).toMatchObject({ ratePercent: 12.15, rateSource: 'estimated' });
  });

  it('contract: the rate agreed in the settings', async () => {
    const out = await preview({ dueDate: '2026-03-12', now: '2026-04-11T08:00:00.000Z', agreed: 15 });
    expect(out.penalties).toMatchObject({ ratePercent: 15, rateSource: 'contract' });
  });

  it('nothing for a consumer, who owes no penalties', async () => {
    const out = await preview({ dueDate: '2026-08-01', now: '2026-11-25T08:00:00.000Z', kind: 'consumer' });
    expect(out.penalties).toBeUndefined();
  });
});

describe('the mise en demeure letter says when the penalty rate is estimated or agreed', () => {
  const renderer = new ReactPdfRenderer(allDocumentTemplates);

  it('prints the estimate and the agreed rate, and nothing for a table rate', async () => {
    expect(await pdfText(await renderer.letter(aLetterPdfData({ penaltyRateSource: 'estimated' })))).toContain('Taux estimé');
    expect(await pdfText(await renderer.letter(aLetterPdfData({ penaltyRateSource: 'contract', language: 'en' })))).toContain('at the rate agreed between the parties');
    const table = await pdfText(await renderer.letter(aLetterPdfData({ penaltyRateSource: 'table' })));
    expect(table).not.toMatch(/Taux estimé|taux convenu/);
  });

  it('never for a consumer', async () => {
    const text = await pdfText(await renderer.letter(aLetterPdfData({ client: aConsumerClient(), penaltyRateSource: 'estimated' })));
    expect(text).not.toContain('Taux estimé');
  });
});
