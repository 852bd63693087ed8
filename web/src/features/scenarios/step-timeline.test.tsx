import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StepTimeline } from './components/step-timeline';

describe('the scenario’s timeline on a phone', () => {
  it('keeps a step’s "(J-5)" and its channel "E-mail" whole (a 390 px phone broke them at their hyphen: "(J-" / "5)", "E-" / "mail")', () => {
    render(
      <StepTimeline
        steps={[{ offsetDays: -5, templateId: 'courtesy-consumer', channel: 'email' }, { offsetDays: 8, templateId: 'firm', channel: 'letter' }]}
        templateNames={new Map([['courtesy-consumer', 'Petit rappel avant échéance (J-5)'], ['firm', 'Relance ferme']])}
        label="Étapes"
      />,
    );
    const [first, second] = screen.getAllByRole('listitem').filter((li) => !li.classList.contains('due-marker'));
    expect(first!.textContent).toBe('J−5 Petit rappel avant échéance (J-5) · E-mail');
    expect(screen.getByText('(J-5)').className).toBe('nowrap');
    expect(screen.getByText('· E-mail').className).toContain('nowrap');
    expect(second!.textContent).toBe('J+8 Relance ferme · Courrier');
    expect(readFileSync('web/src/styles.css', 'utf8')).toMatch(/\.nowrap \{ white-space: nowrap; \}/);
  });
});
