import type * as z from 'zod';
import type * as zm from 'zod/mini';

/** A route's params, query or body: zod classic, or zod/mini where a bundle must stay small (schemas/client-reminders.ts). */
export type RouteSchema = z.ZodType | zm.ZodMiniType;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/invoices/{id}`. */
  readonly path: string;
  /** Handler module, relative to the repository root, without extension; it exports `handler`. */
  readonly handler: string;
  /** `none` only for /health, /openapi.json and the client portal (`/portal/{token}`: the token is the credential, API Gateway throttles these routes). */
  readonly auth: 'jwt' | 'none';
  readonly params?: RouteSchema;
  readonly query?: RouteSchema;
  readonly body?: RouteSchema;
  readonly successStatus?: number;
  /** Honours `Idempotency-Key` (POSTs that create or send). */
  readonly idempotent?: boolean;
  /** Renders PDFs: the function ships @react-pdf/renderer as a real node_modules package. */
  readonly pdf?: boolean;
  /** Sends email with SESv2. */
  readonly email?: boolean;
  /** Larger memory / timeout for rendering. */
  readonly heavy?: boolean;
  /** Issues client-portal links (`<web>/p/<token>`): the function is given the web app's address and the portal secret. */
  readonly portalLinks?: boolean;
  /** Also takes `text/csv` (UTF-8) and the file as bytes (`application/octet-stream`: UTF-8, else Windows-1252), handed to the body schema as `{ csv: <text> }`. */
  readonly csvBody?: boolean;
}
