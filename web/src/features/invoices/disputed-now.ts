import type { Invoice } from './api';

/**
 * "En litige" while the invoice is still to collect. A written-off or cancelled invoice is closed:
 * the dispute it had is history (on the timeline), no badge and no "Litige résolu" to offer.
 */
export const disputedNow = (inv: Pick<Invoice, 'disputed' | 'status'>): boolean => inv.disputed && inv.status !== 'written_off' && inv.status !== 'cancelled';
