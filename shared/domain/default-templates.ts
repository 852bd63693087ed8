/**
 * Built-in reminder templates: four French business templates of escalating tone, four consumer
 * ones, and an English variant of each (id + `-en`). Users copy and edit them.
 *
 * Business (C. com. L441-10, D441-5): penalties and the €40 indemnity are due by law from the day
 * after the due date, without any reminder. Consumers (L111-8 CPCE, L121-6 C. conso): never any
 * fee, penalty or €40, no threats, always a contact and the offer of a payment plan; the mise en
 * demeure only mentions legal-rate interest from its receipt (C. civ. 1231-6, 1344-1).
 * The invoice PDF is attached as a copy, never re-issued (e-invoicing from 2026–2027).
 */
export type TemplateTone = 'courtesy' | 'reminder' | 'firm' | 'formal-notice';

export interface ReminderTemplate {
  id: string;
  name: string;
  language: 'fr' | 'en';
  /** Absent = any client kind (user templates); built-ins are kind-specific. */
  kind?: 'business' | 'consumer';
  tone: TemplateTone;
  subject: string;
  body: string;
  attachInvoicePdf: boolean;
  /** Also produce a letter PDF for registered post. */
  letter: boolean;
}

/** What creating or replacing a template takes. */
export type TemplateInput = Omit<ReminderTemplate, 'id'>;

const SIGNATURE_FR = `Bien cordialement,
{{companyName}}
{{companyEmail}} {{companyPhone}}`;
const SIGNATURE_EN = `Kind regards,
{{companyName}}
{{companyEmail}} {{companyPhone}}`;

const t = (
  id: string,
  language: 'fr' | 'en',
  kind: 'business' | 'consumer',
  tone: TemplateTone,
  name: string,
  subject: string,
  body: string,
): ReminderTemplate => ({ id, name, language, kind, tone, subject, body, attachInvoicePdf: true, letter: tone === 'formal-notice' });

const BUSINESS_FR: ReminderTemplate[] = [
  t('courtesy', 'fr', 'business', 'courtesy', 'Pré-relance courtoise (J-5)', 'Facture {{invoiceNumber}} : échéance le {{dueDate}}', `Bonjour {{clientName}},

Pour mémoire, la facture {{invoiceNumber}} du {{issueDate}}, d'un montant restant dû de {{balanceAmount}}, arrive à échéance le {{dueDate}}. Vous en trouverez une copie jointe.

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.

${SIGNATURE_FR}`),
  t('reminder', 'fr', 'business', 'reminder', 'Relance à échéance (J+1)', 'Relance : facture {{invoiceNumber}} échue le {{dueDate}}', `Bonjour {{clientName}},

Sauf erreur de notre part, la facture {{invoiceNumber}} du {{issueDate}}, échue le {{dueDate}}, reste impayée pour un montant de {{balanceAmount}}.

Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux annuel de {{penaltyRate}} et une indemnité forfaitaire pour frais de recouvrement de {{indemnityAmount}} sont exigibles de plein droit dès le lendemain de la date d'échéance.

Merci de procéder au règlement dans les meilleurs délais.
{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

${SIGNATURE_FR}`),
  t('firm', 'fr', 'business', 'firm', 'Relance ferme (J+8)', 'Deuxième relance : facture {{invoiceNumber}} impayée depuis {{daysLate}} jours', `Bonjour {{clientName}},

Malgré notre précédente relance, la facture {{invoiceNumber}} du {{issueDate}}, échue le {{dueDate}}, reste impayée depuis {{daysLate}} jours.

Montant restant dû : {{balanceAmount}}
Pénalités de retard à ce jour (taux {{penaltyRate}}) : {{penaltiesAmount}}
Indemnité forfaitaire pour frais de recouvrement : {{indemnityAmount}}

Nous vous demandons de régler ces sommes sans délai.
{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

${SIGNATURE_FR}`),
  t('formal-notice', 'fr', 'business', 'formal-notice', 'Mise en demeure (J+15)', 'Mise en demeure de payer – facture {{invoiceNumber}}', `{{clientName}}

Objet : mise en demeure de payer

Madame, Monsieur,

Malgré nos relances, la facture {{invoiceNumber}} émise le {{issueDate}} et échue le {{dueDate}} (montant TTC {{grossAmount}}, déjà réglé {{paidAmount}}) reste impayée depuis {{daysLate}} jours.

Par la présente, nous vous mettons en demeure de nous payer, au plus tard le {{deadlineDate}}, soit dans un délai de 8 jours :
- le solde de la facture : {{balanceAmount}} ;
- les pénalités de retard au taux de {{penaltyRate}}, soit {{penaltiesAmount}} à ce jour, à parfaire jusqu'au paiement ;
- l'indemnité forfaitaire pour frais de recouvrement de {{indemnityAmount}} (articles L441-10 et D441-5 du Code de commerce).

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

À défaut de paiement dans ce délai, nous saisirons sans autre avis le tribunal compétent d'une requête en injonction de payer.

{{companyName}} (SIREN {{companySiren}})
{{companyEmail}} {{companyPhone}}`),
];

const CONSUMER_FR: ReminderTemplate[] = [
  t('courtesy-consumer', 'fr', 'consumer', 'courtesy', 'Petit rappel avant échéance (J-5)', 'Votre facture {{invoiceNumber}} arrive à échéance le {{dueDate}}', `Bonjour {{clientName}},

Merci encore pour votre confiance. Petit rappel : la facture {{invoiceNumber}} du {{issueDate}}, d'un montant de {{balanceAmount}}, arrive à échéance le {{dueDate}}. Vous la trouverez en pièce jointe.

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

Si vous avez déjà réglé, merci et ne tenez pas compte de ce message.

${SIGNATURE_FR}`),
  t('reminder-consumer', 'fr', 'consumer', 'reminder', 'Rappel amical (J+1)', 'Rappel : votre facture {{invoiceNumber}}', `Bonjour {{clientName}},

Sauf erreur de notre part, nous n'avons pas encore reçu le règlement de la facture {{invoiceNumber}} du {{issueDate}}, arrivée à échéance le {{dueDate}}, pour un montant de {{balanceAmount}}. Il s'agit sans doute d'un simple oubli.

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

Pour toute question, vous pouvez nous joindre à {{companyEmail}} ou au {{companyPhone}}.

${SIGNATURE_FR}`),
  t('firm-consumer', 'fr', 'consumer', 'firm', 'Second rappel, solution de paiement (J+8)', 'Second rappel : votre facture {{invoiceNumber}}', `Bonjour {{clientName}},

La facture {{invoiceNumber}} du {{issueDate}}, échue le {{dueDate}}, reste à régler pour un montant de {{balanceAmount}}.

Si un règlement en une seule fois vous pose difficulté, nous pouvons convenir ensemble d'un paiement en plusieurs fois. Il suffit de nous contacter à {{companyEmail}} ou au {{companyPhone}}.

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

${SIGNATURE_FR}`),
  t('formal-notice-consumer', 'fr', 'consumer', 'formal-notice', 'Mise en demeure (J+15)', 'Mise en demeure de payer – facture {{invoiceNumber}}', `{{clientName}}

Objet : mise en demeure de payer

Madame, Monsieur,

Malgré nos rappels, la facture {{invoiceNumber}} du {{issueDate}}, échue le {{dueDate}} (montant TTC {{grossAmount}}, déjà réglé {{paidAmount}}), reste impayée.

Par la présente, nous vous mettons en demeure de nous régler la somme de {{balanceAmount}} au plus tard le {{deadlineDate}}. Conformément à l'article 1231-6 du Code civil, cette somme produira des intérêts au taux légal à compter de la réception de la présente.

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

Si vous souhaitez un paiement en plusieurs fois ou si un point de la facture vous semble à revoir, contactez-nous à {{companyEmail}} ou au {{companyPhone}} : nous cherchons avant tout une solution amiable.

{{companyName}}`),
];

const BUSINESS_EN: ReminderTemplate[] = [
  t('courtesy-en', 'en', 'business', 'courtesy', 'Courtesy reminder (D-5)', 'Invoice {{invoiceNumber}}: due on {{dueDate}}', `Hello {{clientName}},

A quick note that invoice {{invoiceNumber}} of {{issueDate}}, with {{balanceAmount}} outstanding, falls due on {{dueDate}}. A copy is attached.

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

If payment is already on its way, please disregard this message.

${SIGNATURE_EN}`),
  t('reminder-en', 'en', 'business', 'reminder', 'Reminder at due date (D+1)', 'Reminder: invoice {{invoiceNumber}} was due on {{dueDate}}', `Hello {{clientName}},

Unless we are mistaken, invoice {{invoiceNumber}} of {{issueDate}}, due on {{dueDate}}, remains unpaid for {{balanceAmount}}.

Under article L441-10 of the French Commercial Code, late-payment penalties at an annual rate of {{penaltyRate}} and a fixed recovery indemnity of {{indemnityAmount}} apply by law from the day after the due date.

Please arrange payment as soon as possible.
{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

${SIGNATURE_EN}`),
  t('firm-en', 'en', 'business', 'firm', 'Firm reminder (D+8)', 'Second reminder: invoice {{invoiceNumber}} unpaid for {{daysLate}} days', `Hello {{clientName}},

Despite our previous reminder, invoice {{invoiceNumber}} of {{issueDate}}, due on {{dueDate}}, has been unpaid for {{daysLate}} days.

Balance due: {{balanceAmount}}
Late-payment penalties to date (rate {{penaltyRate}}): {{penaltiesAmount}}
Fixed recovery indemnity: {{indemnityAmount}}

We ask you to pay these amounts without delay.
{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

${SIGNATURE_EN}`),
  t('formal-notice-en', 'en', 'business', 'formal-notice', 'Formal notice (D+15)', 'Formal notice to pay (mise en demeure de payer) – invoice {{invoiceNumber}}', `{{clientName}}

Subject: formal notice to pay (mise en demeure de payer)

Dear Sir or Madam,

Despite our reminders, invoice {{invoiceNumber}} issued on {{issueDate}} and due on {{dueDate}} (total {{grossAmount}}, already paid {{paidAmount}}) has been unpaid for {{daysLate}} days.

We hereby give you formal notice to pay us, by {{deadlineDate}} at the latest, that is within 8 days:
- the invoice balance: {{balanceAmount}};
- late-payment penalties at {{penaltyRate}}, {{penaltiesAmount}} to date, accruing until payment;
- the fixed recovery indemnity of {{indemnityAmount}} (articles L441-10 and D441-5 of the French Commercial Code).

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

Failing payment within this period, we will apply to the competent court for an order for payment (injonction de payer) without further notice.

{{companyName}} (SIREN {{companySiren}})
{{companyEmail}} {{companyPhone}}`),
];

const CONSUMER_EN: ReminderTemplate[] = [
  t('courtesy-consumer-en', 'en', 'consumer', 'courtesy', 'Friendly note before due date (D-5)', 'Your invoice {{invoiceNumber}} is due on {{dueDate}}', `Hello {{clientName}},

Thank you again for your trust. A friendly note: invoice {{invoiceNumber}} of {{issueDate}}, for {{balanceAmount}}, is due on {{dueDate}}. You will find it attached.

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

If you have already paid, thank you, and please ignore this message.

${SIGNATURE_EN}`),
  t('reminder-consumer-en', 'en', 'consumer', 'reminder', 'Friendly reminder (D+1)', 'Reminder: your invoice {{invoiceNumber}}', `Hello {{clientName}},

Unless we are mistaken, we have not yet received payment of invoice {{invoiceNumber}} of {{issueDate}}, due on {{dueDate}}, for {{balanceAmount}}. It is probably a simple oversight.

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

If you have any question, you can reach us at {{companyEmail}} or {{companyPhone}}.

${SIGNATURE_EN}`),
  t('firm-consumer-en', 'en', 'consumer', 'firm', 'Second reminder, payment plan (D+8)', 'Second reminder: your invoice {{invoiceNumber}}', `Hello {{clientName}},

Invoice {{invoiceNumber}} of {{issueDate}}, due on {{dueDate}}, still has {{balanceAmount}} to pay.

If paying in one go is difficult, we can agree on a payment plan together. Just contact us at {{companyEmail}} or {{companyPhone}}.

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

${SIGNATURE_EN}`),
  t('formal-notice-consumer-en', 'en', 'consumer', 'formal-notice', 'Formal notice (D+15)', 'Formal notice to pay (mise en demeure de payer) – invoice {{invoiceNumber}}', `{{clientName}}

Subject: formal notice to pay (mise en demeure de payer)

Dear Sir or Madam,

Despite our reminders, invoice {{invoiceNumber}} of {{issueDate}}, due on {{dueDate}} (total {{grossAmount}}, already paid {{paidAmount}}), remains unpaid.

We hereby give you formal notice to pay the sum of {{balanceAmount}} by {{deadlineDate}}. Under article 1231-6 of the French Civil Code, this sum will bear interest at the legal rate from receipt of this notice.

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

If you would like to pay in instalments, or if something on the invoice needs another look, contact us at {{companyEmail}} or {{companyPhone}}: we are first and foremost looking for an amicable solution.

{{companyName}}`),
];

/**
 * Payment-plan reminders (échéancier), for business and consumer clients alike: they never
 * mention penalties or the €40 (a consumer may receive them), only the instalment and the plan.
 */
const plan = (id: string, language: 'fr' | 'en', tone: TemplateTone, name: string, subject: string, body: string): ReminderTemplate => ({
  id, name, language, tone, subject, body, attachInvoicePdf: true, letter: false,
});

const PLAN_TEMPLATES: ReminderTemplate[] = [
  plan('instalment-courtesy', 'fr', 'courtesy', "Échéancier : rappel avant l'échéance", 'Facture {{invoiceNumber}} : échéance {{instalmentNumber}}/{{instalmentCount}} le {{instalmentDueDate}}', `Bonjour {{clientName}},

Pour mémoire, l'échéance {{instalmentNumber}} sur {{instalmentCount}} de l'échéancier convenu pour la facture {{invoiceNumber}}, d'un montant de {{instalmentAmount}}, arrive le {{instalmentDueDate}}.

Rappel de l'échéancier :
{{planSchedule}}

{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.

${SIGNATURE_FR}`),
  plan('instalment-late', 'fr', 'reminder', 'Échéancier : échéance manquée', 'Facture {{invoiceNumber}} : échéance {{instalmentNumber}}/{{instalmentCount}} non reçue', `Bonjour {{clientName}},

Sauf erreur de notre part, l'échéance {{instalmentNumber}} sur {{instalmentCount}} de l'échéancier convenu pour la facture {{invoiceNumber}}, prévue le {{instalmentDueDate}}, ne nous est pas parvenue : il reste {{instalmentAmount}} à régler sur cette échéance.

Rappel de l'échéancier :
{{planSchedule}}

Merci de régulariser rapidement pour que l'échéancier reste en place ; si une difficulté survient, contactez-nous à {{companyEmail}}.
{{paymentInstructions}}
Facture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}

${SIGNATURE_FR}`),
  plan('instalment-courtesy-en', 'en', 'courtesy', 'Payment plan: reminder before an instalment', 'Invoice {{invoiceNumber}}: instalment {{instalmentNumber}}/{{instalmentCount}} due on {{instalmentDueDate}}', `Hello {{clientName}},

A friendly note: instalment {{instalmentNumber}} of {{instalmentCount}} of the payment plan agreed for invoice {{invoiceNumber}}, for {{instalmentAmount}}, is due on {{instalmentDueDate}}.

Your payment plan:
{{planSchedule}}

{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

If you have already paid, thank you, and please ignore this message.

${SIGNATURE_EN}`),
  plan('instalment-late-en', 'en', 'reminder', 'Payment plan: missed instalment', 'Invoice {{invoiceNumber}}: instalment {{instalmentNumber}}/{{instalmentCount}} not received', `Hello {{clientName}},

Unless we are mistaken, instalment {{instalmentNumber}} of {{instalmentCount}} of the payment plan agreed for invoice {{invoiceNumber}}, due on {{instalmentDueDate}}, has not reached us: {{instalmentAmount}} is still to pay on it.

Your payment plan:
{{planSchedule}}

Please settle it soon so that the plan stays in place; if something makes it difficult, contact us at {{companyEmail}}.
{{paymentInstructions}}
Your invoice online (pay, tell us you paid, ask a question): {{portalUrl}}

${SIGNATURE_EN}`),
];

/** The thank-you sent once when an invoice becomes paid (settings `thankOnPayment`): short, no attachment, any client kind. */
export const THANK_YOU_TEMPLATE_ID = 'thank-you';
/** The thank-you for a partial payment (settings `thankOnPartial`): what is paid so far and what is left. */
export const THANK_YOU_PARTIAL_TEMPLATE_ID = 'thank-you-partial';
const thanks = (id: string, language: 'fr' | 'en', name: string, subject: string, body: string): ReminderTemplate => ({
  id, name, language, tone: 'courtesy', subject, body, attachInvoicePdf: false, letter: false,
});

const THANK_YOU_TEMPLATES: ReminderTemplate[] = [
  thanks(THANK_YOU_TEMPLATE_ID, 'fr', 'Remerciement après paiement', 'Merci pour votre règlement – facture {{invoiceNumber}}', `Bonjour {{clientName}},

Nous avons bien reçu le règlement de la facture {{invoiceNumber}} du {{issueDate}}. Merci beaucoup pour votre confiance.

${SIGNATURE_FR}`),
  thanks(`${THANK_YOU_TEMPLATE_ID}-en`, 'en', 'Thank you after payment', 'Thank you for your payment – invoice {{invoiceNumber}}', `Hello {{clientName}},

We have received the payment of invoice {{invoiceNumber}} of {{issueDate}}. Thank you very much for your trust.

${SIGNATURE_EN}`),
  thanks(THANK_YOU_PARTIAL_TEMPLATE_ID, 'fr', 'Remerciement après un paiement partiel', 'Merci pour votre règlement – facture {{invoiceNumber}}', `Bonjour {{clientName}},

Nous avons bien reçu votre règlement pour la facture {{invoiceNumber}} du {{issueDate}} : {{paidAmount}} réglés à ce jour, il reste {{balanceAmount}} à payer. Merci beaucoup pour votre confiance.

${SIGNATURE_FR}`),
  thanks(`${THANK_YOU_PARTIAL_TEMPLATE_ID}-en`, 'en', 'Thank you after a partial payment', 'Thank you for your payment – invoice {{invoiceNumber}}', `Hello {{clientName}},

We have received your payment towards invoice {{invoiceNumber}} of {{issueDate}}: {{paidAmount}} paid so far, {{balanceAmount}} still to pay. Thank you very much for your trust.

${SIGNATURE_EN}`),
];

/**
 * Short texts for `sms` steps: they name the sender first (DOMAIN.md §4) and carry the pay link
 * (settings.paymentUrl; without one, the transfer reference). No fee, no threat: fit for any client.
 */
const sms = (id: string, language: 'fr' | 'en', name: string, body: string): ReminderTemplate => ({
  id, name, language, tone: 'reminder', subject: name, body, attachInvoicePdf: false, letter: false,
});
const SMS: ReminderTemplate[] = [
  sms('sms-reminder', 'fr', 'SMS de relance', '{{companyName}} : la facture {{invoiceNumber}} ({{balanceAmount}}) est échue depuis le {{dueDate}}. Pour régler : {{paymentLink}} Déjà réglé ? Merci d\'ignorer ce message.'),
  sms('sms-reminder-en', 'en', 'Reminder text', '{{companyName}}: invoice {{invoiceNumber}} ({{balanceAmount}}) was due on {{dueDate}}. To pay: {{paymentLink}} Already paid? Please ignore this message.'),
];

/** A text longer than this is refused on an sms step (three concatenated UCS-2 parts hold 201 characters, GSM-7 ones 459). */
export const SMS_TEMPLATE_MAX_CHARS = 320;

export const DEFAULT_TEMPLATES: ReminderTemplate[] = [...BUSINESS_FR, ...CONSUMER_FR, ...BUSINESS_EN, ...CONSUMER_EN, ...PLAN_TEMPLATES, ...SMS, ...THANK_YOU_TEMPLATES];

export const defaultTemplate = (id: string): ReminderTemplate | undefined => DEFAULT_TEMPLATES.find((tpl) => tpl.id === id);

/** What a template is for: a reminder the owner may send, or one the engine sends on its own occasions. */
export type TemplatePurpose = 'reminder' | 'sms' | 'instalment' | 'thank-you';
const PURPOSES = new Map<string, TemplatePurpose>([
  ...SMS.map((t): [string, TemplatePurpose] => [t.id, 'sms']),
  ...PLAN_TEMPLATES.map((t): [string, TemplatePurpose] => [t.id, 'instalment']),
  ...THANK_YOU_TEMPLATES.map((t): [string, TemplatePurpose] => [t.id, 'thank-you']),
]);
/** By id: a built-in keeps its purpose once customized; the owner's own templates are reminders. */
export const templatePurpose = (id: string): TemplatePurpose => PURPOSES.get(id) ?? 'reminder';

/**
 * The built-in template whose words fit the invoices when the one picked does not: none overdue, the courtesy one for a
 * firmer one (never "échue" nor a mise en demeure before the due date); one overdue, the first overdue reminder for the
 * built-in courtesy one the owner named (it told the client the invoice "arrive à échéance" on a past date; a template of
 * the owner's own keeps his words). Else undefined.
 */
/**
 * The built-in firm and formal-notice texts as the first message about an invoice (`reminderCount` 0: a mise en demeure
 * or a firm reminder sent by hand first, or a scenario opening with one): they said "Malgré nos relances" / "Deuxième
 * relance" to a client never reminded, while the mise en demeure letter attached says "Sauf erreur de notre part" (its
 * `firstNotice`) and a grouped message drops them too. Only the built-in phrases change; an owner's own words stay.
 */
const FIRST_NOTICE_WORDING: readonly (readonly [string, string])[] = [
  ['Malgré notre précédente relance, la facture', 'Sauf erreur de notre part, la facture'],
  ['Malgré nos relances, la facture', 'Sauf erreur de notre part, la facture'],
  ['Malgré nos rappels, la facture', 'Sauf erreur de notre part, la facture'],
  ['Despite our previous reminder, invoice', 'Unless we are mistaken, invoice'],
  ['Despite our reminders, invoice', 'Unless we are mistaken, invoice'],
];
const FIRST_NOTICE_SUBJECTS: readonly (readonly [string, string])[] = [
  ['Deuxième relance : ', 'Relance : '],
  ['Second rappel : ', 'Rappel : '],
  ['Second reminder: ', 'Reminder: '],
];
export const firstNoticeWording = (rendered: { subject: string; text: string }): { subject: string; text: string } => ({
  subject: FIRST_NOTICE_SUBJECTS.reduce((s, [from, to]) => (s.startsWith(from) ? to + s.slice(from.length) : s), rendered.subject),
  text: FIRST_NOTICE_WORDING.reduce((t, [from, to]) => t.replace(from, to), rendered.text),
});

export const fittingTemplateId = (tone: TemplateTone, named: string | undefined, overdue: boolean, consumer: boolean): string | undefined => {
  const id = !overdue ? (tone !== 'courtesy' ? 'courtesy' : undefined) : /^courtesy(-consumer)?(-en)?$/.test(named ?? '') ? 'reminder' : undefined;
  return id && (consumer ? `${id}-consumer` : id);
};

/**
 * Why a template cannot be a reminder the owner sends by hand (one invoice, a client's, a mass send),
 * or undefined when it can: a text message, a thank-you or (without a running plan) an instalment
 * reminder would reach the client as the wrong message, or with its placeholders left blank.
 */
export const manualTemplateRefusal = (id: string, planRunning: boolean): string | undefined => {
  const purpose = templatePurpose(id);
  if (purpose === 'sms') return `"${id}" is a text message template: a reminder email needs an email template`;
  if (purpose === 'thank-you') return `"${id}" thanks the client for a payment: it is not a reminder`;
  if (purpose === 'instalment' && !planRunning) return `"${id}" reminds an instalment of a payment plan, and no payment plan is running`;
  return undefined;
};
