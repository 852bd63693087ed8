/**
 * The owner switches an invoice's portal links off, or issues a fresh one (killing the older
 * links, e.g. after an email went to the wrong person). Both move `portalGeneration` on.
 */
import { localDate } from '../../domain/dates.js';
import { NotFoundError, StateConflictError } from '../errors.js';
import { changeHold, type HoldDeps } from '../reminder-holds.js';
import type { InvoiceRecord } from '../ports.js';
import { portalLinksExpired, type PortalLinks } from './portal-links.js';

export interface PortalLinkAdminDeps extends HoldDeps {
  readonly links: PortalLinks;
}

const nextGeneration = (invoice: InvoiceRecord) => (invoice.portalGeneration ?? 0) + 1;

export const makeRevokePortalLinks = (deps: HoldDeps) =>
  async (tenantId: string, id: string): Promise<void> => {
    await changeHold(deps, tenantId, id, (current, { at }) => {
      if (current.status === 'draft') throw new NotFoundError('Portal link');
      return { next: { ...current, portalGeneration: nextGeneration(current), portalDisabled: true, updatedAt: at }, events: [{ at, type: 'portal.link_revoked' }] };
    });
  };

export const makeReissuePortalLink = (deps: PortalLinkAdminDeps) =>
  async (tenantId: string, id: string): Promise<{ url: string; issuedAt: string }> => {
    // A link issued past the 12 months after the invoice was settled would open nothing (it answered 201 with it).
    const [invoice, settings] = await Promise.all([deps.invoices.get(tenantId, id), deps.settings.get(tenantId)]);
    if (invoice && (await portalLinksExpired(deps.invoices, invoice, localDate(deps.clock.now(), settings.timezone), settings.timezone))) {
      throw new StateConflictError('portal-link-expired', 'This invoice was settled more than 12 months ago: its portal links have expired', [
        { path: 'path.id', message: 'the invoice was settled more than 12 months ago' },
      ]);
    }
    let issued: InvoiceRecord | undefined;
    await changeHold(deps, tenantId, id, (current, { at }) => {
      if (current.status === 'draft') throw new NotFoundError('Portal link');
      const { portalDisabled, ...rest } = current;
      void portalDisabled;
      issued = { ...rest, portalGeneration: nextGeneration(current), updatedAt: at };
      return { next: issued, events: [{ at, type: 'portal.link_issued' }] };
    });
    const url = await deps.links.issue(issued!);
    if (!url) throw new NotFoundError('Portal (no web address configured)');
    return { url, issuedAt: deps.clock.now().toISOString() };
  };
