import { handler as createInvoice } from './create-invoice.js';
import { handler as listInvoices } from './list-invoices.js';
import { handler as getInvoice } from './get-invoice.js';
import { handler as updateInvoice } from './update-invoice.js';
import { handler as getTimeline } from './get-timeline.js';
import { handler as listCreditNotes } from './list-credit-notes.js';
import { handler as pauseInvoice } from './pause-invoice.js';
import { handler as recordPromise } from './record-promise.js';
import { handler as resumeInvoice } from './resume-invoice.js';
import { handler as disputeInvoice } from './dispute-invoice.js';
import { handler as resolveDispute } from './resolve-dispute.js';
import { handler as issuePortalLink } from './issue-portal-link.js';
import { handler as revokePortalLinks } from './revoke-portal-links.js';
import { handler as moveToLitigation } from './move-to-litigation.js';
import { handler as leaveLitigation } from './leave-litigation.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the invoices routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(createInvoice, listInvoices, getInvoice, updateInvoice, getTimeline, listCreditNotes, pauseInvoice, recordPromise, resumeInvoice, disputeInvoice, resolveDispute, issuePortalLink, revokePortalLinks, moveToLitigation, leaveLitigation);
