
/**
 * The public client portal (`/portal/{token}`) and the owner's pause / dispute / link routes.
 * Validation only: the view's type is the use case's (shared/app/portal/portal-view.ts).
 */
import * as z from 'zod';
import { businessDate, documentDate } from './common.js';


/** The token of a link: any string reaches the use case, which answers one 404 for every bad one. */
export const portalParams = z.object({ token: z.string().min(1) });

const reason = z.string().trim().min(1, { message: 'must say why' }).max(2000);

export const PortalPaidInput = z.object({ date: documentDate, reference: z.string().trim().min(1).max(140).optional() }).strict();
export const PortalPromiseInput = z.object({ date: businessDate }).strict();
export const PortalDisputeInput = z.object({ reason }).strict();

/** Owner side. A pause ends by 2099 at the latest, as a document's date: `2206` is a year typed wrong, which paused the reminders for good. */
export const PauseInput = z.object({ until: documentDate.optional(), reason }).strict();
export const DisputeInput = z.object({ reason }).strict();
/** A promise the client made to the owner (by phone, by mail): the date it says it will pay, and what was said. */
export const PromiseInput = z.object({ date: businessDate, note: z.string().trim().min(1).max(2000).optional() }).strict();