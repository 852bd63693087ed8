/** The app's languages (lib/format's Lang; written here so the API's tests can read the sample too). */
type Lang = 'fr' | 'en';

/**
 * The sample CSV of the import screen in the user's language: an English user gets English headers and kinds
 * (the import reads both: shared/domain/invoice-import.ts), dates DD/MM/YYYY as the screen's hint says.
 */
const SAMPLES: Record<Lang, { content: string; fileName: string }> = {
  fr: {
    fileName: 'relances-import-exemple.csv',
    content: [
      'N° facture;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Déjà réglé',
      'FA-1001;Boulangerie Martin;compta@martin.test;;professionnel;01/09/2026;01/10/2026;1 000,00;200,00;1 200,00;0',
      'FA-1002;Mme Durand;durand@exemple.test;;particulier;15/09/2026;15/10/2026;450,00;45,00;495,00;100,00',
    ].join('\r\n'),
  },
  en: {
    fileName: 'relances-import-sample.csv',
    content: [
      'Number;Client;Email;SIREN;Kind;Issue date;Due date;Net;VAT;Gross;Already paid',
      'INV-1001;Martin Bakery;accounts@martin.test;;business;01/09/2026;01/10/2026;1000.00;200.00;1200.00;0',
      'INV-1002;Jane Durand;durand@example.test;;consumer;15/09/2026;15/10/2026;450.00;45.00;495.00;100.00',
    ].join('\r\n'),
  },
};

export const importSample = (lang: Lang) => SAMPLES[lang];
