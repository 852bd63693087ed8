/**
 * A client's copy addresses (ccEmails) are kept once each and never repeat its main address: the
 * invoice, quote and credit-note emails copy them as they are, so `DUP@x.test` beside `dup@x.test`
 * sent the client the invoice in To and again in Cc.
 */
import { describe, expect, it } from 'vitest';
import { distinctRecipients } from '../../shared/domain/client.js';
import { makeCreateClient, makeUpdateClient } from '../../shared/app/clients.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { FakeClientRepository, FakeTenantDocuments, fixedClock, sequentialIds } from '../fixtures/fakes.js';

const world = () => {
  const scenarios = new FakeTenantDocuments<Scenario>();
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  const clients = new FakeClientRepository();
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  return {
    clients,
    create: makeCreateClient({ clients, scenarios, templates, clock, ids: sequentialIds('01JQ7Z') }),
    update: makeUpdateClient({ clients, scenarios, templates, clock }),
  };
};

const input = { name: 'Dupont SARL', kind: 'business' as const, email: 'dup@x.test', contacts: [], language: 'fr' as const, remindersEnabled: true, tags: [] };

describe('a client’s copy addresses', () => {
  it('drop a repeat of the main address and of each other, case ignored, keeping the first spelling', async () => {
    const w = world();
    const client = await w.create('acme', { ...input, ccEmails: ['DUP@x.test', 'compta@x.test', 'Compta@X.test', 'boss@x.test'] });
    expect(client.ccEmails).toEqual(['compta@x.test', 'boss@x.test']);
    expect((await w.clients.get('acme', client.id))!.ccEmails).toEqual(['compta@x.test', 'boss@x.test']);
  });

  it('follow the main address when a change makes one of them the main one', async () => {
    const w = world();
    const client = await w.create('acme', { ...input, ccEmails: ['compta@x.test', 'boss@x.test'] });
    expect((await w.update('acme', client.id, { email: 'Compta@x.test' })).ccEmails).toEqual(['boss@x.test']);
    expect((await w.update('acme', client.id, { ccEmails: ['boss@x.test', 'BOSS@x.test', 'compta@X.TEST'] })).ccEmails).toEqual(['boss@x.test']);
  });
});

describe('a message’s recipients', () => {
  it('name each address once, case ignored, where it first appears (To, then Cc, then Bcc)', () => {
    expect(distinctRecipients({ to: ['Compta@x.test', 'b@x.test'], cc: ['compta@x.test', 'c@x.test', 'C@x.test '], bcc: ['moi@x.test', 'B@X.test', 'moi@x.test'] })).toEqual({
      to: ['Compta@x.test', 'b@x.test'],
      cc: ['c@x.test'],
      bcc: ['moi@x.test'],
    });
  });
});
