import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { AppError, ValidationError, type FieldError } from '../app/errors.js';

const PROBLEM = 'application/problem+json';

export const problemResponse = (status: number, body: Record<string, unknown>): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': PROBLEM },
  body: JSON.stringify({ type: 'about:blank', status, ...body }),
});

/** Maps any thrown value to problem+json. A 5xx never carries the internal message. */
export const toProblem = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof AppError) {
    const expose = error.status < 500;
    const errors = 'errors' in error && Array.isArray(error.errors) && error.errors.length > 0 ? { errors: error.errors } : {};
    return problemResponse(error.status, {
      type: error.type,
      title: error.title,
      ...(expose ? { detail: error.message, ...errors } : {}),
    });
  }
  return problemResponse(500, { title: 'Internal error', detail: 'An unexpected error occurred; it has been logged.' });
};

export const zodFieldErrors = (error: z.ZodError, prefix: string): FieldError[] =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));

export const parseOrThrow = <T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodFieldErrors(result.error, prefix));
  return result.data;
};
