import { describe, expect, it } from 'vitest';
import { IMPORT_SYNC_WRITES_UNTIL_MS, IMPORT_WRITE_DEADLINE_MS, ImportTooLongError, makeImportChunk, makeImportInvoices } from '../../shared/app/aggregates/import-invoices.js';
import type { ImportChunk, ImportJob, ImportJobStore } from '../../shared/app/ports/imports.js';
import { aClient, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, fixedClock, sequentialIds } from '../fixtures/fakes.js';

/** The import use case over in-memory fakes: what it writes, what it refuses, and what it reports. */
const world = () => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const importInvoices = makeImportInvoices({ invoices, clients, settings: new FakeSettingsRepository(), clock: fixedClock('2026-11-26T10:00:00.000Z') }).importInvoices;
  const names = async () => (await clients.list('t1', { limit: 100 })).items.map((c) => c.name).sort();
  return { invoices, clients, importInvoices, names };
};
const HEADER = 'N° facture;Client;E-mail;Date facture;Échéance;TTC';

describe('importing invoices (use case)', () => {
  it('refuses an imported number on another client’s row, and creates no client for rows all refused', async () => {
    const w = world();
    await w.importInvoices('t1', { csv: `${HEADER}\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00\n` }, { dryRun: false });
    const again = `${HEADER}\next-1;Plâtrerie Nouvelle;platre@nouvelle.test;01/09/2026;01/10/2026;120,00\n`;
    for (const dryRun of [true, false]) {
      const report = await w.importInvoices('t1', { csv: again }, { dryRun });
      expect(report.errors).toEqual([{ row: 2, field: 'number', message: 'was imported before for another client: left as it was' }]);
      expect([report.items, report.existing, report.clientsCreated]).toEqual([[], 0, 0]);
    }
    expect(await w.names()).toEqual(['Garage Martin']);
  });

  it('still creates a client whose first row is refused for its other rows, saying so on the first row kept', async () => {
    const w = world();
    await w.importInvoices('t1', { csv: `${HEADER}\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00\n` }, { dryRun: false });
    const csv = `${HEADER}\nEXT-1;Carrelage Neuf;carrelage@neuf.test;01/09/2026;01/10/2026;120,00\nEXT-2;Carrelage Neuf;carrelage@neuf.test;01/09/2026;01/10/2026;80,00\n`;
    const report = await w.importInvoices('t1', { csv }, { dryRun: false });
    expect(report.items.map((i) => [i.number, i.action, i.newClient])).toEqual([['EXT-2', 'create', true]]);
    expect([report.created, report.clientsCreated]).toEqual([1, 1]);
    expect(await w.names()).toEqual(['Carrelage Neuf', 'Garage Martin']);
  });

  it('says which new client\'s type it guessed, from the first row that creates it', async () => {
    const w = world();
    const csv = `${HEADER}\nEXT-1;Mme Martin;martin@perso.test;01/09/2026;01/10/2026;120,00\nEXT-2;Mme Martin;martin@perso.test;01/09/2026;01/10/2026;80,00\nEXT-3;Garage Roux;roux@garage.test;01/09/2026;01/10/2026;80,00\n`;
    const report = await w.importInvoices('t1', { csv }, { dryRun: false });
    expect(report.items.map((i) => [i.number, i.clientKind, i.clientKindGuessed ?? false])).toEqual([['EXT-1', 'consumer', true], ['EXT-2', 'consumer', false], ['EXT-3', 'business', true]]);
    expect((await w.clients.list('t1', { limit: 10 })).items.map((c) => [c.name, c.kind]).sort()).toEqual([['Garage Roux', 'business'], ['Mme Martin', 'consumer']]);
    const typed = await w.importInvoices('t1', { csv: `${HEADER};Type\nEXT-9;Garage Roux;roux@garage.test;01/09/2026;01/10/2026;80,00;pro\nEXT-10;Neuf;neuf@x.test;01/09/2026;01/10/2026;80,00;particulier\n` }, { dryRun: true });
    expect(typed.items.map((i) => [i.clientKind, i.clientKindGuessed ?? false, i.newClient])).toEqual([['business', false, false], ['consumer', false, true]]);
  });

  it('answers the same upload again as `exists` for the same client', async () => {
    const w = world();
    const csv = `${HEADER}\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00\n`;
    await w.importInvoices('t1', { csv }, { dryRun: false });
    const report = await w.importInvoices('t1', { csv }, { dryRun: false });
    expect([report.errors, report.items.map((i) => i.action), report.clientsCreated]).toEqual([[], ['exists'], 0]);
  });

  it('finds its invoice again when the same file is uploaded after the client’s email was changed here (same name): exists, no new client', async () => {
    const w = world();
    const client = aClient({ id: '01JCLIENTMARTIN', name: 'Garage Martin', email: 'garage@martin.test' });
    await w.clients.create('t1', client);
    const csv = `${HEADER}\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00\n`;
    expect((await w.importInvoices('t1', { csv }, { dryRun: false })).items.map((i) => i.clientId)).toEqual([client.id]);
    await w.clients.replace('t1', { ...client, email: 'compta@martin.test' });
    const report = await w.importInvoices('t1', { csv }, { dryRun: false });
    expect([report.errors, report.items.map((i) => [i.action, i.clientId]), report.clientsCreated]).toEqual([[], [['exists', client.id]], 0]);
    expect(await w.names()).toEqual(['Garage Martin']);
  });

  it('says when the file shows more paid or credited than recorded here (the old tool kept being used): a row error, the invoice left as it was', async () => {
    const w = world();
    const file = (paid: string, credited = '0') => ({ csv: `${HEADER};Déjà réglé;Avoirs\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00;${paid};${credited}\n` });
    await w.importInvoices('t1', file('20,00'), { dryRun: false });
    // Paid since in the old tool: `exists` would leave it owed here, and chased.
    const paid = await w.importInvoices('t1', file('120,00'), { dryRun: false });
    expect([paid.items, paid.errors]).toEqual([[], [{ row: 2, field: 'paid', message: 'was imported before with less paid (20,00 here, 120,00 in the file): record the payment on the invoice' }]]);
    const credited = await w.importInvoices('t1', file('20,00', '30,00'), { dryRun: true });
    expect(credited.errors).toEqual([{ row: 2, field: 'credited', message: 'was imported before with less credited (0,00 here, 30,00 in the file): issue the credit note on the invoice' }]);
    const [invoice] = [...w.invoices.invoices.values()];
    expect([invoice!.paidCents, invoice!.creditedCents]).toEqual([2_000, 0]);
    // The same figures, or less than recorded here since (a payment recorded in Relances): exists.
    expect((await w.importInvoices('t1', file('20,00'), { dryRun: false })).items.map((i) => i.action)).toEqual(['exists']);
    w.invoices.add({ ...invoice!, paidCents: 5_000 });
    expect((await w.importInvoices('t1', file('40,00'), { dryRun: false })).items.map((i) => i.action)).toEqual(['exists']);
  });

  it('answers an upload of the same file while another one writes it (its invoice created, what was paid before not yet) as exists, never "less paid"', async () => {
    const w = world();
    const csv = { csv: `${HEADER};Déjà réglé\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00;20,00\n` };
    // The second upload (a double click, or the file sent again while a large import's job runs) is checked between
    // the first one's two writes: the invoice, then the payment made before the import.
    let second: ReturnType<typeof w.importInvoices> | undefined;
    const save = w.invoices.save.bind(w.invoices);
    w.invoices.save = async (...args: Parameters<typeof save>) => {
      second ??= w.importInvoices('t1', csv, { dryRun: false });
      await second;
      return save(...args);
    };
    const first = await w.importInvoices('t1', csv, { dryRun: false });
    const report = await second!;
    expect([first.created, first.errors]).toEqual([1, []]);
    // It said "was imported before with less paid (0,00 here, 20,00 in the file): record the payment on the invoice",
    // and the owner who did so had it paid twice once the first upload's payment was written.
    expect([report.errors, report.items.map((i) => i.action)]).toEqual([[], ['exists']]);
    expect([...w.invoices.invoices.values()].map((i) => i.paidCents)).toEqual([2_000]);
  });

  describe('time guard: checks that end late never leave an import half-written or unanswered', () => {
    class Jobs implements ImportJobStore {
      chunks: ImportChunk[] = [];
      job?: ImportJob;
      async start(_t: string, job: ImportJob, chunks: readonly ImportChunk[]) { this.job = job; this.chunks = [...chunks]; }
      async get() { return this.job && { ...this.job, items: [] }; }
      async progress() { return this.job; }
      async completeChunk() {}
    }
    /** A monotonic clock at 0 when the import starts, then `checkedAt` ms once its checks are done (every later read). */
    const lateClock = (checkedAt: number) => {
      let reads = 0;
      return () => (reads++ === 0 ? 0 : checkedAt);
    };
    const csv = `${HEADER}\nEXT-1;Garage Martin;garage@martin.test;01/09/2026;01/10/2026;120,00\nEXT-2;Garage Roux;roux@garage.test;01/09/2026;01/10/2026;80,00\n`;
    const depsAt = (checkedAt: number) => {
      const w = world();
      const jobs = new Jobs();
      const deps = { invoices: w.invoices, clients: w.clients, settings: new FakeSettingsRepository(), clock: fixedClock('2026-11-26T10:00:00.000Z'), jobs, ids: sequentialIds(), elapsed: lateClock(checkedAt) };
      return { w, jobs, deps };
    };

    it('writes a small file in the request when its checks are quick', async () => {
      const { w, jobs, deps } = depsAt(IMPORT_SYNC_WRITES_UNTIL_MS - 1);
      const report = await makeImportInvoices(deps).importInvoices('t1', { csv }, { dryRun: false });
      expect([report.status, report.created, jobs.job]).toEqual(['done', 2, undefined]);
      expect(w.invoices.invoices.size).toBe(2);
    });

    it('hands a small file to a job (202) when its checks took long: nothing written in the request', async () => {
      const { w, jobs, deps } = depsAt(IMPORT_SYNC_WRITES_UNTIL_MS + 1);
      const report = await makeImportInvoices(deps).importInvoices('t1', { csv }, { dryRun: false });
      expect([report.status, report.id, report.items.map((i) => i.action)]).toEqual(['running', jobs.job!.id, ['create', 'create']]);
      expect([w.invoices.invoices.size, await w.names()]).toEqual([0, []]);
      for (const chunk of jobs.chunks) await makeImportChunk(deps)(chunk);
      expect([w.invoices.invoices.size, await w.names()]).toEqual([2, ['Garage Martin', 'Garage Roux']]);
    });

    it('writes nothing, no job either, and answers 503 with Retry-After when its checks ended too late to start one', async () => {
      const { w, jobs, deps } = depsAt(IMPORT_WRITE_DEADLINE_MS + 1);
      const error = await makeImportInvoices(deps).importInvoices('t1', { csv }, { dryRun: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportTooLongError);
      expect([(error as ImportTooLongError).status, (error as ImportTooLongError).retryAfterSeconds]).toEqual([503, 5]);
      expect([w.invoices.invoices.size, await w.names(), jobs.job]).toEqual([0, [], undefined]);
      // The dry run writes nothing: it answers, however long its checks took.
      const dry = await makeImportInvoices({ ...deps, elapsed: lateClock(IMPORT_WRITE_DEADLINE_MS + 1) }).importInvoices('t1', { csv }, { dryRun: true });
      expect([dry.status, dry.created]).toEqual(['done', 2]);
      // Sent again, checked in time: imported.
      const again = await makeImportInvoices({ ...deps, elapsed: lateClock(0) }).importInvoices('t1', { csv }, { dryRun: false });
      expect([again.status, again.created, w.invoices.invoices.size]).toEqual(['done', 2, 2]);
    });
  });

  it('leaves a large import\'s new clients to its job: each chunk creates those its rows name before its invoices', async () => {
    const w = world();
    class Jobs implements ImportJobStore {
      chunks: ImportChunk[] = [];
      job?: ImportJob;
      async start(_t: string, job: ImportJob, chunks: readonly ImportChunk[]) { this.job = job; this.chunks = [...chunks]; }
      async get() { return this.job && { ...this.job, items: [] }; }
      async progress() { return this.job; }
      async completeChunk() {}
    }
    const jobs = new Jobs();
    const deps = { invoices: w.invoices, clients: w.clients, settings: new FakeSettingsRepository(), clock: fixedClock('2026-11-26T10:00:00.000Z'), jobs, ids: sequentialIds() };
    // 250 invoices of 30 new clients, client i % 30: client 0 has invoices in all three chunks.
    const csv = `${HEADER}\n${Array.from({ length: 250 }, (_, i) => `EXT-${i};Client ${i % 30};c${i % 30}@x.test;01/09/2026;01/10/2026;10,00`).join('\n')}\n`;
    const report = await makeImportInvoices(deps).importInvoices('t1', { csv }, { dryRun: false });
    expect([report.status, report.clientsCreated]).toEqual(['running', 30]);
    expect(await w.names()).toEqual([]);
    expect(jobs.chunks.map((c) => c.clients?.length)).toEqual([30, 30, 30]);
    const chunk = makeImportChunk(deps);
    for (const c of jobs.chunks.reverse()) await chunk(c);
    expect((await w.names()).length).toBe(30);
    const invoices = [...w.invoices.invoices.values()];
    expect(invoices.length).toBe(250);
    expect(invoices.every((i) => w.clients.clients.has(`t1|${i.clientId}`))).toBe(true);
  });
});
