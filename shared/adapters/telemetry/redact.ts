/**
 * Personal data out of what is logged: the email addresses and phone numbers that a provider's
 * error quotes (SES in its sandbox: "The following identities failed the check …: compta@client.fr")
 * and that the adapters pass on in their own messages. No Logger here, so a function that only
 * throws back (thank-on-payment) does not load Powertools.
 */

/** An email address, or a phone number in international form (`+33612345678`, `+33 6 12 34 56 78`). */
const PERSONAL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\+\d[\d .-]{6,}\d/gu;

/** `text` with the addresses and phone numbers it quotes replaced by `<redacted>`. */
export const redacted = (text: string): string => text.replace(PERSONAL, '<redacted>');

/**
 * An error as a log line carries it: name, message and (with `stack`) the stack, the email
 * addresses and phone numbers they quote redacted. Providers quote them in their own errors
 * (SES in its sandbox: "The following identities failed the check …: compta@client.fr"), and
 * the adapters pass those messages on.
 */
export const loggedError = (error: unknown, { stack = false } = {}): { name: string; message: string; stack?: string } | string =>
  error instanceof Error
    ? { name: error.name, message: redacted(error.message), ...(stack && error.stack ? { stack: redacted(error.stack) } : {}) }
    : redacted(String(error));

/**
 * The error an event handler throws back to the Lambda runtime, which logs it itself (its
 * "Invoke Error" line: type, message and stack, as they are): the same error with the addresses
 * and phone numbers redacted. An error that quotes none is thrown back unchanged.
 */
export const redactedError = (error: unknown): Error => {
  if (!(error instanceof Error)) return new Error(redacted(String(error)));
  const message = redacted(error.message);
  const stack = error.stack === undefined ? undefined : redacted(error.stack);
  if (message === error.message && stack === error.stack) return error;
  const copy = new Error(message);
  copy.name = error.name;
  copy.stack = stack;
  return copy;
};
