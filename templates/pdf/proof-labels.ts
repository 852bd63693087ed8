import { shortDate, type Language } from './format.js';
import { invoiceLabels, type InvoiceLabels } from './invoice-labels.js';

/**
 * The proof file's words (templates/pdf/proof-document.tsx). The file is the owner's document for
 * a court, a collection agency or an auditor: its language is the owner's choice (`?lang=`, else
 * the tenant's setting), never the client's. Legal references stay as French law names them.
 */
export interface ProofText {
  readonly title: string;
  readonly subtitle: (number: string) => string;
  readonly asOf: (date: string) => string;
  readonly debtor: string;
  readonly invoice: string;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly sentAt: string;
  readonly emailedTo: string;
  readonly status: string;
  readonly totalNet: string;
  readonly totalVat: string;
  readonly totalGross: string;
  /** A final invoice: the deposit invoices it deducts (CGI 289). */
  readonly deducted: string;
  readonly paid: string;
  readonly credited: string;
  readonly balance: string;
  readonly payments: string;
  readonly noPayment: string;
  readonly removed: (date: string) => string;
  readonly creditNotes: string;
  readonly creditNote: (number: string, date: string) => string;
  readonly badDebt: string;
  /** A write-off credit note on an invoice that charged no VAT (franchise en base, reverse charge): nothing to adjust. */
  readonly badDebtNoVat: string;
  readonly reminders: string;
  readonly noReminder: string;
  readonly reminderHead: (channel: string, templateId: string, stepId: string) => string;
  readonly manual: string;
  readonly to: string;
  readonly messageId: string;
  /** A text message's id is the SMS provider's (End User Messaging), not an SES one. */
  readonly smsMessageId: string;
  /** A registered letter's fingerprint (its PDF's SHA-256, recorded when it was produced). */
  readonly letterSha256: string;
  readonly delivery: string;
  readonly deliveredAt: (type: string, at: string) => string;
  readonly noDelivery: string;
  readonly formalNotice: string;
  readonly formalNoticeSent: (date: string) => string;
  /** One produced or attempted, not sent: a letter not posted yet, an email that failed. */
  readonly formalNoticeNotSent: (date: string, state: string) => string;
  readonly posted: (date: string, tracking?: string) => string;
  readonly notPosted: string;
  readonly noFormalNotice: string;
  readonly events: string;
  readonly noEvent: string;
  readonly penalties: string;
  readonly penaltiesConsumer: string;
  /** Each row says the amount unpaid on its days: payments and credit notes lower it as they come in. */
  readonly penaltyFormula: (source: string) => string;
  readonly penaltyRow: (amount: string, from: string, to: string, days: number, rate: string) => string;
  readonly penaltyTotal: (days: number) => string;
  readonly indemnity: string;
  /** Penalties and the €40 given up on a payment plan that was kept (C. com. L441-10: only the creditor can waive them). */
  readonly waived: string;
  /** The invoice cancelled by a credit note: what ran until then is shown, not claimed. */
  readonly cancelledNotClaimed: string;
  readonly rateSource: { readonly table: string; readonly contract: string; readonly estimated: string };
  readonly noPenalty: string;
  readonly statuses: Readonly<Record<string, string>>;
  /** Payment methods in words (an unknown one keeps its code). */
  readonly methods: Readonly<Record<string, string>>;
  readonly channels: Readonly<Record<string, string>>;
  /** A reminder not sent (yet), and why, in words (an unknown one keeps its code). */
  readonly stepStates: Readonly<Record<string, string>>;
  readonly stepReasons: Readonly<Record<string, string>>;
  readonly deliveryTypes: Readonly<Record<string, string>>;
  /** The case events in words (a court reads the file); an event not listed keeps its code. */
  readonly eventTypes: Readonly<Record<string, string>>;
  /** An event's data keys in words: by `<event type>:<key>` where one event gives a key another meaning (a due date's `from`), else by key. */
  readonly dataKeys: Readonly<Record<string, string>>;
  /** One instalment under its plan event: agreed (`plan.created`) or proposed by the client (`plan.requested`). */
  readonly instalmentLine: (n: number, total: number, date: string, amount: string, proposed: boolean) => string;
  /**
   * Codes the app writes in an event's data, in words: by `<event type>:<key>` (a `reason` is an
   * owner's own text on most events, a code only on these) or by key alone. Any other value is kept.
   */
  readonly dataCodes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly yes: string;
  readonly no: string;
  /** `label : value` in French typography, `label: value` in English. */
  readonly colon: string;
  /** Between several delivery events of one message. */
  readonly listSeparator: string;
  readonly siren: string;
  readonly vatNumber: string;
  readonly phone: string;
  readonly email: string;
  /** The seller's share capital with its legal form, worded as on its invoices. */
  readonly shareCapital: InvoiceLabels['shareCapital'];
  readonly page: (n: number, total: number) => string;
}

const fr: ProofText = {
  title: 'Dossier de preuves',
  subtitle: (number) => `Facture ${number}`,
  asOf: (date) => `Établi le ${shortDate(date)}, à partir des enregistrements de Relances`,
  debtor: 'Débiteur',
  invoice: 'Facture',
  number: 'Numéro',
  issueDate: "Date d'émission",
  dueDate: "Date d'échéance",
  sentAt: 'Envoyée le',
  emailedTo: 'Envoyée à',
  status: 'Statut',
  totalNet: 'Total HT',
  totalVat: 'TVA',
  totalGross: 'Total TTC',
  deducted: 'Acomptes déduits',
  paid: 'Réglé',
  credited: 'Avoirs',
  balance: 'Reste dû',
  payments: 'Règlements',
  noPayment: 'Aucun règlement enregistré.',
  removed: (date) => ` (annulé le ${shortDate(date)})`,
  creditNotes: 'Avoirs',
  creditNote: (number, date) => `${number} du ${shortDate(date)}`,
  badDebt: ' — régularisation de TVA, créance irrécouvrable (CGI art. 272-1)',
  badDebtNoVat: ' — créance irrécouvrable, sans TVA à régulariser',
  reminders: 'Relances envoyées',
  noReminder: 'Aucune relance envoyée.',
  reminderHead: (channel, templateId, stepId) => `${channel} · modèle ${templateId} · étape ${stepId}`,
  manual: 'manuelle',
  to: 'Destinataires',
  messageId: 'Message-ID (SES)',
  smsMessageId: 'Message-ID (SMS)',
  letterSha256: 'Empreinte SHA-256 de la lettre',
  delivery: 'Remise',
  deliveredAt: (type, at) => `${type} le ${at}`,
  noDelivery: 'aucun événement de remise reçu',
  formalNotice: 'Mise en demeure',
  formalNoticeSent: (date) => `Mise en demeure envoyée le ${shortDate(date)}`,
  formalNoticeNotSent: (date, state) => `Mise en demeure du ${shortDate(date)} : ${state}`,
  posted: (date, tracking) => `Lettre recommandée postée le ${shortDate(date)}${tracking ? `, n° de suivi ${tracking}` : ''}`,
  notPosted: 'Lettre recommandée : aucun envoi postal enregistré',
  noFormalNotice: 'Aucune mise en demeure envoyée.',
  events: 'Actions du client (portail) et événements du dossier',
  noEvent: 'Aucun événement.',
  penalties: 'Pénalités de retard',
  penaltiesConsumer: 'Client particulier : ni pénalités ni indemnité forfaitaire (C. conso. L111-8).',
  penaltyFormula: (source) => `montant impayé × taux annuel × jours / 365, jour par jour (${source})`,
  penaltyRow: (amount, from, to, days, rate) => `${amount} du ${shortDate(from)} au ${shortDate(to)} : ${days} j à ${rate}`,
  penaltyTotal: (days) => `Pénalités au ${days === 1 ? '1er' : `${days}e`} jour de retard`,
  indemnity: 'Indemnité forfaitaire de recouvrement (D441-5)',
  waived: 'Pénalités et indemnité abandonnées par l’échéancier (respecté)',
  cancelledNotClaimed: 'Non réclamées : facture annulée par avoir',
  rateSource: { table: 'taux BCE + 10 points, table publiée', contract: 'taux contractuel', estimated: 'taux estimé (semestre absent de la table)' },
  noPenalty: 'Aucun retard à ce jour.',
  methods: { transfer: 'virement', card: 'carte bancaire', cheque: 'chèque', cash: 'espèces', direct_debit: 'prélèvement', other: 'autre' },
  statuses: { draft: 'brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'contentieux', written_off: 'créance irrécouvrable' },
  channels: { email: 'e-mail', letter: 'courrier', sms: 'SMS' },
  stepStates: { to_post: 'produite, en attente d’envoi postal', sending: 'envoi en cours', failed: 'échec de l’envoi' },
  stepReasons: { send_failed: 'refusé par le service d’envoi', unknown_outcome: 'issue inconnue' },
  deliveryTypes: { 'email.delivered': 'délivré', 'email.bounced': 'rejeté (bounce)', 'email.complained': 'signalé comme spam', 'email.rejected': 'refusé', 'email.delayed': 'retardé' },
  eventTypes: {
    'portal.viewed': 'Facture consultée par le client (portail)',
    'portal.paid_claimed': 'Le client déclare avoir payé (portail)',
    'portal.promised': 'Promesse de paiement du client (portail)',
    'portal.disputed': 'Contestation du client (portail)',
    'invoice.promised': 'Promesse de paiement reçue par le vendeur',
    'invoice.due_date_changed': "Date d'échéance modifiée",
    'invoice.paused': 'Relances suspendues',
    'invoice.resumed': 'Relances reprises',
    'invoice.disputed': 'Litige enregistré',
    'invoice.dispute_resolved': 'Litige résolu',
    'invoice.litigation': 'Passage en contentieux',
    'invoice.litigation_left': 'Sortie du contentieux',
    'invoice.written_off': 'Créance déclarée irrécouvrable',
    'invoice.cancelled': 'Facture annulée',
    'credit_note.issued': 'Avoir émis',
    'credit_note.sent': 'Avoir envoyé au client par e-mail',
    'credit_note.email_failed': 'Échec de l’envoi de l’avoir au client',
    'plan.requested': 'Échéancier demandé par le client',
    'plan.created': 'Échéancier convenu',
    'plan.accepted': 'Échéancier demandé accepté',
    'plan.declined': 'Échéancier demandé refusé',
    'plan.client_notified': 'Client informé de la décision sur l’échéancier',
    'plan.client_notice_failed': 'Échec de l’envoi de la décision sur l’échéancier',
    'plan.ended': 'Fin de l’échéancier',
    'instalment.missed': 'Échéance manquée',
    'owner.alerted': 'Alerte au créancier',
    'portal.link_revoked': 'Lien du portail client désactivé',
    'portal.link_issued': 'Nouveau lien du portail client émis',
  },
  instalmentLine: (n, total, date, amount, proposed) => `${proposed ? 'Échéance proposée' : 'Échéance'} ${n}/${total} : ${shortDate(date)}, ${amount}`,
  dataKeys: {
    date: 'date', until: 'jusqu’au', reason: 'motif', reference: 'référence', number: 'n°', evidence: 'justificatif', auto: 'automatique',
    from: 'statut précédent', to: 'nouveau statut', amountCents: 'montant', balanceCents: 'solde', dueDate: 'échéance', instalments: 'échéances', stepId: 'étape', creditNote: 'avoir',
    note: 'note', source: 'à l’initiative de', totalCents: 'total', waivePenalties: 'pénalités abandonnées', seq: 'échéancier n°', instalment: 'échéance n°',
    dueCents: 'reste dû', decision: 'décision', messageId: 'Message-ID', error: 'erreur',
    'invoice.due_date_changed:from': 'ancienne échéance', 'invoice.due_date_changed:to': 'nouvelle échéance',
    'credit_note.sent:to': 'destinataire',
    'instalment.missed:held': 'relances', 'instalment.missed:until': 'reprise le',
  },
  dataCodes: {
    source: { owner: 'créancier', client: 'client' },
    decision: { accepted: 'accepté', declined: 'refusé' },
    'plan.ended:reason': { paid: 'réglé', missed: 'échéance manquée', deleted: 'arrêté par le créancier', cancelled: 'facture annulée', written_off: 'créance irrécouvrable' },
    'owner.alerted:reason': { send_failed: 'échec d’envoi', unknown_outcome: 'issue d’envoi inconnue' },
    'invoice.resumed:reason': { promise: 'promesse de paiement du client', paid_claimed: 'paiement déclaré par le client', payment_plan: 'échéancier convenu à la place de la promesse' },
    'instalment.missed:held': { litigation: 'arrêtées (contentieux)', disputed: 'arrêtées (facture contestée)', paused: 'suspendues' },
  },
  yes: 'oui',
  no: 'non',
  colon: ' : ',
  listSeparator: ' ; ',
  siren: 'SIREN',
  shareCapital: invoiceLabels('fr').shareCapital,
  vatNumber: 'TVA intracom.',
  phone: 'Tél.',
  email: 'E-mail',
  page: (n, total) => `Page ${n} / ${total}`,
};

const en: ProofText = {
  title: 'Proof file',
  subtitle: (number) => `Invoice ${number}`,
  asOf: (date) => `Drawn up on ${shortDate(date)} from the records kept by Relances`,
  debtor: 'Debtor',
  invoice: 'Invoice',
  number: 'Number',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  sentAt: 'Sent on',
  emailedTo: 'Sent to',
  status: 'Status',
  totalNet: 'Total excl. VAT',
  totalVat: 'VAT',
  totalGross: 'Total incl. VAT',
  deducted: 'Deposits deducted',
  paid: 'Paid',
  credited: 'Credit notes',
  balance: 'Balance due',
  payments: 'Payments',
  noPayment: 'No payment recorded.',
  removed: (date) => ` (cancelled on ${shortDate(date)})`,
  creditNotes: 'Credit notes',
  creditNote: (number, date) => `${number} of ${shortDate(date)}`,
  badDebt: ' — VAT adjustment for an irrecoverable debt (French General Tax Code, CGI art. 272-1)',
  badDebtNoVat: ' — irrecoverable debt, no VAT to adjust',
  reminders: 'Reminders sent',
  noReminder: 'No reminder sent.',
  reminderHead: (channel, templateId, stepId) => `${channel} · template ${templateId} · step ${stepId}`,
  manual: 'manual',
  to: 'Recipients',
  messageId: 'Message-ID (SES)',
  smsMessageId: 'Message-ID (SMS)',
  letterSha256: 'SHA-256 of the letter',
  delivery: 'Delivery',
  deliveredAt: (type, at) => `${type} on ${at}`,
  noDelivery: 'no delivery event received',
  formalNotice: 'Formal notice',
  formalNoticeSent: (date) => `Formal notice sent on ${shortDate(date)}`,
  formalNoticeNotSent: (date, state) => `Formal notice of ${shortDate(date)}: ${state}`,
  posted: (date, tracking) => `Registered letter posted on ${shortDate(date)}${tracking ? `, tracking number ${tracking}` : ''}`,
  notPosted: 'Registered letter: no posting recorded',
  noFormalNotice: 'No formal notice sent.',
  events: 'Client actions (portal) and case events',
  noEvent: 'No event.',
  penalties: 'Late-payment penalties',
  penaltiesConsumer: 'Consumer client: no penalties and no fixed recovery indemnity (French Consumer Code, C. conso. L111-8).',
  penaltyFormula: (source) => `amount unpaid × annual rate × days / 365, day by day (${source})`,
  penaltyRow: (amount, from, to, days, rate) => `${amount} from ${shortDate(from)} to ${shortDate(to)}: ${days} ${days === 1 ? 'day' : 'days'} at ${rate}`,
  penaltyTotal: (days) => `Penalties at ${days} ${days === 1 ? 'day' : 'days'} late`,
  indemnity: 'Fixed recovery indemnity (French Commercial Code D441-5)',
  waived: 'Penalties and indemnity waived by the payment plan (kept)',
  cancelledNotClaimed: 'Not claimed: invoice cancelled by credit note',
  rateSource: { table: 'ECB rate + 10 points, published table', contract: 'contractual rate', estimated: 'estimated rate (semester not in the table yet)' },
  noPenalty: 'Not overdue to date.',
  methods: { transfer: 'bank transfer', card: 'card', cheque: 'cheque', cash: 'cash', direct_debit: 'direct debit', other: 'other' },
  statuses: { draft: 'draft', sent: 'sent', partially_paid: 'partially paid', paid: 'paid', cancelled: 'cancelled', litigation: 'litigation', written_off: 'irrecoverable debt (written off)' },
  channels: { email: 'email', letter: 'letter', sms: 'SMS' },
  stepStates: { to_post: 'produced, waiting to be posted', sending: 'being sent', failed: 'failed' },
  stepReasons: { send_failed: 'refused by the sending service', unknown_outcome: 'outcome unknown' },
  deliveryTypes: { 'email.delivered': 'delivered', 'email.bounced': 'bounced', 'email.complained': 'marked as spam', 'email.rejected': 'rejected', 'email.delayed': 'delayed' },
  eventTypes: {
    'portal.viewed': 'Invoice viewed by the client (portal)',
    'portal.paid_claimed': 'Client states they have paid (portal)',
    'portal.promised': 'Payment promised by the client (portal)',
    'portal.disputed': 'Disputed by the client (portal)',
    'invoice.promised': 'Payment promised to the seller',
    'invoice.due_date_changed': 'Due date changed',
    'invoice.paused': 'Reminders paused',
    'invoice.resumed': 'Reminders resumed',
    'invoice.disputed': 'Dispute recorded',
    'invoice.dispute_resolved': 'Dispute resolved',
    'invoice.litigation': 'Moved to litigation',
    'invoice.litigation_left': 'Taken out of litigation',
    'invoice.written_off': 'Debt declared irrecoverable',
    'invoice.cancelled': 'Invoice cancelled',
    'credit_note.issued': 'Credit note issued',
    'credit_note.sent': 'Credit note emailed to the client',
    'credit_note.email_failed': 'Credit note email to the client failed',
    'plan.requested': 'Payment plan requested by the client',
    'plan.created': 'Payment plan agreed',
    'plan.accepted': 'Requested payment plan accepted',
    'plan.declined': 'Requested payment plan declined',
    'plan.client_notified': 'Client told of the decision on the payment plan',
    'plan.client_notice_failed': 'Sending the decision on the payment plan failed',
    'plan.ended': 'Payment plan ended',
    'instalment.missed': 'Instalment missed',
    'owner.alerted': 'Creditor alerted',
    'portal.link_revoked': 'Client portal link switched off',
    'portal.link_issued': 'New client portal link issued',
  },
  instalmentLine: (n, total, date, amount, proposed) => `${proposed ? 'Proposed instalment' : 'Instalment'} ${n}/${total}: ${shortDate(date)}, ${amount}`,
  dataKeys: {
    date: 'date', until: 'until', reason: 'reason', reference: 'reference', number: 'no.', evidence: 'evidence', auto: 'automatic',
    from: 'previous status', to: 'new status', amountCents: 'amount', balanceCents: 'balance', dueDate: 'due date', instalments: 'instalments', stepId: 'step', creditNote: 'credit note',
    note: 'note', source: 'at the request of', totalCents: 'total', waivePenalties: 'penalties waived', seq: 'plan no.', instalment: 'instalment no.',
    dueCents: 'still due', decision: 'decision', messageId: 'Message-ID', error: 'error',
    'invoice.due_date_changed:from': 'former due date', 'invoice.due_date_changed:to': 'new due date',
    'credit_note.sent:to': 'recipient',
    'instalment.missed:held': 'reminders', 'instalment.missed:until': 'resuming on',
  },
  dataCodes: {
    source: { owner: 'creditor', client: 'client' },
    decision: { accepted: 'accepted', declined: 'declined' },
    'plan.ended:reason': { paid: 'paid', missed: 'instalment missed', deleted: 'ended by the creditor', cancelled: 'invoice cancelled', written_off: 'irrecoverable debt' },
    'owner.alerted:reason': { send_failed: 'sending failed', unknown_outcome: 'outcome of sending unknown' },
    'invoice.resumed:reason': { promise: 'payment promised by the client', paid_claimed: 'payment stated by the client', payment_plan: 'payment plan agreed instead of the promise' },
    'instalment.missed:held': { litigation: 'stopped (litigation)', disputed: 'stopped (invoice disputed)', paused: 'paused' },
  },
  yes: 'yes',
  no: 'no',
  colon: ': ',
  listSeparator: '; ',
  siren: 'SIREN',
  shareCapital: invoiceLabels('en').shareCapital,
  vatNumber: 'VAT no.',
  phone: 'Phone',
  email: 'Email',
  page: (n, total) => `Page ${n} / ${total}`,
};

export const proofLabels = (language: Language): ProofText => (language === 'en' ? en : fr);
