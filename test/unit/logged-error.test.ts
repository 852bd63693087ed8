import { describe, expect, it } from 'vitest';
import { loggedError, redacted, redactedError } from '../../shared/adapters/telemetry/redact.js';

describe('errors as log lines carry them', () => {
  it('redact the email addresses and phone numbers a provider quotes', () => {
    expect(redacted('The following identities failed the check in region EU-WEST-3: zoé.dupont@exemple.fr, compta+relances@client.co.uk')).toBe(
      'The following identities failed the check in region EU-WEST-3: <redacted>, <redacted>',
    );
    expect(redacted('Destination +33612345678 and +33 6 12 34 56 78 refused')).toBe('Destination <redacted> and <redacted> refused');
  });

  it('keep what is no address: package paths of a stack, timestamps, ids', () => {
    const line = '    at async runRequest (file:///var/task/node_modules/@middy/core/index.js:215:23) 2026-11-26T21:30:38.041+01:00 01M8CW8WMXPCYJ340MM94VQQ5E';
    expect(redacted(line)).toBe(line);
  });

  it('redact the message and, when asked, the stack of an Error; a thrown non-Error as text', () => {
    const error = new Error('SES SendEmail failed: refused@client.example');
    const logged = loggedError(error, { stack: true }) as { name: string; message: string; stack: string };
    expect(logged).toMatchObject({ name: 'Error', message: 'SES SendEmail failed: <redacted>' });
    expect(logged.stack).toMatch(/^Error: SES SendEmail failed: <redacted>\n\s+at /);
    expect(loggedError(error)).toEqual({ name: 'Error', message: 'SES SendEmail failed: <redacted>' });
    expect(loggedError('to refused@client.example')).toBe('to <redacted>');
  });

  it('throw back to the runtime the error redacted, its name kept, or the very error when it quotes nothing', () => {
    const refused = Object.assign(new Error('SES SendEmail failed: refused@client.example'), { name: 'UpstreamError' });
    const thrown = redactedError(refused);
    expect(thrown).not.toBe(refused);
    expect(thrown).toMatchObject({ name: 'UpstreamError', message: 'SES SendEmail failed: <redacted>' });
    expect(thrown.stack).toMatch(/^UpstreamError: SES SendEmail failed: <redacted>\n\s+at /);
    const plain = new Error('Rate of requests exceeds the allowed throughput.');
    expect(redactedError(plain)).toBe(plain);
    expect(redactedError('to +33612345678').message).toBe('to <redacted>');
  });
});
