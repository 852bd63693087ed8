import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const ok = (body: unknown): HttpResult => json(200, body);
export const created = (body: unknown): HttpResult => json(201, body);
export const noContent = (): HttpResult => ({ statusCode: 204 });

/**
 * One valid ASCII header (RFC 6266) whatever the name: file names come from invoice numbers, and an
 * imported invoice keeps the number it was given (`N°12`, `F€1`, a quote, a line break, a path). The
 * plain `filename` keeps ASCII letters, digits, `.`, `-`, `_` and spaces (accents dropped, anything
 * else `_`); `filename*` carries the name as typed in UTF-8, less line breaks, quotes and slashes.
 * A raw `€` or line break made Node refuse the header (a 500), a `"` ended the quoted name early.
 */
export const contentDisposition = (type: 'inline' | 'attachment', fileName: string): string => {
  const name = fileName.replace(/[\u0000-\u001f\u007f"/\\]+/g, '_').trim() || 'document';
  const plain = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${plain}"; filename*=UTF-8''${encoded}`;
};

export const pdf = (bytes: Uint8Array, fileName: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition('inline', fileName) },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});

export const csv = (text: string, fileName: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition('attachment', fileName) },
  body: text,
});
