import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../lib/i18n';
import { renderInApp } from '../../../test/render';
import { useStepName } from './step-reason';
import { plain } from '../../../test/plain';

const Names = ({ ids }: { ids: string[] }) => {
  const stepName = useStepName();
  return <ul>{ids.map((id) => <li key={id}>{stepName(id)}</li>)}</ul>;
};

describe('a reminder step’s name', () => {
  it('says a payment plan’s steps by their instalment, not their code "P1-C2"', async () => {
    renderInApp(<Names ids={['j+8', 'escalate', 'p1-c2', 'p1-l2', 'p2-l10']} />);
    expect(screen.getAllByRole('listitem').map((li) => plain(li.textContent))).toEqual(['J+8', 'Passage en contentieux', 'Échéance 2 : rappel', 'Échéance 2 : retard', 'Échéance 10 : retard']);
  });

  it('in English too', async () => {
    await setLanguage('en');
    try {
      renderInApp(<Names ids={['j+8', 'p1-c1', 'p1-l3']} />);
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['D+8', 'Instalment 1: reminder', 'Instalment 3: late']);
    } finally {
      await setLanguage('fr');
    }
  });
});
