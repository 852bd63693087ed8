import type { EmailTexts } from './texts.js';

const portal = (portalUrl?: string) => (portalUrl ? `\nVoir la facture, la payer ou nous signaler un règlement : ${portalUrl}\n` : '');
const transfer = (iban?: string, bic?: string) => (iban ? `\nRèglement par virement : IBAN ${iban}${bic ? `, BIC ${bic}` : ''}\n` : '');

export const fr: EmailTexts = {
  invoice: (d) => ({
    subject: `Facture ${d.number} – ${d.company}`,
    text: `Bonjour ${d.clientName},\n\nVeuillez trouver ci-joint la facture ${d.number} d’un montant de ${d.amount}, payable au plus tard le ${d.dueDate}.\n${transfer(d.iban, d.bic)}${portal(d.portalUrl)}\nMerci de votre confiance,\n${d.company}`,
  }),
  quote: (d) => ({
    subject: `Devis ${d.number} – ${d.company}`,
    text: `Bonjour ${d.clientName},\n\nVeuillez trouver ci-joint le devis ${d.number} d’un montant de ${d.amount}, valable jusqu’au ${d.validUntil}.\nPour l’accepter, retournez-le signé avec la mention « Bon pour accord ».\n\nBien cordialement,\n${d.company}`,
  }),
  quoteFollowUp: (d) => ({
    subject: `Votre devis ${d.number} – ${d.company}`,
    text: `Bonjour ${d.clientName},\n\nNous revenons vers vous au sujet du devis ${d.number} d’un montant de ${d.amount}, valable jusqu’au ${d.validUntil}, que vous retrouverez en pièce jointe.\nNous restons à votre disposition pour toute question ou adaptation. Pour l’accepter, il suffit de répondre à ce message ou de nous le retourner signé avec la mention « Bon pour accord ».\n\nBien cordialement,\n${d.company}`,
  }),
  creditNote: (d) => ({
    subject: `Avoir ${d.number} sur la facture ${d.invoiceNumber}`,
    text: `Bonjour ${d.clientName},\n\nVeuillez trouver ci-joint l’avoir ${d.number} relatif à la facture ${d.invoiceNumber}.\n\nBien cordialement,\n${d.company}`,
  }),
  planAccepted: (d) => ({
    subject: `Facture ${d.number} : votre échéancier est accepté`,
    text: `Bonjour ${d.clientName},\n\nNous acceptons l’échéancier que vous avez proposé pour la facture ${d.number} :\n${d.schedule}\n${d.waived ? '\nTant que cet échéancier est respecté, nous renonçons aux pénalités de retard et à l’indemnité forfaitaire de recouvrement.\n' : ''}${transfer(d.iban, d.bic)}\nNous vous rappellerons chaque échéance quelques jours avant.\n\nBien cordialement,\n${d.company}`,
  }),
  planDeclined: (d) => ({
    subject: `Facture ${d.number} : votre demande d’échéancier`,
    text: `Bonjour ${d.clientName},\n\nNous ne pouvons pas accepter l’échéancier que vous avez proposé pour la facture ${d.number}${d.reason ? ` : ${d.reason}` : '.'}\nLe montant restant dû est de ${d.balance}. N’hésitez pas à nous contacter pour en parler.\n${transfer(d.iban, d.bic)}\nBien cordialement,\n${d.company}`,
  }),
  ownerAlert: (d) =>
    d.reason === 'send_failed'
      ? {
          subject: `[Relances] Relance non envoyée — facture ${d.invoice}`,
          text: `La relance n'a pas pu être envoyée après plusieurs tentatives sur 24 heures. Vous pouvez l'envoyer à la main depuis la facture.\n\nFacture ${d.invoice}, client ${d.clientName}, étape ${d.stepId}.`,
        }
      : {
          subject: `[Relances] Relance peut-être non envoyée — facture ${d.invoice}`,
          text: `L'envoi de la relance a été interrompu : elle est peut-être partie, peut-être pas. Elle ne sera pas renvoyée automatiquement pour éviter un doublon ; vérifiez et renvoyez-la à la main si besoin.\n\nFacture ${d.invoice}, client ${d.clientName}, étape ${d.stepId}.`,
        },
};
