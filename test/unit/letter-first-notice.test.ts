/**
 * A mise en demeure to a client never reminded (a letter as a scenario's first step, or the owner's
 * formal notice sent by hand) said "Malgré nos précédentes relances": a false statement in the
 * document meant as evidence. The letter records whether it is a first notice.
 */
import { describe, expect, it } from 'vitest';
import { clientLetterData } from '../../shared/app/reminders/letter-data.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { aClient, anInvoiceRecord } from '../fixtures/fakes.js';

const settings = { ...defaultSettings(), company: { ...defaultSettings().company, name: 'Plomberie Martin', iban: 'FR76 3000 6000 0112 3456 7890 189' } };
const letter = (counts: number[]) =>
  clientLetterData({
    invoices: counts.map((reminderCount, i) => anInvoiceRecord({ id: `i${i}`, number: `F-2026-000${i + 1}`, dueDate: '2026-03-12', reminderCount })),
    client: aClient(),
    settings,
    date: '2026-04-10',
    paymentInstructions: 'virement',
  });

describe('a mise en demeure and the reminders before it', () => {
  it('is a first notice when none of the invoices it lists was reminded', () => {
    expect(letter([0]).firstNotice).toBe(true);
    expect(letter([0, 0]).firstNotice).toBe(true);
  });

  it('is not (and records nothing: the letter keeps the bytes it had) once one of them was', () => {
    expect(letter([1])).not.toHaveProperty('firstNotice');
    expect(letter([0, 2])).not.toHaveProperty('firstNotice');
  });
});
