import { registerTexts } from '../../lib/texts';

const fr = {
  new: 'Nouveau modèle',
  newTitle: 'Créer un modèle',
  basedOn: 'Partir de',
  blank: 'Un message vide',
  create: 'Créer et modifier',
  defaultSubject: 'Facture {{invoiceNumber}}',
  defaultBody: 'Bonjour,\n\nLa facture {{invoiceNumber}} reste due.\n\nCordialement',
  kind: 'Clients',
  kinds: { all: 'Tous', business: 'Professionnels', consumer: 'Particuliers' },
  delete: 'Supprimer ce modèle',
  deleteConfirm: 'Supprimer ce modèle ? Les scénarios qui l’utilisent devront en choisir un autre.',
  emptyHint: 'Les modèles fournis s’affichent ici ; créez le vôtre à partir de l’un d’eux.',
  variablesHint: 'Cliquez sur une variable pour l’insérer à l’endroit du curseur dans le message.',
  noVariables: 'Les variables apparaissent dès qu’une facture a été envoyée.',
  unknownVariables: 'Variable(s) inconnue(s) : {{names}}. Choisissez dans la liste ci-dessus.',
  testHint: 'Le test part à l’adresse de votre entreprise, rendu sur votre dernière facture.',
};

export const templateTexts = registerTexts('templateEditor', fr, {
  new: 'New template',
  newTitle: 'Create a template',
  basedOn: 'Start from',
  blank: 'A blank message',
  create: 'Create and edit',
  defaultSubject: 'Invoice {{invoiceNumber}}',
  defaultBody: 'Hello,\n\nInvoice {{invoiceNumber}} is still due.\n\nKind regards',
  kind: 'Clients',
  kinds: { all: 'All', business: 'Businesses', consumer: 'Consumers' },
  delete: 'Delete this template',
  deleteConfirm: 'Delete this template? Scenarios that use it will need another one.',
  emptyHint: 'Built-in templates show here; create your own from one of them.',
  variablesHint: 'Click a variable to insert it at the cursor in the message.',
  noVariables: 'Variables show once an invoice has been sent.',
  unknownVariables: 'Unknown variable(s): {{names}}. Pick one from the list above.',
  testHint: 'The test goes to your company’s address, rendered on your latest invoice.',
});
