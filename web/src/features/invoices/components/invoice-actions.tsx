import { DropdownMenu } from 'radix-ui';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useDocumentDownload } from '../../../components/document-link';
import { ErrorMessage } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useCreditNotes, useEndgameActions, useInvoiceAction, usePortalActions, type Invoice } from '../api';
import { disputedNow } from '../disputed-now';
import { ActionDialog } from './action-dialog';
import { CreditNoteDialog } from './credit-note-dialog';
import { SendReminderDialog } from './reminders';
import { FROM_DOCUMENT } from '../../../lib/after-save';

type DialogName = 'pause' | 'promise' | 'dispute' | 'creditNote' | 'litigation' | 'writeOff';

/**
 * The invoice's actions, two taps away on a phone: the two main ones as buttons (send and edit a
 * draft; "payment received" and "remind now" on an open invoice), the others in a "more actions"
 * menu (Radix DropdownMenu: a button with aria-haspopup, a menu of menuitems, arrow keys, Escape,
 * focus back on the button). The dialogs the menu opens live outside it, so closing the menu
 * does not close them, and give the focus back to the menu's button.
 */
export const InvoiceActions = ({
  invoice: inv,
  onPaymentReceived,
  language,
  consumer = false,
}: {
  invoice: Invoice;
  onPaymentReceived: () => void;
  language?: 'fr' | 'en';
  consumer?: boolean;
}) => {
  const { t, lang, money } = useI18n();
  const id = inv.id;
  const actions = useInvoiceAction(id);
  const endgame = useEndgameActions(id);
  const owner = usePortalActions(id);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [copied, setCopied] = useState(false);
  // A credit note the API issued but could not email (SES refused it): said here, not only on the timeline.
  const [unsentCreditNote, setUnsentCreditNote] = useState<string | null>(null);
  const issuedCreditNote = (r: { creditNote: { number: string }; emailStatus: 'sent' | 'failed' }) => setUnsentCreditNote(r.emailStatus === 'failed' ? r.creditNote.number : null);
  // Sent again since (« Renvoyer l'avoir » under Avoirs): the list says it left, so this no longer says it failed.
  const creditNotes = useCreditNotes(id, unsentCreditNote !== null);
  const stillUnsent = unsentCreditNote !== null && creditNotes.data?.items.find((n) => n.number === unsentCreditNote)?.emailStatus !== 'sent';
  const menuButton = useRef<HTMLButtonElement>(null);
  const proof = useDocumentDownload(`/invoices/${id}/proof.pdf${lang === 'en' ? '?lang=en' : ''}`, lang === 'en' ? `proof-file-${inv.number}.pdf` : `preuves-${inv.number}.pdf`);

  const open = inv.status === 'sent' || inv.status === 'partially_paid';
  const draft = inv.status === 'draft';
  const litigation = inv.status === 'litigation';
  const disputed = disputedNow(inv);
  // Money still comes in after the move to litigation (a bailiff, a late cheque): it is recorded there too.
  const payable = open || (litigation && inv.balanceCents > 0);
  const issued = Boolean(inv.number) && !draft;
  const busy = actions.send.isPending || actions.patch.isPending || actions.cancel.isPending || endgame.leaveLitigation.isPending || owner.resume.isPending || owner.resolve.isPending;
  const actionError = actions.send.error ?? actions.patch.error ?? actions.cancel.error ?? endgame.leaveLitigation.error ?? owner.resume.error ?? owner.resolve.error ?? owner.link.error ?? owner.revokeLinks.error;
  const dialogProps = (name: DialogName) => ({ open: dialog === name, onOpenChange: (o: boolean) => setDialog(o ? name : null), returnFocus: menuButton });

  // What the menu offers, in the order of the invoice's life; `run` acts at once, `dialog` opens a form.
  const items: { key: string; label: string; run?: () => void; dialog?: DialogName; danger?: boolean; disabled?: boolean }[] = [];
  if (open && !inv.remindersPaused) items.push({ key: 'pause', label: t('invoiceMore.pause'), dialog: 'pause' });
  if (open && inv.remindersPaused) items.push({ key: 'resume', label: t('invoiceMore.resume'), run: () => owner.resume.mutate(), disabled: busy });
  // The client promised a date by phone or mail: the portal's promise, noted by the owner. Not while a payment plan runs:
  // its instalments are the agreed dates (the API answers 409); the owner ends the plan first.
  if (open && inv.paymentPlan?.status !== 'active') items.push({ key: 'promise', label: t('invoiceMore.promise'), dialog: 'promise' });
  if (open && !inv.disputed) items.push({ key: 'dispute', label: t('invoiceMore.dispute'), dialog: 'dispute' });
  if (disputed) items.push({ key: 'resolve', label: t('invoiceMore.resolveDispute'), run: () => owner.resolve.mutate(), disabled: busy });
  // A new link kills the ones the client already has (the invoice email, every reminder): asked first.
  if (issued)
    items.push({
      key: 'link',
      label: t('invoiceMore.portalLink'),
      run: () => window.confirm(t('invoiceMore.portalLinkConfirm')) && (setCopied(false), owner.link.mutate()),
      disabled: owner.link.isPending,
    });
  if (issued)
    items.push({
      key: 'revoke',
      label: t('invoiceGaps.revokePortal'),
      run: () => window.confirm(t('invoiceGaps.revokePortalConfirm')) && (owner.link.reset(), owner.revokeLinks.mutate()),
      disabled: owner.revokeLinks.isPending,
    });
  // Nothing left to credit on a paid invoice: the API refuses it (422 invoice-settled, README "Known issues"), so not offered.
  if (!draft && inv.status !== 'cancelled' && inv.status !== 'written_off' && inv.balanceCents > 0) items.push({ key: 'creditNote', label: t('invoice.creditNote'), dialog: 'creditNote' });
  if (open) items.push({ key: 'litigation', label: t('invoiceMore.litigation'), dialog: 'litigation', danger: true });
  // Asked first, as its way in is: one stray tap put the file back in the follow-up and re-planned its escalation.
  if (litigation)
    items.push({
      key: 'leaveLitigation',
      label: t('invoiceMore.leaveLitigation'),
      run: () => window.confirm(t('invoiceMore.leaveLitigationConfirm')) && endgame.leaveLitigation.mutate(),
      disabled: busy,
    });
  if (litigation) items.push({ key: 'writeOff', label: t('invoiceMore.writeOff'), dialog: 'writeOff', danger: true });
  if (issued) items.push({ key: 'proof', label: t('invoiceMore.proof'), run: () => void proof.download(), disabled: proof.busy });
  if (draft)
    items.push({
      key: 'cancel',
      label: t('invoice.cancelInvoice'),
      run: () => window.confirm(t('invoiceGaps.cancelDraftConfirm')) && actions.cancel.mutate(undefined),
      danger: true,
      disabled: busy,
    });

  return (
    <>
      <div className="row invoice-actions">
        {draft && (
          <button type="button" className="button primary" disabled={busy} onClick={() => actions.send.mutate()}>
            {actions.send.isPending ? t('invoice.sending') : t('invoice.send')}
          </button>
        )}
        {draft && (
          <Link to={`/invoices/${id}/edit`} state={FROM_DOCUMENT} className="button">
            {t('invoiceGaps.edit')}
          </Link>
        )}
        {payable && (
          // The client paid: the form is a screen down on a phone; this takes the thumb there, amount ready to type.
          <button type="button" className="button primary" onClick={onPaymentReceived}>
            {t('invoiceGaps.paymentReceived')}
          </button>
        )}
        {open && <SendReminderDialog invoiceId={id} clientId={inv.clientId} language={language} notYetDue={!inv.overdue} consumer={consumer} />}
        {items.length > 0 && (
          // Not modal: the page is not hidden from screen readers while the menu is open (axe's
          // aria-hidden-focus), Escape, Tab or a tap outside close it, and the focus comes back to the button.
          <DropdownMenu.Root modal={false}>
            <DropdownMenu.Trigger asChild>
              <button type="button" className="button" ref={menuButton} data-testid="more-actions">
                {t('invoiceMore.moreActions')} <span aria-hidden="true">▾</span>
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8}>
                {items.map((item) => (
                  <DropdownMenu.Item
                    key={item.key}
                    className={`menu-item${item.danger ? ' danger' : ''}`}
                    disabled={item.disabled}
                    onSelect={() => (item.dialog ? setDialog(item.dialog) : item.run?.())}
                  >
                    {item.label}
                  </DropdownMenu.Item>
                ))}
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        )}
      </div>
      {proof.busy && (
        <p role="status" className="muted">
          {t('invoiceMore.proofBusy')}
        </p>
      )}
      {proof.error !== undefined && <ErrorMessage error={proof.error} />}
      {actionError && <ErrorMessage error={actionError} />}
      {stillUnsent && (
        <p role="alert" className="error-box" data-testid="credit-note-email-failed">
          {t('invoiceMore.creditNoteEmailFailed', { number: unsentCreditNote })}
        </p>
      )}
      {owner.revokeLinks.isSuccess && !owner.link.data && (
        <p role="status" className="notice">
          {t('invoiceGaps.portalRevoked')}
        </p>
      )}
      {owner.link.data && (
        <div role="status" className="notice">
          <p>
            {t('invoiceMore.portalLinkShown')}{' '}
            <a href={owner.link.data.url} data-testid="portal-link">
              {owner.link.data.url}
            </a>
          </p>
          {/* To paste in a text message or WhatsApp: a long link is hard to select on a phone. */}
          {typeof navigator !== 'undefined' && navigator.clipboard && (
            <p className="row">
              <button
                type="button"
                className="button small"
                onClick={() => {
                  const url = owner.link.data!.url;
                  void navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false));
                }}
              >
                {t('invoiceMore.copyLink')}
              </button>
              {copied && <span className="success">{t('invoiceMore.linkCopied')}</span>}
            </p>
          )}
        </div>
      )}

      {open && (
        <ActionDialog
          {...dialogProps('pause')}
          title={t('invoiceMore.pauseTitle')}
          fields={[
            { name: 'until', label: t('invoiceMore.pauseUntil'), type: 'date', hint: t('invoiceMore.pauseUntilHint') },
            { name: 'reason', label: t('invoiceMore.pauseReason'), required: true },
          ]}
          confirm={t('invoiceMore.pauseConfirm')}
          onSubmit={(v) => owner.pause.mutateAsync({ reason: v.reason!, ...(v.until ? { until: v.until } : {}) })}
        />
      )}
      {open && (
        <ActionDialog
          {...dialogProps('promise')}
          title={t('invoiceMore.promiseTitle')}
          intro={t('invoiceMore.promiseIntro')}
          fields={[
            { name: 'date', label: t('invoiceMore.promiseDate'), type: 'date', required: true, hint: t('invoiceMore.promiseDateHint') },
            { name: 'note', label: t('invoiceMore.promiseNote'), type: 'textarea' },
          ]}
          confirm={t('invoiceMore.promiseConfirm')}
          onSubmit={(v) => owner.promise.mutateAsync({ date: v.date!, ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
        />
      )}
      {open && (
        <ActionDialog
          {...dialogProps('dispute')}
          title={t('invoiceMore.disputeTitle')}
          fields={[{ name: 'reason', label: t('invoiceMore.disputeReason'), type: 'textarea', required: true }]}
          confirm={t('invoiceMore.disputeConfirm')}
          onSubmit={(v) => owner.dispute.mutateAsync(v.reason!)}
        />
      )}
      {!draft && <CreditNoteDialog invoiceId={id} {...dialogProps('creditNote')} onIssued={issuedCreditNote} />}
      {open && (
        <ActionDialog
          {...dialogProps('litigation')}
          title={t('invoiceMore.litigation')}
          intro={t('invoiceMore.litigationConfirm')}
          fields={[{ name: 'reason', label: t('invoiceMore.pauseReason') }]}
          confirm={t('invoiceMore.litigation')}
          danger
          onSubmit={(v) => endgame.litigation.mutateAsync(v.reason)}
        />
      )}
      {litigation && (
        <ActionDialog
          {...dialogProps('writeOff')}
          title={t('invoiceMore.writeOffTitle')}
          intro={t('invoiceMore.writeOffHint', { amount: money(inv.balanceCents) })}
          fields={[
            { name: 'reason', label: t('invoiceMore.writeOffReason'), required: true },
            { name: 'evidence', label: t('invoiceMore.writeOffEvidence'), type: 'textarea' },
          ]}
          confirm={t('invoiceMore.writeOffConfirm')}
          danger
          onSubmit={async (v) => issuedCreditNote(await endgame.writeOff.mutateAsync({ reason: v.reason!, ...(v.evidence ? { evidence: v.evidence } : {}) }))}
        />
      )}
    </>
  );
};
