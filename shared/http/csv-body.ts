/**
 * The body of a route that takes a spreadsheet export (`csvBody`), read as `{ csv: <text> }`: only the import
 * handler bundles it (httpHandler's `csv` option), the other functions keep its decoders and messages out.
 */
import { ValidationError } from '../app/errors.js';

/**
 * A text body reaches the function decoded as UTF-8: bytes that are not (French Excel's « CSV
 * (séparateur : point-virgule) » is Windows-1252) became U+FFFD and cannot be read back. Said at
 * once, naming the line, rather than as a missing column or names imported mangled.
 */
const utf8Csv = (text: string): string => {
  const at = text.indexOf('\ufffd');
  if (at === -1) return text;
  const line = text.slice(0, at).split('\n').length;
  throw new ValidationError([
    { path: 'body', message: `is not UTF-8 text (line ${line}): save the file as « CSV UTF-8 (délimité par des virgules) » in Excel, or send it as application/octet-stream` },
  ]);
};

/**
 * A file sent as bytes (`application/octet-stream`, or `application/vnd.ms-excel` as browsers name a
 * .csv on Windows) reaches the function base64-encoded, bytes intact: UTF-8 when it is, else
 * Windows-1252, what French Excel writes.
 */
const csvFromBytes = (bytes: Buffer): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
};
const CSV_TEXT = /^text\/(csv|plain)\b/i;
const CSV_BYTES = /^application\/(octet-stream|vnd\.ms-excel|csv)\b/i;

/** `{ csv }` when the (non-empty) body is a CSV file by its content type, else undefined (JSON, or refused by httpHandler). */
export const readCsvBody = (body: string, contentType: string, isBase64Encoded: boolean): { csv: string } | undefined => {
  if (CSV_BYTES.test(contentType)) return { csv: isBase64Encoded ? csvFromBytes(Buffer.from(body, 'base64')) : utf8Csv(body) };
  if (CSV_TEXT.test(contentType)) return { csv: utf8Csv(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body) };
  return undefined;
};

export type CsvBodyReader = typeof readCsvBody;
