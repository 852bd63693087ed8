/**
 * DynamoDB stream consumer (its own event source, filtered to invoice items that are paid or
 * partially paid): thanks the client once per invoice (shared/app/thank-you.ts). Its own small
 * function keeps SES out of the aggregates and reconciler bundles. A throw retries the batch;
 * the once-per-invoice claim makes the retry safe.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoThankYouClaims } from '../../shared/adapters/dynamo/dynamo-thank-you-claims.js';
import { makeThankOnPayment, type InvoiceChange } from '../../shared/app/thank-you.js';
import { documentClient } from '../../shared/clients.js';
import { redactedError } from '../../shared/adapters/telemetry/redact.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const thank = makeThankOnPayment({
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  templates: wiring.templates(),
  mailer: mailer(),
  claims: new DynamoThankYouClaims(documentClient(), wiring.config.TABLE_NAME),
  clock: wiring.clock,
});
const image = (value: unknown) => (value ? (unmarshall(value as Record<string, AttributeValue>) as Record<string, unknown>) : undefined);
const change = (i: Record<string, unknown> | undefined): InvoiceChange | undefined =>
  i ? { status: i.status as InvoiceChange['status'], paidCents: Number(i.paidCents ?? 0), reminderCount: Number(i.reminderCount ?? 0) } : undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<{ thanked: number }> => {
  let thanked = 0;
  for (const record of event.Records) {
    const after = image(record.dynamodb?.NewImage);
    if (after?.entityType !== 'invoice' || typeof after.tenantId !== 'string' || typeof after.id !== 'string') continue;
    const before = change(image(record.dynamodb?.OldImage));
    const now = change(after)!;
    // What the deployed event filter already drops (and the local stack does not): neither paid nor partially paid.
    if (now.status !== 'paid' && now.status !== 'partially_paid') continue;
    // No payment, no thank-you; but a credit note settling what a client who paid left (a discount
    // on the rest) makes the invoice paid all the same: that client is thanked too.
    const settledByCredit = now.status === 'paid' && before?.status !== 'paid' && now.paidCents > 0;
    if (now.paidCents <= (before?.paidCents ?? 0) && !settledByCredit) continue;
    // A throw retries the batch; the runtime logs it as is: the address SES quotes in its refusal is redacted first.
    const outcome = await thank(after.tenantId, after.id, before, now).catch((error: unknown) => {
      throw redactedError(error);
    });
    if (outcome === 'sent') thanked++;
  }
  return { thanked };
};
