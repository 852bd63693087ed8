import type { EmailTexts } from './texts.js';
import { ibanGroups, sentence } from './format.js';

const portal = (portalUrl?: string) => (portalUrl ? `\nVoir la facture, la payer ou nous signaler un règlement : ${portalUrl}\n` : '');
const transfer = (iban?: string, bic?: string, reference?: string) =>
  iban ? `\nRèglement par virement : IBAN ${ibanGroups(iban)}${bic ? `, BIC ${bic}` : ''}${reference ? `, référence ${reference}.` : ''}\n` : '';

/** Why a reminder of the daily overview goes out on a later day (the client rules of the send path). */
const POSTPONED_FR: Record<string, string> = {
  gap: 'écart entre deux messages au client',
  same_day: 'une autre relance de cette facture part ce jour-là',
  order: 'une relance précédente de cette facture doit partir avant',
};
/** Why a reminder of the daily overview cannot go out, said to the owner with what to do. */
const BLOCKED_FR = {
  address_failing: "adresse en échec : toutes les adresses e-mail du client ont été rejetées, corrigez sa fiche",
  no_phone: 'aucun numéro de mobile : ajoutez-en un à la fiche du client',
  due_passed: "pas envoyée : l'écart entre deux messages au client la repousse à l'échéance, une relance de courtoisie ne part jamais ce jour-là ou après",
  no_postal_address: 'aucune adresse postale : ajoutez-la à la fiche du client',
} as const;

export const fr: EmailTexts = {
  invoice: (d) => ({
    subject: `Facture ${d.number} – ${d.company}`,
    text: `Bonjour ${d.clientName},\n\nVeuillez trouver ci-joint la facture ${d.number} d’un montant de ${d.amount}, payable au plus tard le ${d.dueDate}.\n${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nMerci de votre confiance,\n${d.company}`,
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
  ownerNotification: (d) => {
    const about = `facture ${d.invoice} (${d.clientName})`;
    const [subject, body] = ((): [string, string] => {
      switch (d.kind) {
        case 'bounce': return [`E-mail refusé — ${about}`, `Le message envoyé${d.recipients ? ` à ${d.recipients}` : ''} a été refusé par le serveur du destinataire. Corrigez l'adresse du client : les relances automatiques ne partent plus vers une adresse en échec.`];
        case 'complaint': return [`Signalement comme indésirable — ${about}`, `Le client a signalé votre message comme indésirable. Les relances automatiques vers ce client sont arrêtées.`];
        case 'dispute': return [`Contestation — ${about}`, `Le client conteste la facture${d.reason ? ` : « ${d.reason} »` : ''}. Les relances sont arrêtées jusqu'à ce que vous régliez le litige.`];
        case 'promise': return [`Promesse de paiement — ${about}`, `Le client promet de payer${d.date ? ` le ${d.date}` : ''}. Les relances sont suspendues jusque-là.`];
        case 'paid_claim': return [`« J'ai payé » — ${about}`, `Le client indique avoir payé${d.date ? ` le ${d.date}` : ''}${d.reference ? ` (référence ${d.reference})` : ''}. Vérifiez votre compte et enregistrez le paiement.`];
        case 'send_failed':
          if (d.creditNote) return [`Avoir non envoyé — ${about}`, `L'avoir ${d.creditNote} est émis, mais son e-mail au client a été refusé par le service d'envoi : le client ne l'a pas reçu. Renvoyez-le depuis la facture (« Renvoyer l'avoir », dans Avoirs), ou téléchargez son PDF et envoyez-le vous-même (l'avoir d'une créance irrécouvrable doit parvenir au débiteur pour récupérer la TVA).`];
          if (d.cause === 'sms_opted_out') return [`SMS non envoyé — ${about}`, `Le SMS de relance n'est pas parti : le client a refusé les SMS en répondant STOP, l'opérateur n'en acheminera plus vers ce numéro. Relancez-le autrement (e-mail, courrier) depuis la facture, ou choisissez pour ce client un scénario sans SMS.`];
          return [`Relance non envoyée — ${about}`, `La relance n'a pas pu être envoyée après plusieurs tentatives sur 24 heures. Vous pouvez l'envoyer à la main depuis la facture.`];
        case 'unknown_outcome': return [`Relance peut-être non envoyée — ${about}`, `L'envoi de la relance a été interrompu : elle est peut-être partie, peut-être pas. Elle ne sera pas renvoyée automatiquement pour éviter un doublon ; vérifiez et renvoyez-la à la main si besoin.`];
        case 'plan_request': return [`Demande d'échéancier — ${about}`, `Le client demande ${d.instalments === 1 ? 'un délai pour payer en une seule fois' : `à payer en ${d.instalments ?? 'plusieurs'} fois`}${d.note ? ` : « ${d.note} »` : ''}. Acceptez ou refusez depuis la facture.`];
        case 'plan_missed':
          if (d.held === 'paused') return [`Échéance manquée — ${about}`, `L'échéance${d.date ? ` du ${d.date}` : ''} n'a pas été réglée à temps : l'échéancier est terminé. Les relances de la facture étant suspendues, ${d.until ? `elles reprendront le ${d.until}.` : 'aucune ne repart tant que vous ne les reprenez pas.'}`];
          if (d.held) return [`Échéance manquée — ${about}`, `L'échéance${d.date ? ` du ${d.date}` : ''} n'a pas été réglée à temps : l'échéancier est terminé. La facture étant ${d.held === 'litigation' ? 'en contentieux' : 'contestée'}, aucune relance ne repart.`];
          return [`Échéance manquée — ${about}`, `L'échéance${d.date ? ` du ${d.date}` : ''} n'a pas été réglée à temps : l'échéancier est terminé et les relances de la facture reprennent là où elles en étaient.`];
        case 'litigation': return [`Passage en contentieux — ${about}`, `La facture est passée automatiquement en contentieux : les relances sont arrêtées.`];
        case 'step_skipped':
          if (d.reason === 'no_phone') return [`SMS non envoyé — ${about}`, `Le SMS de relance n'est pas parti : le client n'a aucun numéro de mobile (un numéro fixe ne reçoit pas les SMS). Ajoutez un mobile à la fiche du client, ou relancez-le autrement depuis la facture.`];
          if (d.reason === 'no_postal_address') return [`Courrier non envoyé — ${about}`, `La lettre de relance n'a pas été produite : le client n'a aucune adresse postale. Ajoutez son adresse à la fiche du client, puis relancez-le depuis la facture.`];
          return [`Relance non envoyée — ${about}`, `Une étape de relance n'est pas partie${d.reason ? ` (${d.reason})` : ''}. Voyez le plan de relance de la facture.`];
      }
    })();
    return { subject: `[Relances] ${subject}`, text: `${body}\n\nFacture ${d.invoice}, client ${d.clientName}.${d.link ? `\nVoir la facture : ${d.link}` : ''}` };
  },
  dailyOverview: (d) => {
    const section = (title: string, lines: readonly string[]) => (lines.length ? `${title}\n${lines.map((l) => `- ${l}`).join('\n')}\n\n` : '');
    const going = d.reminders.filter((r) => !r.undeliverable && !r.skippedBy && !r.postponedTo);
    const blocked = d.reminders.filter((r) => r.undeliverable || r.skippedBy);
    const postponed = d.reminders.filter((r) => !r.undeliverable && !r.skippedBy && r.postponedTo);
    return {
      subject: `[Relances] Votre journée du ${d.date}`,
      text:
        `Bonjour,\n\nVoici le point du ${d.date}.\n\n` +
        section(`Relances qui partent aujourd'hui (${going.length})`, going.map((r) => `${r.time} · facture ${r.invoice} · ${r.clientName} · ${r.template} — annuler : ${r.cancel}`)) +
        section(
          `Relances reportées (${postponed.length})`,
          postponed.map((r) => `${r.time} · facture ${r.invoice} · ${r.clientName} · ${r.template} — reportée au ${r.postponedTo} : ${POSTPONED_FR[r.postponedBy ?? ''] ?? "règles d'envoi au client"} ; annuler : ${r.cancel}`),
        ) +
        section(
          `Relances qui ne pourront pas partir (${blocked.length})`,
          blocked.map((r) => `${r.time} · facture ${r.invoice} · ${r.clientName} · ${r.template} — ${BLOCKED_FR[r.undeliverable ?? r.skippedBy!]} ; voir : ${r.cancel}`),
        ) +
        section(`Lettres à poster (${d.letters.length})`, d.letters.map((l) => `${l.invoices ? `factures ${l.invoices.join(', ')}` : `facture ${l.invoice}`} · ${l.clientName} · ${l.step}`)) +
        section(`Paiements reçus hier (${d.payments.length})`, d.payments.map((p) => `${p.amount} · facture ${p.invoice} · ${p.clientName}`)) +
        section(`Factures passées en retard (${d.overdue.length})`, d.overdue.map((o) => `facture ${o.invoice} · ${o.clientName} · ${o.balance} dus depuis le ${o.dueDate}`)) +
        section(`Alertes non lues (${d.alerts.length})`, d.alerts) +
        `Ces e-mails se règlent dans Réglages › Notifications.`,
    };
  },
  planAccepted: (d) => ({
    subject: `Facture ${d.number} : votre échéancier est accepté`,
    text: `Bonjour ${d.clientName},\n\nNous acceptons l’échéancier que vous avez proposé pour la facture ${d.number} :\n${d.schedule}\n${d.waived ? '\nTant que cet échéancier est respecté, nous renonçons aux pénalités de retard et à l’indemnité forfaitaire de recouvrement.\n' : ''}${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nNous vous rappellerons chaque échéance quelques jours avant.\n\nBien cordialement,\n${d.company}`,
  }),
  planDeclined: (d) => ({
    subject: `Facture ${d.number} : votre demande d’échéancier`,
    text: `Bonjour ${d.clientName},\n\nNous ne pouvons pas accepter l’échéancier que vous avez proposé pour la facture ${d.number}${d.reason?.trim() ? ` : ${sentence(d.reason)}` : '.'}\nLe montant restant dû est de ${d.balance}. N’hésitez pas à nous contacter pour en parler.\n${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nBien cordialement,\n${d.company}`,
  }),
};
