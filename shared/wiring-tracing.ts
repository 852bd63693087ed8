/**
 * X-Ray tracing of the reminder send path (Powertools Tracer): the DynamoDB and SESv2 calls
 * become subsegments, under one `## send-reminder` subsegment annotated with the ids. The
 * X-Ray SDK weighs ~125 KB and ~20 ms of INIT, so only the send path imports this module.
 * Outside Lambda (local stack, tests) the Tracer disables itself and this is a pass-through.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { documentClient } from './clients.js';
import { serviceName } from './config.js';
import { redacted, redactedError } from './adapters/telemetry/redact.js';
import { sesClient } from './wiring-email.js';

/**
 * X-Ray records a failed AWS call with its error's message, and SES's refusal names its recipients
 * ("The following identities failed the check …: compta@client.fr"). Inside the X-Ray middleware
 * (step `build`) the message is redacted while X-Ray reads it; outside it (step `initialize`) the
 * caller gets it back as SES wrote it (the step's lastError tells the owner which address failed).
 */
const tracedWithoutAddresses = (client: SESv2Client): SESv2Client => {
  const originals = new WeakMap<object, { message: string; stack: string | undefined }>();
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const original = error instanceof Error ? originals.get(error) : undefined;
        if (original) Object.assign(error as Error, original);
        throw error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'restoreErrorAfterTrace' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && redacted(error.message) !== error.message) {
          originals.set(error, { message: error.message, stack: error.stack });
          error.message = redacted(error.message);
          if (error.stack) error.stack = redacted(error.stack);
        }
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'high', name: 'redactErrorForTrace' },
  );
  return tracer.captureAWSv3Client(client);
};

export const tracer = new Tracer({ serviceName: serviceName() });
tracer.captureAWSv3Client(documentClient());
tracedWithoutAddresses(sesClient());

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
