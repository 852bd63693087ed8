import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { renderInApp } from '../test/render';
import { DocumentLink, PLAN_RECORDING_RETRY_MS, PLAN_RECORDING_TRIES } from './document-link';
import { plain } from '../test/plain';

const LETTER = '/invoices/inv1/reminders/lettre/letter.pdf';
const RECORDING = {
  type: 'https://relances.dev/problems/conflict/plan-not-recorded',
  title: 'Conflict',
  status: 409,
  detail: 'The reminder plan of this invoice is being recorded: try again in a moment',
};

/** The PDF route answering each request in turn (the last answer repeats); what was asked and saved. */
const pdfRoute = (answers: { status: number; body?: unknown }[]) => {
  fakeApi(() => undefined);
  const asked: string[] = [];
  const saved: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    asked.push(String(input));
    const answer = answers[Math.min(asked.length, answers.length) - 1]!;
    return answer.status === 200
      ? new Response(new Uint8Array([37, 80, 68, 70]), { status: 200, headers: { 'content-type': 'application/pdf' } })
      : new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/problem+json' } });
  });
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:letter', revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return { asked, saved };
};

describe('a letter asked for before its plan is recorded (409 conflict/plan-not-recorded)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('says the plan is being recorded, asks again after a few seconds, then saves the letter', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { asked, saved } = pdfRoute([{ status: 409, body: RECORDING }, { status: 200 }]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderInApp(<DocumentLink path={LETTER} label="Lettre (PDF)" filename="lettre-lettre.pdf" />);
    await user.click(screen.getByRole('button', { name: 'Lettre (PDF)' }));
    expect(plain((await screen.findByTestId('plan-recording')).textContent)).toBe('Le plan de relance de cette facture est en cours d’enregistrement : nouvel essai dans quelques secondes…');
    expect(screen.getByRole('button', { name: 'Lettre (PDF)' }).hasAttribute('disabled')).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(PLAN_RECORDING_RETRY_MS));
    await waitFor(() => expect(saved).toEqual(['lettre-lettre.pdf']));
    expect(asked).toHaveLength(2);
    expect(screen.queryByTestId('plan-recording')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the refusal in French after a few tries when the plan is still not recorded', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { asked, saved } = pdfRoute([{ status: 409, body: RECORDING }]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderInApp(<DocumentLink path={LETTER} label="Lettre (PDF)" filename="lettre-lettre.pdf" />);
    await user.click(screen.getByRole('button', { name: 'Lettre (PDF)' }));
    for (let i = 1; i < PLAN_RECORDING_TRIES; i++) await act(() => vi.advanceTimersByTimeAsync(PLAN_RECORDING_RETRY_MS));
    expect(plain((await screen.findByRole('alert')).textContent)).toContain('Le plan de relance de cette facture est en cours d’enregistrement : réessayez dans un instant.');
    expect(asked).toHaveLength(PLAN_RECORDING_TRIES);
    expect(saved).toEqual([]);
    expect(screen.queryByTestId('plan-recording')).toBeNull();
  });

  it('asks once for any other refusal (a letter not produced yet)', async () => {
    const { asked } = pdfRoute([{ status: 409, body: { type: 'https://relances.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'The letter of step lettre is produced when the step is due (it is scheduled)' } }]);
    renderInApp(<DocumentLink path={LETTER} label="Lettre (PDF)" filename="lettre-lettre.pdf" />);
    await userEvent.click(screen.getByRole('button', { name: 'Lettre (PDF)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Le courrier sera produit le jour de cette étape.');
    expect(asked).toHaveLength(1);
    expect(screen.queryByTestId('plan-recording')).toBeNull();
  });
});
