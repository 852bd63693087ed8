import { euros, shortDate, type Language } from './format.js';
import { SMALL_CLAIM_LIMIT_CENTS } from './letter-types.js';

interface LetterText {
  readonly registered: string;
  readonly placeDate: (city: string | undefined, date: string) => string;
  readonly subject: (numbers: readonly string[]) => string;
  readonly salutation: string;
  readonly intro: { readonly business: (client: string, seller: string) => string; readonly consumer: (client: string, seller: string) => string };
  readonly columns: readonly [string, string, string, string, string, string];
  readonly unpaidTotal: string;
  /** The per-invoice table: how late each invoice is and, for a business, its own penalties and €40. */
  readonly detail: { readonly title: string; readonly columns: readonly [string, string, string, string, string, string]; readonly late: (days: number) => string };
  readonly penalties: (date: string) => string;
  /** Said under the penalties when their rate is not the published one of each semester. */
  readonly rateSource: { readonly estimated: string; readonly contract: string };
  readonly indemnity: (count: number | undefined) => string;
  readonly total: string;
  readonly demand: { readonly business: (total: number, days: number) => string; readonly consumer: (total: number, days: number) => string };
  readonly penaltiesRun: string;
  readonly legalInterest: string;
  readonly paymentPlan: (contact: string) => string;
  readonly payment: (instructions: string) => string;
  readonly nextStep: { readonly business: string; readonly consumer: string };
  readonly smallClaim: string;
  readonly closing: string;
}

const fr: LetterText = {
  registered: 'Lettre recommandée avec accusé de réception',
  placeDate: (city, date) => (city ? `${city}, le ${shortDate(date)}` : `Le ${shortDate(date)}`),
  subject: (numbers) => `Objet : mise en demeure de payer — ${numbers.length > 1 ? 'factures' : 'facture'} n° ${numbers.join(', ')}`,
  salutation: 'Madame, Monsieur,',
  intro: {
    business: (client, seller) =>
      `Malgré nos précédentes relances, ${client} reste redevable envers ${seller} des sommes suivantes, dont l'échéance est dépassée :`,
    consumer: (client, seller) =>
      `Sauf erreur de notre part, les sommes suivantes dues par ${client} à ${seller} restent impayées à ce jour :`,
  },
  columns: ['Facture', 'Date', 'Échéance', 'Montant TTC', 'Déjà réglé', 'Reste dû'],
  unpaidTotal: 'Total des factures impayées',
  detail: {
    title: 'Détail par facture',
    columns: ['Facture', 'Échéance', 'Retard', 'Reste dû', 'Pénalités', 'Indemnité'],
    late: (days) => (days > 0 ? `${days} j` : '–'),
  },
  penalties: (date) => `Pénalités de retard arrêtées au ${shortDate(date)} (art. L441-10 du Code de commerce)`,
  rateSource: {
    estimated:
      "Taux estimé : le taux de la BCE du semestre en cours n'étant pas encore publié, le dernier taux connu est appliqué ; le montant sera ajusté.",
    contract: 'Pénalités calculées au taux convenu entre les parties.',
  },
  indemnity: (count) =>
    `Indemnité forfaitaire pour frais de recouvrement (${count ? `${euros(4000, 'fr')} × ${count}, ` : ''}art. D441-5 du Code de commerce)`,
  total: 'Total dû',
  demand: {
    business: (total, days) =>
      `Par la présente, nous vous mettons en demeure de payer la somme de ${euros(total, 'fr')} dans un délai de ${days} jours à compter de la réception de ce courrier.`,
    consumer: (total, days) =>
      `Nous vous demandons de bien vouloir régler la somme de ${euros(total, 'fr')} dans un délai de ${days} jours à compter de la réception de ce courrier. La présente lettre vaut mise en demeure de payer.`,
  },
  penaltiesRun: "Les pénalités de retard continuent de courir jusqu'au complet paiement.",
  legalInterest:
    "Conformément à l'article 1344-1 du Code civil, la somme due produira intérêts au taux légal à compter de la réception de cette lettre.",
  paymentPlan: (contact) =>
    `Si vous rencontrez des difficultés pour régler cette somme, contactez-nous (${contact}) : nous pouvons convenir ensemble d'un échéancier de paiement.`,
  payment: (instructions) => `Modalités de paiement : ${instructions}`,
  nextStep: {
    business:
      "À défaut de paiement dans ce délai, nous saisirons sans autre avis la juridiction compétente d'une requête en injonction de payer.",
    consumer:
      'À défaut de paiement ou de prise de contact dans ce délai, nous pourrons demander au juge une injonction de payer.',
  },
  smallClaim: `La créance n'excédant pas ${euros(SMALL_CLAIM_LIMIT_CENTS, 'fr')}, nous pourrons également recourir à la procédure simplifiée de recouvrement des petites créances par un commissaire de justice (art. L125-1 du Code des procédures civiles d'exécution).`,
  closing: "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
};

const en: LetterText = {
  registered: 'Registered letter with acknowledgement of receipt',
  placeDate: (city, date) => (city ? `${city}, ${shortDate(date)}` : shortDate(date)),
  subject: (numbers) =>
    `Subject: formal notice to pay (mise en demeure de payer) — ${numbers.length > 1 ? 'invoices' : 'invoice'} ${numbers.join(', ')}`,
  salutation: 'Dear Sir or Madam,',
  intro: {
    business: (client, seller) =>
      `Despite our previous reminders, ${client} still owes ${seller} the following amounts, which are past due:`,
    consumer: (client, seller) =>
      `Unless we are mistaken, the following amounts owed by ${client} to ${seller} remain unpaid:`,
  },
  columns: ['Invoice', 'Date', 'Due date', 'Amount incl. VAT', 'Paid', 'Balance'],
  unpaidTotal: 'Total of unpaid invoices',
  detail: {
    title: 'Per invoice',
    columns: ['Invoice', 'Due date', 'Days late', 'Balance', 'Penalties', 'Recovery fee'],
    late: (days) => (days > 0 ? `${days} d` : '–'),
  },
  penalties: (date) => `Late-payment penalties as of ${shortDate(date)} (French Commercial Code, art. L441-10)`,
  rateSource: {
    estimated: "Estimated rate: this semester's ECB rate is not published yet, so the latest known rate is used; the amount will be adjusted.",
    contract: 'Penalties computed at the rate agreed between the parties.',
  },
  indemnity: (count) =>
    `Fixed recovery fee (${count ? `${euros(4000, 'en')} × ${count}, ` : ''}French Commercial Code, art. D441-5)`,
  total: 'Total due',
  demand: {
    business: (total, days) =>
      `We hereby give you formal notice to pay ${euros(total, 'en')} within ${days} days of receipt of this letter.`,
    consumer: (total, days) =>
      `We kindly ask you to pay ${euros(total, 'en')} within ${days} days of receipt of this letter. This letter is a formal notice to pay.`,
  },
  penaltiesRun: 'Late-payment penalties continue to accrue until payment in full.',
  legalInterest:
    'Under article 1344-1 of the French Civil Code, the amount due bears interest at the statutory rate from receipt of this letter.',
  paymentPlan: (contact) =>
    `If you have difficulty paying this amount, please contact us (${contact}): we can agree on a payment plan together.`,
  payment: (instructions) => `How to pay: ${instructions}`,
  nextStep: {
    business:
      'Failing payment within this period, we will apply to the competent court for an order for payment (injonction de payer) without further notice.',
    consumer:
      'Failing payment or contact within this period, we may ask the court for an order for payment (injonction de payer).',
  },
  smallClaim: `As the claim does not exceed ${euros(SMALL_CLAIM_LIMIT_CENTS, 'en')}, we may also use the simplified small-claims recovery procedure through a commissaire de justice (French Code of Civil Enforcement Procedures, art. L125-1).`,
  closing: 'Yours faithfully,',
};

export const letterLabels = (language: Language): LetterText => (language === 'en' ? en : fr);
