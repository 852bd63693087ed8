/** SES configuration-set events, routed by an EventBridge rule: delivery, bounce, complaint… */
import type { EventBridgeEvent } from 'aws-lambda';
import { makeRecordEmailEvent, type SesEventDetail } from '../../shared/app/reminders/email-events.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { metrics } from '../../shared/wiring-telemetry.js';

const recordEmailEvent = makeRecordEmailEvent({ invoices: invoiceRepository(), clients: wiring.clients(), clock: wiring.clock, metrics: metrics() });

export const handler = async (event: EventBridgeEvent<string, SesEventDetail>) => {
  const outcome = await recordEmailEvent(event.detail);
  return { outcome };
};
