import type { SendReminderDeps } from './app/reminders/send-reminder.js';
import { mailer } from './wiring-email.js';
import { portalLinks } from './wiring-portal-links.js';
import { reminderPdfRenderer as pdfRenderer } from './wiring-pdf-manual.js';
import { reminderReadDeps } from './wiring-reminders.js';
import { wiring } from './wiring.js';

/** What sending a reminder by hand needs: the engine's reads, templates, SES, the PDF renderer and the portal links. */
export const reminderSendDeps = (): SendReminderDeps => ({ ...reminderReadDeps(), templates: wiring.templates(), mailer: mailer(), pdf: pdfRenderer, clock: wiring.clock, portalLinks: portalLinks() });
