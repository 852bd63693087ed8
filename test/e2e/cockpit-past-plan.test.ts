import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoAggregateStore } from '../../shared/adapters/dynamo/dynamo-aggregate-store.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { INVOICE_SK, invoicePk } from '../../shared/adapters/dynamo/keys.js';
import { makeRebuildAggregates } from '../../shared/app/aggregates/rebuild-aggregates.js';
import { addDays, daysBetween, weekday } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const tableName = inject('tableName');
const rebuild = makeRebuildAggregates({ aggregates: new DynamoAggregateStore(db, tableName), settings: new DynamoSettingsRepository(db, tableName) });

/** The forecast of `asOf` by plain rule (no paid history: lateness 0): each amount in the week of its date, earlier ones in the first. */
const forecastOf = (asOf: string, amounts: readonly { date: string; cents: number }[]) => {
  const firstWeek = addDays(asOf, (8 - weekday(asOf)) % 7 || 7);
  const weeks = Array.from({ length: 8 }, (_, i) => ({ weekStart: addDays(firstWeek, 7 * i), expectedCents: 0 }));
  for (const a of amounts) {
    const week = a.date < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, a.date) / 7);
    if (week < weeks.length) weeks[week]!.expectedCents += a.cents;
  }
  return weeks;
};

/**
 * `GET /cockpit?asOf=<a past day>` and payment plans (issue 9 §1, issue 13 §1): the forecast of a
 * past day places the balances of that day as the plans running that day did (each instalment's
 * part still owed at its date), not as today's plans do: before the plan was made, at the invoice's
 * due date; after it ended, the days it ran keep their instalments. The rebuild agrees at every step.
 */
describe('GET /cockpit?asOf=<a past day> with a payment plan', () => {
  it('places that day’s balance by the plan running that day: none before it was made, its instalments while it ran, even once ended', async () => {
    const t = await freshTenant('cockpit-past-plan');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const d = (n: number) => addDays(today, n);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('past-plan'), name: 'Plâtrerie Morel' }));
    // 1 475,00 € issued 30 days ago, due 20 days ago.
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: d(-30), dueDate: d(-20) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    expect(sent.totals.grossCents).toBe(147_500);
    const instalments = [
      { dueDate: d(3), amountCents: 47_500 },
      { dueDate: d(17), amountCents: 50_000 },
      { dueDate: d(31), amountCents: 50_000 },
    ];
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, { instalments });
    // The plan was agreed 10 days ago (the API dates it now: its date is moved back on the stored
    // invoice, and the stream consumer records it as it would have then).
    await db.send(new UpdateCommand({
      TableName: tableName,
      Key: { PK: invoicePk(t.tenantId, draft.id), SK: INVOICE_SK },
      UpdateExpression: 'SET paymentPlan.createdAt = :at',
      ConditionExpression: 'attribute_exists(paymentPlan)',
      ExpressionAttributeValues: { ':at': `${d(-10)}T10:00:00.000Z` },
    }));
    // 575,00 € paid 5 days ago: the first instalment settled, 100,00 € off the second.
    await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: 57_500, date: d(-5), method: 'transfer' });

    const forecast = async (asOf: string) => {
      await t.drain();
      const cockpit = await t.ok('GET', `/cockpit?asOf=${asOf}`);
      return cockpit.forecast;
    };
    const check = async () => {
      // 12 days ago the plan did not exist: the whole balance at the due date, overdue (first week).
      expect(await forecast(d(-12))).toEqual(forecastOf(d(-12), [{ date: d(-20), cents: 147_500 }]));
      // 7 days ago it ran and nothing was paid yet: the three instalments whole.
      expect(await forecast(d(-7))).toEqual(forecastOf(d(-7), [{ date: d(3), cents: 47_500 }, { date: d(17), cents: 50_000 }, { date: d(31), cents: 50_000 }]));
      // 3 days ago: after the payment, what each instalment still owed.
      expect(await forecast(d(-3))).toEqual(forecastOf(d(-3), [{ date: d(17), cents: 40_000 }, { date: d(31), cents: 50_000 }]));
      expect((await rebuild(t.tenantId, { fix: false })).drift).toEqual([]);
    };
    await check();
    // Today (no asOf) from the open entry's instalments, as before.
    expect(await forecast(today)).toEqual(forecastOf(today, [{ date: d(17), cents: 40_000 }, { date: d(31), cents: 50_000 }]));

    // The owner ends the plan today: today's balance goes back to the due date; the days it ran keep their instalments.
    await t.ok('DELETE', `/invoices/${draft.id}/payment-plan`);
    expect(await forecast(today)).toEqual(forecastOf(today, [{ date: d(-20), cents: 90_000 }]));
    await check();
  });
});
