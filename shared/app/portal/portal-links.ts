/**
 * Portal links: each email of a sent invoice carries `<web>/p/<token>`; only the token's SHA-256 is
 * stored (PORTAL#<hash>), pointing at tenant and invoice. A link dies when the owner revokes or
 * re-issues (the invoice's `portalGeneration` moves on) and 12 months after the invoice is settled
 * (paid, cancelled or written off).
 *
 * With the portal secret configured, an invoice's token is derived from it (HMAC of tenant, invoice
 * and generation), so every email of the invoice carries the same link and only the first one
 * writes (docs/adr/0002-stable-portal-links.md); without it, each email gets a fresh random token.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { localDate } from '../../domain/dates.js';
import { portalExpired } from '../../domain/portal.js';
import { NotFoundError } from '../errors.js';
import type { Clock, InvoiceRecord, InvoiceRepository, PortalTokenRecord, PortalTokenRepository, SettingsRepository, TokenSource } from '../ports.js';

export const hashPortalToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The token a preview (a dry run) shows in place of a real one: nothing is written for a preview,
 * the real link is created when the message goes out. Too short for a token, so it opens nothing (404).
 */
export const PREVIEW_PORTAL_TOKEN = 'preview';

/**
 * An invoice's link for the current generation: the token derived from the portal secret
 * (base64url of HMAC-SHA256 over `portal/v1/<tenantId>/<invoiceId>/<generation>`, 43 characters,
 * 256 bits). Unguessable without the secret; a new generation (revoke, re-issue) gives a new token.
 */
export const derivePortalToken = (secret: string, invoice: Pick<InvoiceRecord, 'tenantId' | 'id' | 'portalGeneration'>): string =>
  createHmac('sha256', secret).update(`portal/v1/${invoice.tenantId}/${invoice.id}/${invoice.portalGeneration ?? 0}`).digest('base64url');

/**
 * Gives an invoice its link; undefined when its links are switched off or no web address is configured.
 * With the portal secret the link is the invoice's stable one (stored on first issue, then only read);
 * without it, a new link per call.
 */
export interface PortalLinks {
  issue(invoice: Pick<InvoiceRecord, 'tenantId' | 'id' | 'portalGeneration' | 'portalDisabled' | 'portalLinkStored'>): Promise<string | undefined>;
  /**
   * What to record on the invoice once `issue` returned its link (`portalLinkStored`), so that later
   * emails skip the token lookup; undefined without the portal secret (each email's token is new).
   */
  storedMarker(invoice: Pick<InvoiceRecord, 'portalGeneration'>): Promise<string | undefined>;
  /** What `issue` would give, with PREVIEW_PORTAL_TOKEN for the token; writes nothing. */
  preview(invoice: Pick<InvoiceRecord, 'portalDisabled'>): string | undefined;
}

export interface PortalLinkDeps {
  readonly tokens: PortalTokenRepository;
  readonly random: TokenSource;
  readonly clock: Clock;
  /** Where the web app is served (`https://<distribution>.cloudfront.net`); the page is `/p/<token>`. */
  readonly webBaseUrl?: string;
  /**
   * The portal secret tokens are derived from (read once, on first issue: Secrets Manager in AWS);
   * absent: a random token per issue.
   */
  readonly secret?: () => Promise<string>;
}

const linkTo = (webBaseUrl: string, token: string) => `${webBaseUrl.replace(/\/+$/, '')}/p/${token}`;

export const makePortalLinks = ({ tokens, random, clock, webBaseUrl, secret }: PortalLinkDeps): PortalLinks => ({
  issue: async (invoice) => {
    if (!webBaseUrl || invoice.portalDisabled) return undefined;
    const key = secret ? await secret() : undefined;
    const token = key ? derivePortalToken(key, invoice) : random.next();
    const tokenHash = hashPortalToken(token);
    // A derived token is stored when the invoice's first email goes out; later emails read it, or
    // not even that when the invoice records it stored (same generation, same secret). Two first
    // emails at once both put the same record: the second is a no-op (the port).
    const known = key !== undefined && invoice.portalLinkStored === markerOf(key, invoice);
    if (!key || (!known && !(await tokens.find(tokenHash)))) {
      await tokens.put({ tokenHash, tenantId: invoice.tenantId, invoiceId: invoice.id, generation: invoice.portalGeneration ?? 0, createdAt: clock.now().toISOString() });
    }
    return linkTo(webBaseUrl, token);
  },
  storedMarker: async (invoice) => (webBaseUrl && secret ? markerOf(await secret(), invoice) : undefined),
  preview: (invoice) => previewPortalLink(webBaseUrl, invoice),
});

/** `<generation>:<first 12 hex of the secret's SHA-256>`: another secret (rotated, a new local stack) never matches. */
const markerOf = (secret: string, invoice: Pick<InvoiceRecord, 'portalGeneration'>): string =>
  `${invoice.portalGeneration ?? 0}:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12)}`;

/** What `issue` would give, with PREVIEW_PORTAL_TOKEN for the token (for functions that only preview: no secret, no store). */
export const previewPortalLink = (webBaseUrl: string | undefined, invoice: Pick<InvoiceRecord, 'portalDisabled'>): string | undefined =>
  !webBaseUrl || invoice.portalDisabled ? undefined : linkTo(webBaseUrl, PREVIEW_PORTAL_TOKEN);

export interface PortalResolveDeps {
  readonly tokens: PortalTokenRepository;
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * The invoice a token opens, or one 404 for every failure (unknown, malformed, revoked,
 * re-issued, expired): the answer never tells which.
 */
export const resolvePortalToken = async (deps: PortalResolveDeps, token: string) => {
  const notFound = () => new NotFoundError('Portal link');
  if (!TOKEN_SHAPE.test(token)) throw notFound();
  const hash = hashPortalToken(token);
  const record: PortalTokenRecord | undefined = await deps.tokens.find(hash);
  // The key already matched; the stored hash is compared in constant time all the same, so no
  // code path ever compares token material byte by byte.
  if (!record || !timingSafeEqual(Buffer.from(record.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) throw notFound();
  const [invoice, settings] = await Promise.all([deps.invoices.get(record.tenantId, record.invoiceId), deps.settings.get(record.tenantId)]);
  if (!invoice || invoice.status === 'draft' || invoice.portalDisabled || (invoice.portalGeneration ?? 0) !== record.generation) throw notFound();
  const now = deps.clock.now();
  if (await portalLinksExpired(deps.invoices, invoice, localDate(now, settings.timezone), settings.timezone)) throw notFound();
  return { record, invoice, settings, now };
};

/**
 * Whether a settled invoice's links have expired: they live 12 months from the business date it was
 * settled (a payment recorded late does not extend it): its last payment, or the credit note that
 * cancelled it or wrote it off. A paid invoice whose balance a credit note closed after its last payment
 * was settled on that note's date (not on the old payment's, nor on the day that payment was recorded).
 */
export const portalLinksExpired = async (invoices: Pick<InvoiceRepository, 'payments' | 'creditNotes'>, invoice: InvoiceRecord, today: string, timeZone: string): Promise<boolean> => {
  const { tenantId, id, status } = invoice;
  if (status === 'paid') {
    const [payments, creditNotes] = await Promise.all([invoices.payments(tenantId, id), invoices.creditNotes(tenantId, id)]);
    const dates = [...payments.filter((p) => !p.removedAt).map((p) => p.date), ...creditNotes.map((c) => c.issueDate)].sort();
    return portalExpired(invoice, today, timeZone, dates.at(-1));
  }
  if (portalExpired(invoice, today, timeZone)) return true;
  if (status !== 'cancelled' && status !== 'written_off') return false;
  const dates = (await invoices.creditNotes(tenantId, id)).map((c) => c.issueDate).sort();
  return dates.length > 0 && portalExpired(invoice, today, timeZone, dates.at(-1));
};
