/** What the public portal shows of one invoice (the client's view; nothing else of the tenant). */
import type { InvoiceLine, InvoiceStatus, InvoiceTotals } from './invoice.js';
import type { CompanyIdentity } from './settings.js';
import type { InstalmentView, PlanRequest } from './payment-plan.js';

export interface PortalView {
  readonly language: 'fr' | 'en';
  readonly seller: Omit<CompanyIdentity, 'iban' | 'bic'>;
  readonly client: { readonly name: string };
  readonly invoice: {
    readonly number: string;
    readonly issueDate: string;
    readonly dueDate: string;
    readonly currency: 'EUR';
    readonly kind?: 'deposit' | 'final';
    readonly lines: InvoiceLine[];
    readonly totals: InvoiceTotals;
    readonly paidCents: number;
    readonly creditedCents: number;
    readonly deductedCents?: number;
    readonly balanceCents: number;
    readonly status: InvoiceStatus;
    readonly overdue: boolean;
    readonly daysLate: number;
  };
  readonly payments: { readonly date: string; readonly amountCents: number; readonly method: string }[];
  readonly payment: {
    /** The transfer reference: the invoice number. */
    readonly reference: string;
    readonly paymentUrl?: string;
    readonly iban?: string;
    readonly bic?: string;
    /** EPC069-12 payload (what banking apps read) and the QR code drawing it, as SVG. */
    readonly epcQr?: { readonly payload: string; readonly svg: string };
  };
  readonly reminders: {
    readonly paused: boolean;
    readonly pausedUntil?: string;
    readonly disputed: boolean;
    /** The client raised the dispute from this portal (else the seller recorded it). */
    readonly disputedByClient?: boolean;
    readonly promisedFor?: string;
    readonly paidClaim?: { readonly date: string; readonly reference?: string };
  };
  /** The running payment plan ("rappel de l'échéancier"): each instalment with what is still due and its status. */
  readonly paymentPlan?: { readonly instalments: readonly InstalmentView[]; readonly waivePenalties: boolean };
  /** The plan the client last asked for, and what the seller answered. */
  readonly planRequest?: Pick<PlanRequest, 'instalments' | 'requestedAt' | 'status' | 'decidedAt' | 'declineReason'>;
  /** What the client may do now; `latestPromiseDate` bounds a promise; `planRequest`: ask for a payment plan. */
  readonly actions: { readonly claimPaid: boolean; readonly promise: boolean; readonly dispute: boolean; readonly latestPromiseDate: string; readonly planRequest: boolean };
}

