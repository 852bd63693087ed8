/**
 * X-Ray tracing of the reminder send path (Powertools Tracer): the DynamoDB and SESv2 calls
 * become subsegments, under one `## send-reminder` subsegment annotated with the ids. The
 * X-Ray SDK weighs ~125 KB and ~20 ms of INIT, so only the send path imports this module.
 * Outside Lambda (local stack, tests) the Tracer disables itself and this is a pass-through.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { documentClient } from './clients.js';
import { serviceName } from './config.js';
import { redactedError } from './adapters/telemetry/redact.js';
import { sesClient } from './wiring-email.js';

export const tracer = new Tracer({ serviceName: serviceName() });
tracer.captureAWSv3Client(documentClient());
tracer.captureAWSv3Client(sesClient());

/** Runs `fn` in a subsegment named `## name`, annotated with `annotations` (ids only). */
export const traced = async <R>(name: string, annotations: Record<string, string | undefined>, fn: () => Promise<R>): Promise<R> => {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const segment = parent?.addNewSubsegment(`## ${name}`);
  if (!parent || !segment) return fn();
  tracer.setSegment(segment);
  try {
    for (const [key, value] of Object.entries(annotations)) if (value !== undefined) segment.addAnnotation(key, value);
    return await fn();
  } catch (error) {
    // The trace keeps ids only: an address quoted by the error (SES's refusal names its recipients) is redacted.
    segment.addError(redactedError(error));
    throw error;
  } finally {
    segment.close();
    tracer.setSegment(parent);
  }
};
