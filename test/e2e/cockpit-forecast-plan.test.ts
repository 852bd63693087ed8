import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoAggregateStore } from '../../shared/adapters/dynamo/dynamo-aggregate-store.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { makeRebuildAggregates } from '../../shared/app/aggregates/rebuild-aggregates.js';
import { addDays, weekday } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const rebuild = makeRebuildAggregates({ aggregates: new DynamoAggregateStore(db, inject('tableName')), settings: new DynamoSettingsRepository(db, inject('tableName')) });

/** 8 weeks of forecast, the amounts given by week index (the rest 0). */
const weeks = (firstWeek: string, amounts: Record<number, number>) =>
  Array.from({ length: 8 }, (_, i) => ({ weekStart: addDays(firstWeek, 7 * i), expectedCents: amounts[i] ?? 0 }));

/**
 * The cockpit's forecast (issue 9 §1) for an invoice under a payment plan (issue 13 §1): each
 * instalment's amount still due at the instalment's date, shifted by the client's lateness as any
 * balance is; kept true by the stream consumer through the plan's creation, a payment and its
 * end, and the rebuild agrees at every step.
 */
describe('GET /cockpit forecast with a payment plan', () => {
  it('places each pending instalment at its own date (shifted by the client’s lateness), through a payment and the plan’s deletion, to the cent', async () => {
    const t = await freshTenant('forecast-plan');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    // The Monday after today: the forecast's first week.
    const firstWeek = addDays(today, (8 - weekday(today)) % 7 || 7);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('forecast'), name: 'Menuiserie Blanc' }));

    // History: one invoice paid 20 days after its due date, so the client's average lateness is 20 days.
    const past = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate: addDays(today, -20) }));
    const paidOne = await t.ok('POST', `/invoices/${past.id}/send`);
    await t.ok('POST', `/invoices/${past.id}/payments`, { amountCents: paidOne.totals.grossCents, date: today, method: 'transfer' });

    // The invoice the plan is for: 1 475,00 € due on the Tuesday of the second week.
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(firstWeek, 8) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    expect(sent.totals.grossCents).toBe(147_500);
    const forecast = async () => {
      await t.drain();
      const cockpit = await t.ok('GET', '/cockpit');
      expect((await rebuild(t.tenantId, { fix: false })).drift).toEqual([]);
      return cockpit.forecast;
    };
    // Without a plan: the whole balance at its due date + 20 days (firstWeek + 28: week 4).
    expect(await forecast()).toEqual(weeks(firstWeek, { 4: 147_500 }));

    // Three instalments (firstWeek + 1, + 15, + 29), each expected 20 days later: weeks 3, 5 and 7.
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(firstWeek, 1), amountCents: 47_500 },
        { dueDate: addDays(firstWeek, 15), amountCents: 50_000 },
        { dueDate: addDays(firstWeek, 29), amountCents: 50_000 },
      ],
    });
    expect(await forecast()).toEqual(weeks(firstWeek, { 3: 47_500, 5: 50_000, 7: 50_000 }));

    // 575,00 € paid: the first instalment settled, 100,00 € off the second (oldest first).
    await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: 57_500, date: today, method: 'transfer' });
    expect(await forecast()).toEqual(weeks(firstWeek, { 5: 40_000, 7: 50_000 }));

    // The plan ended by the owner: what is left goes back to the invoice's due date.
    await t.ok('DELETE', `/invoices/${draft.id}/payment-plan`);
    expect(await forecast()).toEqual(weeks(firstWeek, { 4: 90_000 }));
  });
});
