/**
 * Text no one types: C0 control characters but tab and line breaks (a NUL, an escape, a bell), DEL,
 * and a UTF-16 surrogate half with no partner (not Unicode: it cannot be written as UTF-8, and
 * became U+FFFD or a refusal further on, in a PDF, an email or the CSV export). Refused naming the
 * field (a JSON body's, shared/http/http-handler.ts; an import row's, shared/domain/invoice-import.ts),
 * rather than stored and carried into every document the name or the note appears in.
 */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (only tabs and line breaks)';
export const LONE_SURROGATE_MESSAGE = 'is not valid Unicode text (a lone surrogate)';

/** What is wrong with a text, said as a field's error, or undefined when nothing is. */
export const badTextProblem = (text: string): string | undefined =>
  CONTROL.test(text) ? CONTROL_CHARACTER_MESSAGE : LONE_SURROGATE.test(text) ? LONE_SURROGATE_MESSAGE : undefined;
