/** SES configuration-set events, routed by an EventBridge rule: delivery, bounce, complaint… */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../shared/adapters/telemetry/powertools-logger.js';
import { makeRecordEmailEvent, type SesEventDetail } from '../../shared/app/reminders/email-events.js';
import { stepIdFromTag } from '../../shared/domain/step-tag.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { metrics } from '../../shared/wiring-telemetry.js';

const recordEmailEvent = makeRecordEmailEvent({ invoices: invoiceRepository(), clients: wiring.clients(), clock: wiring.clock, metrics: metrics() });

/**
 * One JSON line per event: its type, the ids its tags carry (tenant, invoice or quote, client, step, kind of email), SES's
 * message id, Lambda's request id and what became of it. Never the recipients (a bounce names them): the timeline keeps them.
 */
export const handler = async (event: EventBridgeEvent<string, SesEventDetail>, context?: Pick<Context, 'awsRequestId'>) => {
  const outcome = await recordEmailEvent(event.detail);
  const tag = (name: string) => event.detail.mail?.tags?.[name]?.[0];
  const step = tag('step');
  logger.info('email event', {
    eventType: event.detail.eventType,
    bounceType: event.detail.bounce?.bounceType,
    tenantId: tag('tenant'),
    invoiceId: tag('invoice'),
    quoteId: tag('quote'),
    clientId: tag('client'),
    stepId: step === undefined ? undefined : stepIdFromTag(step),
    kind: tag('kind'),
    messageId: event.detail.mail?.messageId,
    lambdaRequestId: context?.awsRequestId,
    outcome,
  });
  return { outcome };
};
