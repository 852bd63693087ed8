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

export const pdf = (bytes: Uint8Array, fileName: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${fileName}"` },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});

export const csv = (text: string, fileName: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"` },
  body: text,
});
