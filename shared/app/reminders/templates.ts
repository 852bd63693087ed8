/**
 * A tenant's reminder templates: the built-in ones (DEFAULT_TEMPLATES) merged with the tenant's
 * stored ones, with the same copy-on-write and revert rules as scenarios. A template is only saved
 * when every `{{variable}}` it uses is one the renderer knows, so a client never gets a blank.
 */
import { addDays, localDate } from '../../domain/dates.js';
import { DEFAULT_TEMPLATES, defaultTemplate, firstNoticeWording, SMS_TEMPLATE_MAX_CHARS, templatePurpose, type ReminderTemplate, type TemplatePurpose } from '../../domain/default-templates.js';
import { invoiceBalanceCents, invoiceTotals } from '../../domain/invoice.js';
import { instalmentViews, type PaymentPlan } from '../../domain/payment-plan.js';
import { smsSegments } from '../../domain/sms-text.js';
import { contractRateOf, penaltyPreview, penaltyReductions, type PenaltyPreview } from '../../domain/penalties.js';
import { channelOf, type Scenario } from '../../domain/scenario.js';
import { renderTemplate, unclosedPlaceholders, unknownVariables } from '../../domain/template-render.js';
import { typeset, typesetMessage } from '../../domain/french-spacing.js';
import type { Client } from '../../domain/client.js';
import type { TemplateInput } from '../../domain/default-templates.js';
import type { Settings } from '../../domain/settings.js';
import { BusinessRuleError, ConflictError, NotFoundError, type FieldError } from '../errors.js';
import type {
  ClientRepository,
  Clock,
  IdGenerator,
  InvoiceRecord,
  InvoiceRepository,
  Mailer,
  PaymentRecord,
  PdfRenderer,
  SettingsRepository,
  TenantDocuments,
} from '../ports.js';
import { composeReminder, creditNotesOf, depositsSettledOf, reminderVariables, withDepositsSettled } from './compose-reminder.js';
import { renderSmsText, smsVariables } from './compose-sms.js';
import { consumerTemplateErrors } from './consumer-templates.js';
import { libraryOf, newDocumentId, type LibraryEntry } from './scenarios.js';
import { DEFAULT_SCENARIOS } from '../../domain/default-scenarios.js';
import type { PortalLinks } from '../portal/portal-links.js';

export interface TemplateView extends ReminderTemplate {
  readonly builtIn: boolean;
  readonly customized: boolean;
  /** `reminder` (what the owner sends by hand), or a built-in for the engine's texts, plans and thanks. */
  readonly purpose: TemplatePurpose;
}

const view = ({ doc, builtIn, customized }: LibraryEntry<ReminderTemplate>): TemplateView => ({
  id: doc.id,
  name: doc.name,
  language: doc.language,
  ...(doc.kind ? { kind: doc.kind } : {}),
  tone: doc.tone,
  subject: doc.subject,
  body: doc.body,
  attachInvoicePdf: doc.attachInvoicePdf,
  letter: doc.letter,
  builtIn,
  customized,
  purpose: templatePurpose(doc.id),
});

export interface TemplateDeps {
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly scenarios: TenantDocuments<Scenario>;
  /** To know which scenarios reach consumers: a penalty template may not (consumer-templates.ts). */
  readonly clients: ClientRepository;
  readonly ids: IdGenerator;
}

/** One field error per text naming its unknown placeholders. */
export const templateFieldErrors = (input: Pick<TemplateInput, 'subject' | 'body'>): FieldError[] =>
  (['subject', 'body'] as const).flatMap((field) => {
    const unknown = unknownVariables(input[field]);
    const unclosed = unclosedPlaceholders(input[field]);
    return [
      ...(unknown.length === 0 ? [] : [{ path: `body.${field}`, message: `unknown variables: ${unknown.map((v) => `{{${v}}}`).join(', ')}` }]),
      // Saved, it went out as typed: "Facture {{invoiceNumber" in the client's inbox.
      ...(unclosed.length === 0 ? [] : [{ path: `body.${field}`, message: `has a variable without its braces: ${unclosed.join(', ')}` }]),
    ];
  });

const toTemplate = (id: string, input: TemplateInput): ReminderTemplate => {
  const errors = templateFieldErrors(input);
  if (errors.length > 0) throw new BusinessRuleError('unknown-variables', 'The template uses variables that do not exist', errors);
  return {
    id,
    name: input.name,
    language: input.language,
    ...(input.kind ? { kind: input.kind } : {}),
    tone: input.tone,
    subject: input.subject,
    body: input.body,
    attachInvoicePdf: input.attachInvoicePdf,
    letter: input.letter,
  };
};

export const makeTemplateLibrary = (deps: TemplateDeps) => {
  const library = libraryOf(DEFAULT_TEMPLATES, deps.templates);
  const scenarios = libraryOf(DEFAULT_SCENARIOS, deps.scenarios);
  /** 422 when the template mentions penalties and would reach a consumer. */
  const checkConsumers = async (tenantId: string, template: ReminderTemplate): Promise<void> => {
    const all = (await scenarios.list(tenantId)).map((e) => e.doc);
    const errors = await consumerTemplateErrors({ clients: deps.clients, scenarios: all }, tenantId, template);
    if (errors.length > 0) throw new BusinessRuleError('penalties-for-consumer', 'The template mentions penalties and would reach a consumer', errors);
  };
  /** 422 when a text message's template (a built-in SMS text, or one a scenario sends as a text) grows past what a text holds: the scenario check, kept on edit. */
  const checkTextLength = async (tenantId: string, template: ReminderTemplate): Promise<void> => {
    if (template.body.length <= SMS_TEMPLATE_MAX_CHARS) return;
    const texts = (await scenarios.list(tenantId)).map((e) => e.doc).filter((s) => s.steps.some((step) => step.templateId === template.id && channelOf(step) === 'sms'));
    if (templatePurpose(template.id) !== 'sms' && texts.length === 0) return;
    throw new BusinessRuleError('sms-template-too-long', 'The template is sent as a text message: it must stay short', [
      { path: 'body.body', message: `is too long for a text message (${template.body.length} characters, at most ${SMS_TEMPLATE_MAX_CHARS})` },
    ]);
  };
  /** 422 when a letter step sends the template and the edit makes it gentler than a formal notice: the scenario check, kept on edit. */
  const checkLetterTone = async (tenantId: string, template: ReminderTemplate): Promise<void> => {
    if (template.tone === 'formal-notice') return;
    const letters = (await scenarios.list(tenantId)).map((e) => e.doc).filter((s) => s.steps.some((step) => step.templateId === template.id && channelOf(step) === 'letter'));
    if (letters.length === 0) return;
    throw new BusinessRuleError('template-sent-as-letter', 'A letter step sends this template: it stays a formal notice', [
      { path: 'body.tone', message: 'must stay formal-notice: a letter step sends this template (the letter is the mise en demeure)' },
    ]);
  };
  const find = async (tenantId: string, id: string): Promise<LibraryEntry<ReminderTemplate>> => {
    const entry = await library.find(tenantId, id);
    if (!entry) throw new NotFoundError('Template');
    return entry;
  };

  return {
    list: async (tenantId: string): Promise<TemplateView[]> => (await library.list(tenantId)).map(view),

    get: async (tenantId: string, id: string): Promise<TemplateView> => view(await find(tenantId, id)),

    /** Read-then-write (the port has no conditional put); the Idempotency-Key covers client retries. */
    create: async (tenantId: string, input: TemplateInput & { id?: string | undefined }): Promise<TemplateView> => {
      const id = input.id ?? newDocumentId(deps.ids);
      const template = toTemplate(id, input);
      if (library.isBuiltIn(id)) throw new ConflictError(`"${id}" is a built-in template: PUT /templates/${id} to customise it`, [{ path: 'body.id', message: 'is a built-in template' }]);
      if (await deps.templates.get(tenantId, id)) throw new ConflictError(`A template "${id}" already exists`, [{ path: 'body.id', message: 'is already used by a template' }]);
      await checkConsumers(tenantId, template);
      await deps.templates.put(tenantId, template);
      return view({ doc: template, builtIn: false, customized: false });
    },

    /** Replaces a custom template, or stores the tenant's editable copy of a built-in one. */
    put: async (tenantId: string, id: string, input: TemplateInput): Promise<TemplateView> => {
      const template = toTemplate(id, input);
      const { builtIn, doc: current } = await find(tenantId, id);
      // A built-in consumer template stays one, even when the edit leaves `kind` out.
      const checkedAs = template.kind === undefined && current.kind === 'consumer' ? { ...template, kind: current.kind } : template;
      await checkConsumers(tenantId, checkedAs);
      await checkTextLength(tenantId, template);
      await checkLetterTone(tenantId, template);
      await deps.templates.put(tenantId, template);
      return view({ doc: template, builtIn, customized: builtIn });
    },

    /**
     * Deletes a custom template, or reverts a customised built-in (which keeps every scenario
     * working). A custom template a stored scenario still names cannot go: its steps would fail.
     */
    remove: async (tenantId: string, id: string): Promise<void> => {
      const entry = await find(tenantId, id);
      if (entry.builtIn && !entry.customized) {
        throw new BusinessRuleError('built-in-template', `"${id}" is a built-in template: it cannot be deleted`, [{ path: 'path.id', message: 'is a built-in template: it can be changed, not deleted' }]);
      }
      if (!entry.builtIn) {
        const users = (await deps.scenarios.list(tenantId)).filter((s) => s.steps.some((step) => step.templateId === id));
        if (users.length > 0) {
          throw new BusinessRuleError(
            'template-in-use',
            `The template is used by ${users.map((s) => `"${s.name}"`).join(', ')}: change those scenarios first`,
            users.map((s) => ({ path: 'path.id', message: `used by scenario ${s.id}` })),
          );
        }
      }
      await deps.templates.delete(tenantId, id);
    },
  };
};
export type TemplateLibrary = ReturnType<typeof makeTemplateLibrary>;

export interface TemplateTryDeps {
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  /** The invoice's portal link as a preview shows it (`/p/preview`: no token is created for a preview). */
  readonly portalLinks?: Pick<PortalLinks, 'preview'>;
}

/** Exactly the template asked for (tenant copy, else built-in): no language variant is swapped in. */
const templateFor = async (templates: TenantDocuments<ReminderTemplate>, tenantId: string, id: string): Promise<ReminderTemplate> => {
  const found = (await templates.get(tenantId, id)) ?? defaultTemplate(id);
  if (!found) throw new NotFoundError('Template');
  return found;
};

/**
 * A real invoice to render with. Drafts are refused (422): no reminder ever goes out for one, and
 * without its number the text would read "Facture  :".
 */
const invoiceMaterial = async (deps: TemplateTryDeps, tenantId: string, invoiceId: string) => {
  const invoice = await deps.invoices.get(tenantId, invoiceId);
  if (!invoice) throw new NotFoundError('Invoice');
  if (invoice.status === 'draft' || !invoice.number) {
    throw new BusinessRuleError('invoice-draft', 'A draft has no number yet: send it first, or preview with a sent invoice', [
      { path: 'body.invoiceId', message: 'is a draft' },
    ]);
  }
  const [client, payments, creditNotes, depositsSettled] = await Promise.all([deps.clients.get(tenantId, invoice.clientId), deps.invoices.payments(tenantId, invoiceId), creditNotesOf(deps.invoices, invoice), depositsSettledOf(deps.invoices, invoice)]);
  if (!client) throw new NotFoundError('Client');
  return { invoice, client, payments, creditNotes, ...withDepositsSettled(depositsSettled) };
};

/**
 * Variables are formatted in the template's own language (an English template shows English
 * dates even for a French client): what is previewed is the template, not the client's variant.
 */
const inTemplateLanguage = (client: Client, template: Pick<ReminderTemplate, 'language'>): Client => ({ ...client, language: template.language });

/**
 * The payment plan a plan template (`instalment-*`) is previewed or tested with, and the instalment it is about: the
 * invoice's own plan, else (an invoice without one, the editor's live preview on any invoice) an example plan of its
 * balance in two instalments, the first 3 days late, the second in 27 days (as the sample invoice's); a preview or a
 * test otherwise read "l'échéance  sur  … prévue le ," with its figures blank. The late one is about the first
 * instalment late, the courtesy one about the first to come (it says "arrive le": never a date passed), else the
 * oldest still due.
 */
const planOf = (invoice: InvoiceRecord, today: string, templateId: string): { plan: PaymentPlan; instalment: number } | undefined => {
  if (templatePurpose(templateId) !== 'instalment' && !invoice.paymentPlan) return undefined;
  const balance = invoiceBalanceCents(invoice) > 0 ? invoiceBalanceCents(invoice) : invoice.totals.grossCents;
  const half = Math.ceil(balance / 2);
  const plan: PaymentPlan = invoice.paymentPlan ?? {
    seq: 1, createdAt: invoice.updatedAt, totalCents: balance, waivePenalties: false, source: 'owner', status: 'active',
    instalments: [{ dueDate: addDays(today, -3), amountCents: half }, { dueDate: addDays(today, 27), amountCents: balance - half }],
  };
  const views = instalmentViews(plan, invoice.paymentPlan ? invoiceBalanceCents(invoice) : balance, today);
  const wanted = /^instalment-late/.test(templateId) ? 'late' : /^instalment-courtesy/.test(templateId) ? 'pending' : undefined;
  const about = wanted ? views.findIndex((r) => r.dueCents > 0 && r.status === wanted) : -1;
  return { plan, instalment: about >= 0 ? about : Math.max(0, views.findIndex((r) => r.dueCents > 0)) };
};

export interface TemplatePreview {
  readonly subject: string;
  readonly body: string;
  readonly variables: Record<string, string>;
  /** Business clients only: the penalties the variables show, with the rate's source (`estimated` for a semester not in the table yet). */
  readonly penalties?: PenaltyPreview;
}

export const makePreviewTemplate = (deps: TemplateTryDeps) =>
  async (tenantId: string, templateId: string, invoiceId: string, language?: ReminderTemplate['language']): Promise<TemplatePreview> => {
    const [saved, material, settings] = await Promise.all([
      templateFor(deps.templates, tenantId, templateId),
      invoiceMaterial(deps, tenantId, invoiceId),
      deps.settings.get(tenantId),
    ]);
    // The editor previews the language being chosen before it is saved (an English text with French dates otherwise).
    const template = language ? { ...saved, language } : saved;
    const now = deps.clock.now();
    const portalUrl = deps.portalLinks?.preview(material.invoice);
    const { payments, creditNotes } = material;
    const plan = planOf(material.invoice, localDate(now, settings.timezone), saved.id);
    const variables = reminderVariables({ invoice: material.invoice, client: inTemplateLanguage(material.client, template), settings, payments, creditNotes, ...withDepositsSettled(material.depositsSettledCents), asOf: now, ...(portalUrl ? { portalUrl } : {}), ...(plan ? { plan } : {}) });
    // The same amount as the variables: on what was unpaid each day.
    const penalties = penaltyPreview(material.client.kind, {
      unpaidCents: invoiceBalanceCents(material.invoice),
      dueDate: material.invoice.dueDate,
      asOf: localDate(now, settings.timezone),
      reductions: penaltyReductions(payments, creditNotes, material.invoice),
      ...(contractRateOf(settings, material.invoice) !== undefined ? { contractualRatePercent: contractRateOf(settings, material.invoice)! } : {}),
    });
    // A text message's template reads as the text goes: the pay link falls back to the transfer reference, on one line.
    if (templatePurpose(saved.id) === 'sms') {
      return { subject: renderTemplate(template.subject, variables), body: renderSmsText(template.body, variables, template.language), variables: smsVariables(variables, template.language), ...(penalties ? { penalties } : {}) };
    }
    const rendered = { subject: renderTemplate(template.subject, variables), text: renderTemplate(template.body, variables) };
    // As the email goes: the first message about the invoice says no "Malgré nos relances" (composeReminder).
    const worded = (material.invoice.reminderCount ?? 0) === 0 && (saved.tone === 'firm' || saved.tone === 'formal-notice') ? firstNoticeWording(rendered) : rendered;
    // With its French typography (composeReminder): the preview reads as the email goes.
    const { subject, text } = typesetMessage(worded, template.language);
    return { subject, body: text, variables, ...(penalties ? { penalties } : {}) };
  };

export interface TestSendDeps extends TemplateTryDeps {
  readonly mailer: Mailer;
  readonly pdf: PdfRenderer;
}

export interface TestSendRequest {
  readonly invoiceId?: string | undefined;
  readonly to?: string | undefined;
  /** The signed-in user's address (JWT `email` claim). */
  readonly userEmail?: string | undefined;
}

/**
 * Sends the rendered template, PDFs included, to the tenant's own address, never to a client
 * (no cc). Without an invoice it renders a fictional sample built in memory: nothing is written.
 */
export const makeTestTemplate = (deps: TestSendDeps) =>
  async (tenantId: string, templateId: string, request: TestSendRequest): Promise<{ messageId: string; to: string }> => {
    const [template, settings] = await Promise.all([templateFor(deps.templates, tenantId, templateId), deps.settings.get(tenantId)]);
    const to = request.to ?? request.userEmail ?? settings.company.email;
    if (!to) {
      throw new BusinessRuleError('no-test-address', 'No address to send the test to: give `to`, or set company.email in /settings', [
        { path: 'body.to', message: 'is required when the account has no email address' },
      ]);
    }
    const now = deps.clock.now();
    const purpose = templatePurpose(template.id);
    const material = request.invoiceId ? await invoiceMaterial(deps, tenantId, request.invoiceId) : sampleMaterial(tenantId, now, settings, { withPlan: purpose === 'instalment' });
    const plan = planOf(material.invoice, localDate(now, settings.timezone), template.id);
    const client = inTemplateLanguage(material.client, template);
    if (purpose === 'sms') {
      // A text message reads as the client's phone shows it (pay link filled, one line), with what it costs.
      const variables = reminderVariables({ ...material, client, settings, asOf: now, ...(plan ? { plan } : {}) });
      const text = renderSmsText(template.body, variables, template.language);
      const { encoding, units, segments } = smsSegments(text);
      const cost = template.language === 'en' ? `(This text goes out as ${segments} SMS: ${units} ${encoding} characters.)` : `(Ce texte part en ${segments} SMS : ${units} caractères ${encoding}.)`;
      // The text itself as the phone gets it (GSM-7, plain spaces); the email's own words in French typography.
      const { messageId } = await deps.mailer.send({ to: [to], subject: `[TEST] ${typeset(renderTemplate(template.subject, variables), template.language)}`, text: `${text}\n\n${typeset(cost, template.language)}`, tags: { tenant: tenantId, kind: 'test', template: template.id } });
      return { messageId, to };
    }
    const email = await composeReminder(
      { ...material, client, settings, template, asOf: now, ...(plan ? { plan } : {}) },
      deps.pdf,
      [to],
    );
    // No invoice tag: delivery events of a test must not land on a real invoice's timeline.
    const { messageId } = await deps.mailer.send({ ...email, subject: `[TEST] ${email.subject}`, tags: { tenant: tenantId, kind: 'test', template: template.id } });
    return { messageId, to };
  };

const SAMPLE_LINES = [{ description: 'Prestation d’exemple (facture fictive)', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] as const;

/** A clearly fictional business client and invoice, 10 days late with one partial payment. */
export const sampleMaterial = (tenantId: string, now: Date, settings: Settings, { withPlan = false } = {}): { invoice: InvoiceRecord; client: Client; payments: PaymentRecord[] } => {
  const today = localDate(now, settings.timezone);
  const at = now.toISOString();
  const client: Client = {
    id: 'exemple',
    name: 'Client Exemple SARL (fictif)',
    kind: 'business',
    email: 'client.exemple@example.invalid',
    ccEmails: [],
    address: { line1: '1 rue de l’Exemple', postalCode: '75001', city: 'Paris', country: 'FR' },
    language: 'fr',
    remindersEnabled: true,
    emailStatus: 'ok',
    createdAt: at,
    updatedAt: at,
  };
  const payment: PaymentRecord = { id: 'exemple', invoiceId: 'exemple', amountCents: 20_000, date: addDays(today, -5), method: 'transfer', createdAt: at };
  const invoice: InvoiceRecord = {
    id: 'exemple',
    tenantId,
    clientId: client.id,
    clientKind: 'business',
    number: 'F-EXEMPLE-0001',
    issueDate: addDays(today, -40),
    dueDate: addDays(today, -10),
    lines: SAMPLE_LINES.map((l) => ({ ...l })),
    currency: 'EUR',
    totals: invoiceTotals(SAMPLE_LINES.map((l) => ({ ...l }))),
    paidCents: payment.amountCents,
    creditedCents: 0,
    status: 'partially_paid',
    remindersPaused: false,
    disputed: false,
    sentAt: at,
    // 10 days late, reminded once: the firm and formal-notice templates read as written (not as a first message).
    reminderCount: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  // A plan template's sample: the balance in two instalments, the first one 3 days late.
  const paymentPlan: PaymentPlan = {
    seq: 1, createdAt: at, totalCents: 100_000, waivePenalties: false, source: 'owner', status: 'active',
    instalments: [{ dueDate: addDays(today, -3), amountCents: 50_000 }, { dueDate: addDays(today, 27), amountCents: 50_000 }],
  };
  return { invoice: withPlan ? { ...invoice, paymentPlan } : invoice, client, payments: [payment] };
};
