import { registerTexts } from '../../lib/texts';

const fr = {
  escalate: 'Contentieux',
  escalateText: 'passe en contentieux (rien n’est envoyé, les relances s’arrêtent)',
  channel: 'Canal',
  channels: { email: 'E-mail', sms: 'SMS', letter: 'Courrier recommandé' },
  scenario: 'Scénario « {{name}} »',
  rule: {
    client: 'choisi sur la fiche du client',
    tag: 'choisi par la catégorie « {{tag}} » du client',
    default: 'scénario par défaut (aucun scénario sur le client ni sur ses catégories)',
  },
  escalations: '{{count}} passage(s) en contentieux',
  letters: '{{count}} courrier(s) à poster',
  sms: '{{count}} SMS',
  legend: 'Les courriers sont produits le jour prévu et attendent dans « Courriers à poster » ; un passage en contentieux arrête les relances de la facture.',
  emptyHint: 'Les relances viennent des factures envoyées et non payées : élargissez les dates, ou envoyez une facture.',
  emptyAction: 'Voir les factures',
  toBeforeFrom: 'Au plus tôt le jour de début',
  tooLong: 'Un an au plus ({{days}} jours)',
  required: 'Choisissez une date',
  groupedWith: 'dans le même message que {{numbers}}',
  plannedAt: 'prévue le {{date}}',
};

export const simulationTexts = registerTexts('simulationMore', fr, {
  escalate: 'Litigation',
  escalateText: 'moves to litigation (nothing is sent, reminders stop)',
  channel: 'Channel',
  channels: { email: 'Email', sms: 'SMS', letter: 'Registered letter' },
  scenario: 'Scenario “{{name}}”',
  rule: {
    client: 'chosen on the client’s record',
    tag: 'chosen by the client’s category “{{tag}}”',
    default: 'default scenario (none on the client or its categories)',
  },
  escalations: '{{count}} move(s) to litigation',
  letters: '{{count}} letter(s) to post',
  sms: '{{count}} text(s)',
  legend: 'Letters are produced on the planned day and wait in “Letters to post”; a move to litigation stops the invoice’s reminders.',
  emptyHint: 'Reminders come from invoices sent and unpaid: widen the dates, or send an invoice.',
  emptyAction: 'See the invoices',
  toBeforeFrom: 'No earlier than the start date',
  tooLong: 'One year at most ({{days}} days)',
  required: 'Choose a date',
  groupedWith: 'in the same message as {{numbers}}',
  plannedAt: 'planned for {{date}}',
});
