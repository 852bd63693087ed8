import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/problem';
import { renderInApp } from '../../../test/render';
import { ActionDialog } from './action-dialog';

const fields = [
  { name: 'reason', label: 'Motif', required: true },
  { name: 'until', label: 'Jusqu’au', type: 'date' as const },
];

describe('an invoice action’s dialog (pause, dispute, litigation, write-off)', () => {
  it('takes the focus to the field it refuses, empty before the API, then the one the API names', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(400, { status: 400, title: 'Bad Request', errors: [{ path: 'body.until', message: 'must be a calendar date YYYY-MM-DD' }] }));
    renderInApp(<ActionDialog title="Suspendre les relances" fields={fields} confirm="Suspendre" open onSubmit={onSubmit} onOpenChange={() => undefined} />);
    const submit = await screen.findByRole('button', { name: 'Suspendre' });
    await userEvent.click(submit);
    const reason = screen.getByLabelText('Motif');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.type(reason, 'Client en congés');
    await userEvent.click(submit);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const until = screen.getByLabelText('Jusqu’au');
    await waitFor(() => expect(document.activeElement).toBe(until));
    expect(until.getAttribute('aria-invalid')).toBe('true');
  });
});
