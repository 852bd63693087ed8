import type { GroupSendDeps } from './app/reminders/send-reminder.js';
import { mailer } from './wiring-email.js';
import { portalLinks } from './wiring-portal-links.js';
import { reminderPdfRenderer as pdfRenderer } from './wiring-pdf-manual.js';
import { reminderReadDeps } from './wiring-reminders.js';
import { metrics } from './wiring-telemetry.js';
import { wiring } from './wiring.js';

/**
 * What sending reminders by hand for a client or a batch needs (client-reminders): the engine's reads, templates, SES,
 * the PDF renderer, the portal links, and the metrics, so each reminder sent or failed counts as a scheduled one does.
 */
export const reminderSendDeps = (): GroupSendDeps => ({ ...reminderReadDeps(), templates: wiring.templates(), mailer: mailer(), pdf: pdfRenderer, clock: wiring.clock, portalLinks: portalLinks(), metrics: metrics() });
