/** Texts of the home screen added after the first load (registered with its chunk). */
import { registerTexts } from '../../lib/texts';

const fr = {
  alerts: 'Alertes',
  noAlerts: 'Aucune nouvelle alerte : les litiges, promesses, « j’ai payé », échecs d’envoi et relances qui ne peuvent pas partir arrivent ici.',
  seeAlerts: 'Voir les alertes',
  moreAlerts: 'Toutes les alertes ({{count}} non lues)',
  cancel: 'Annuler',
  cancelLabel: 'Annuler la relance {{step}} de {{invoice}}',
  sendsAt: 'à {{time}}',
  cancelConfirm: 'Annuler cette relance ? Elle ne partira pas ; les suivantes restent prévues.',
  companyFirst: 'D’abord, votre entreprise : raison sociale, SIREN, adresse et IBAN figurent sur chaque facture et relance.',
  companyLink: 'Compléter mon entreprise',
  importCsv: 'Importer mes factures (CSV)',
  programOff: 'Relances automatiques coupées : aucune ne part tant qu’elles le restent.',
  programOn: 'Les réactiver dans les réglages',
};

export const homeTexts = registerTexts('homeMore', fr, {
  alerts: 'Alerts',
  noAlerts: 'No new alert: disputes, promises, “I have paid”, failed sends and reminders that cannot go out show up here.',
  seeAlerts: 'See the alerts',
  moreAlerts: 'All alerts ({{count}} unread)',
  cancel: 'Cancel',
  cancelLabel: 'Cancel reminder {{step}} of {{invoice}}',
  sendsAt: 'at {{time}}',
  companyFirst: 'First, your company: name, SIREN, address and IBAN appear on every invoice and reminder.',
  companyLink: 'Complete my company',
  importCsv: 'Import my invoices (CSV)',
  programOff: 'Automatic reminders are switched off: none goes out while they stay off.',
  programOn: 'Switch them on in the settings',
  cancelConfirm: 'Cancel this reminder? It will not go; the next ones stay planned.',
});
