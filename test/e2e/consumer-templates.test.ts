import { describe, expect, it } from 'vitest';
import { api, uniqueEmail } from './http.js';

/** Every request here is refused: nothing is written to the shared tenant's library. */
const shop = api('acme');

const B2C_STEPS = [
  { id: 'j-5', offsetDays: -5, anchor: 'due', templateId: 'courtesy-consumer' },
  { id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder-consumer' },
  { id: 'j+8', offsetDays: 8, anchor: 'due', templateId: 'firm' },
  { id: 'j+15', offsetDays: 15, anchor: 'due', templateId: 'formal-notice-consumer' },
];

describe('penalty templates and consumers over HTTP (422 naming the field)', () => {
  it('refuses a consumer client given the B2B scenario', async () => {
    const res = await shop.post('/clients', { name: 'Mme Bernard', kind: 'consumer', email: uniqueEmail('b2c'), scenarioId: 'b2b-default' });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.errors.length).toBeGreaterThan(0);
    expect(res.json.errors[0]).toEqual({ path: 'body.scenarioId', message: expect.stringContaining('mentions penalties') });
  });

  it('refuses a B2B step in the consumer default scenario', async () => {
    const res = await shop.put('/scenarios/b2c-default', { name: 'Particuliers', steps: B2C_STEPS });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: 'body.steps.2.templateId', message: expect.stringContaining('template "firm" mentions penalties') }]);
    expect((await shop.get('/scenarios/b2c-default')).json.steps[2].templateId).toBe('firm-consumer');
  });

  it('refuses the €40 in a consumer template', async () => {
    const current = (await shop.get('/templates/reminder-consumer')).json;
    const { name, language, tone, subject, attachInvoicePdf, letter } = current;
    const res = await shop.put('/templates/reminder-consumer', { name, language, tone, subject, attachInvoicePdf, letter, body: 'Réglez {{balanceAmount}}, sinon 40 € de frais.' });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: 'body.body', message: expect.stringContaining('€40') }]);
  });
});
