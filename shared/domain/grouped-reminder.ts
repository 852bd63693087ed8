/**
 * Pure rules of the grouped reminder (several invoices of one client in one message): its rows,
 * its tone, and which PDFs fit in it.
 */
import { daysBetween } from './dates.js';
import type { TemplateTone } from './default-templates.js';

/**
 * Attachments of one message stay under 7 MB of PDF: SES accepts 40 MB per message, base64 makes
 * 7 MB about 9.5 MB, and many receiving servers refuse messages above 10–25 MB.
 */
export const MAX_ATTACHMENT_BYTES = 7 * 1024 * 1024;

/** At most this many invoices in one message (one transaction claims them all: 2 items each + the client, ≤ 100). */
export const MAX_GROUP_SIZE = 40;

export interface GroupRow {
  readonly number: string;
  readonly dueDate: string;
  readonly balanceCents: number;
  /** Days past the due date at `asOf` (0 before it). */
  readonly daysLate: number;
}

export const groupRows = (invoices: readonly { number: string; dueDate: string; balanceCents: number }[], asOf: string): GroupRow[] =>
  invoices.map((i) => ({ ...i, daysLate: Math.max(0, daysBetween(i.dueDate, asOf)) }));

const TONE_RANK: Record<TemplateTone, number> = { courtesy: 0, reminder: 1, firm: 2, 'formal-notice': 3 };

/**
 * The template a grouped message takes its tone from: the firmest tone, then the step furthest in its
 * scenario, then the latest due date first listed. Never empty input.
 */
export const mostAdvanced = <T extends { tone: TemplateTone; position: number }>(candidates: readonly T[]): T =>
  candidates.reduce((best, c) => (TONE_RANK[c.tone] > TONE_RANK[best.tone] || (TONE_RANK[c.tone] === TONE_RANK[best.tone] && c.position > best.position) ? c : best));

/**
 * Which attachments (sizes in bytes, in order of importance) go in a message of at most `budget`
 * bytes: each one that still fits, in order; one that does not is left out and the next tried.
 */
export const fitAttachments = (sizes: readonly number[], budget: number): boolean[] => {
  let left = budget;
  return sizes.map((size) => {
    if (size > left) return false;
    left -= size;
    return true;
  });
};
