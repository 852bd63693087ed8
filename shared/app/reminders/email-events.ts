import { listedEmails, type Client } from '../../domain/client.js';
import type { ClientRepository, Clock, InvoiceRepository } from '../ports.js';
import { noMetrics, type Metrics } from '../metrics.js';
import { stepIdFromTag } from '../../domain/step-tag.js';

/** The part of an SES configuration-set event (via EventBridge) the timeline needs. */
export interface SesEventDetail {
  readonly eventType: string;
  readonly mail?: { readonly messageId?: string; readonly timestamp?: string; readonly tags?: Readonly<Record<string, readonly string[]>> };
  readonly bounce?: { readonly bounceType?: string; readonly bounceSubType?: string; readonly bouncedRecipients?: readonly { emailAddress?: string }[]; readonly timestamp?: string };
  readonly complaint?: { readonly timestamp?: string };
  readonly delivery?: { readonly timestamp?: string; readonly recipients?: readonly string[] };
}

/** The events kept; `Send` is not (the step's `sent` record already holds SES's acceptance and its message id). */
const TYPES: Record<string, string> = {
  Delivery: 'email.delivered',
  Bounce: 'email.bounced',
  Complaint: 'email.complained',
  Reject: 'email.rejected',
  DeliveryDelay: 'email.delayed',
  RenderingFailure: 'email.rendering_failed',
};

/**
 * Puts SES delivery news on the invoice timeline (proof in a dispute) and flags a client
 * whose address hard-bounces, so the user sees it instead of reminders vanishing.
 */
export const makeRecordEmailEvent = ({ invoices, clients, clock, metrics = noMetrics }: { invoices: InvoiceRepository; clients: ClientRepository; clock: Clock; metrics?: Metrics }) =>
  async (detail: SesEventDetail): Promise<'recorded' | 'ignored'> => {
    const tag = (name: string) => detail.mail?.tags?.[name]?.[0];
    const tenantId = tag('tenant');
    const invoiceId = tag('invoice');
    const type = TYPES[detail.eventType];
    // Every bounce of an email sent through the configuration set counts, whatever it was about (a quote, the owner's alerts).
    if (detail.eventType === 'Bounce') metrics.emailBounced();
    if (!tenantId || !invoiceId || !type) return 'ignored';
    const permanent = detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent';
    const groupTags = Object.keys(detail.mail?.tags ?? {}).filter((name) => /^g\d+$/.test(name));
    // A reminder's own news (delivered, delayed…): its tags say all the timeline needs. It was sent for an
    // invoice that exists (a reminded invoice is never a draft, and only drafts are ever deleted), so the
    // invoice is not read again for it: one read less per reminder. A bounce or a complaint (which flag
    // the client), a grouped message (its other invoices are checked against the client) and the invoice
    // email or a letter (no `client` tag) read it as before.
    const flags = permanent || detail.eventType === 'Complaint';
    const invoice = !flags && groupTags.length === 0 && tag('client') && tag('step') ? { clientId: tag('client')! } : await invoices.get(tenantId, invoiceId);
    if (!invoice) return 'ignored';

    const at = detail.bounce?.timestamp ?? detail.delivery?.timestamp ?? detail.complaint?.timestamp ?? clock.now().toISOString();
    const data = {
      messageId: detail.mail?.messageId,
      ...(tag('step') ? { stepId: stepIdFromTag(tag('step')!) } : {}),
      ...(detail.bounce ? { bounceType: detail.bounce.bounceType, bounceSubType: detail.bounce.bounceSubType, recipients: detail.bounce.bouncedRecipients?.map((r) => r.emailAddress) } : {}),
    };
    await invoices.appendEvents(tenantId, invoiceId, [{ at, type, data }]);
    // A grouped reminder was about other invoices too (tags g0, g1…): each timeline (and proof file) shows what
    // became of its message; `groupOf` names the invoice whose event alerts the owner, once.
    const others = [...new Set(groupTags.flatMap((name) => (tag(name) ?? '').split('_')))].filter(
      (id) => /^[0-9A-Za-z-]{1,64}$/.test(id) && id !== invoiceId,
    );
    for (const other of others) {
      if ((await invoices.get(tenantId, other))?.clientId === invoice.clientId) await invoices.appendEvents(tenantId, other, [{ at, type, data: { ...data, groupOf: invoiceId } }]);
    }

    // The invoice email, its credit notes and plan letters carry no `client` tag: the invoice says whose it is.
    const clientId = tag('client') ?? invoice.clientId;
    if (flags && clientId) {
      const client = await clients.get(tenantId, clientId);
      if (client) {
        const next = flagClient(client, detail, permanent);
        if (next) await clients.replace(tenantId, { ...next, updatedAt: clock.now().toISOString() }, client.updatedAt);
      }
    }
    return 'recorded';
  };

/**
 * A hard bounce flags exactly the addresses that bounced: the main one (`emailStatus`) or a copy or
 * contact address (`bouncedEmails`), never the main address for a bounced copy. A complaint stops reminders to the
 * client altogether. Undefined when nothing changes.
 */
export const flagClient = (client: Client, detail: SesEventDetail, permanent: boolean): Client | undefined => {
  if (detail.eventType === 'Complaint') return client.complained ? undefined : { ...client, complained: true };
  if (!permanent) return undefined;
  const bounced = new Set((detail.bounce?.bouncedRecipients ?? []).map((r) => r.emailAddress?.toLowerCase()).filter((e): e is string => !!e));
  const main = client.email.toLowerCase();
  const mainBounced = bounced.has(main);
  const copies = listedEmails(client).filter((e) => e.toLowerCase() !== main && bounced.has(e.toLowerCase()));
  const already = new Set((client.bouncedEmails ?? []).map((e) => e.toLowerCase()));
  const newCopies = copies.filter((e) => !already.has(e.toLowerCase()));
  if ((!mainBounced || client.emailStatus === 'bouncing') && newCopies.length === 0) return undefined;
  return {
    ...client,
    ...(mainBounced ? { emailStatus: 'bouncing' as const } : {}),
    ...(newCopies.length > 0 ? { bouncedEmails: [...(client.bouncedEmails ?? []), ...newCopies] } : {}),
  };
};
