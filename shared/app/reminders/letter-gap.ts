/**
 * A letter withdrawn before it was posted (a payment or a credit note changed what it claims, the invoice was paid,
 * cancelled or disputed, the owner decided not to post it) never reached the client: the client's gap claim it took
 * when it was produced is given back, as a failed send gives back its own, so the client's next message does not wait
 * `minGapDays` for a letter it never received. Invariant 4 holds: only while the letter still holds the claim (a
 * message claimed since keeps it), and for a letter listing several invoices only once none of its steps can still be
 * posted (each withdrawn; none posted: a posted letter went out, and its claim stays).
 */
import { letterGapHolder } from '../../domain/letter.js';
import type { StepRecordItem, StepRecords } from '../ports/reminder-steps.js';

export const releaseWithdrawnLetterGap = async (
  steps: Pick<StepRecords, 'list' | 'releaseClientGap'>,
  tenantId: string,
  clientId: string,
  invoiceId: string,
  withdrawn: Pick<StepRecordItem, 'plan' | 'index' | 'letterId' | 'letterMembers'>,
): Promise<void> => {
  const { letterId } = withdrawn;
  if (letterId) {
    // Read after every step of the envelope was moved: one still `to_post` with this letter may yet be posted, one `sent` was.
    const members = await Promise.all((withdrawn.letterMembers ?? []).map(async (m) => (await steps.list(tenantId, m.invoiceId)).find((r) => r.plan === m.plan && r.index === m.index)));
    if (members.some((r) => r?.letterId === letterId && (r.state === 'to_post' || r.state === 'sent'))) return;
  }
  await steps.releaseClientGap(tenantId, { clientId, holder: letterGapHolder(invoiceId, withdrawn) });
};
