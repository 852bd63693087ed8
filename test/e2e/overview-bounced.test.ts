import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

/**
 * The owner's daily overview lists the reminders going out today. One whose client's every email address
 * bounced cannot go out (the send records it `skipped: address_failing`): it was counted among those going
 * out as if nothing were wrong. It is now marked `undeliverable` and listed apart in the morning email,
 * with what to do ("adresse en échec").
 */
describe('the daily overview and a client whose every address bounced', () => {
  it('lists the reminder due today apart, as one that cannot go out, and the others as going out', async () => {
    const t = await freshTenant('overview-bounced');
    const owner = `owner-${t.tenantId}@notify.test`;
    await t.ok('PUT', '/settings', { company: aCompanyIdentity({ email: owner }) });
    const today = parisToday();
    // Due in 3 days: the first step (J+1) is days ahead, so its day's 07:00 overview is still to fire, whatever the time of the run.
    const invoiceFor = async (email: string) => {
      const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -27), dueDate: addDays(today, 3) }));
      return t.ok('POST', `/invoices/${draft.id}/send`);
    };
    // The invoice email to SES's simulator bounces: the client's only address is flagged.
    const bounced = await invoiceFor('bounce@simulator.amazonses.com');
    const fine = await invoiceFor(uniqueEmail('fine'));
    await t.drain();
    expect((await t.ok('GET', `/clients/${bounced.clientId}`)).emailStatus).toBe('bouncing');

    const firstOf = async (id: string) =>
      ((await t.ok('GET', `/invoices/${id}/reminders`)).items as { stepId: string; state: string; scheduledAt?: string }[]).find((s) => s.state === 'scheduled')!;
    const [stepBounced, stepFine] = [await firstOf(bounced.id), await firstOf(fine.id)];
    const day = localDate(new Date(stepBounced.scheduledAt!), 'Europe/Paris');
    expect(localDate(new Date(stepFine.scheduledAt!), 'Europe/Paris')).toBe(day);

    const overview = await t.ok('GET', `/overview?date=${day}`);
    const byInvoice = new Map((overview.reminders as { invoiceId: string; undeliverable?: string }[]).map((r) => [r.invoiceId, r]));
    expect(byInvoice.get(bounced.id)).toMatchObject({ stepId: stepBounced.stepId, undeliverable: 'address_failing' });
    expect(byInvoice.get(fine.id)).toBeDefined();
    expect(byInvoice.get(fine.id)).not.toHaveProperty('undeliverable');

    // The morning email of that day (07:00, one hour before the 08:00 steps).
    await runUntil(new Date(Date.parse(stepBounced.scheduledAt!) - 3_600_000), { tenant: t.tenantId });
    const text = (await inbox(owner)).filter((m) => m.subject.startsWith('[Relances] Votre journée')).at(-1)?.body.text ?? '';
    const going = text.split("Relances qui partent aujourd'hui")[1]?.split('\n\n')[0] ?? '';
    const blocked = text.split('Relances qui ne pourront pas partir')[1]?.split('\n\n')[0] ?? '';
    expect(going).toMatch(/^ \(1\)/);
    expect(going).toContain(`facture ${fine.number}`);
    expect(going).not.toContain(`facture ${bounced.number}`);
    expect(blocked).toMatch(/^ \(1\)/);
    expect(blocked).toContain(`facture ${bounced.number}`);
    expect(blocked).toContain('adresse en échec');
  });
});
