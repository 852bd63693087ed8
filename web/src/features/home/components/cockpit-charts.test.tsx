import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useOutOfTabOrder } from './cockpit-charts';

const Chart = () => {
  const ref = useOutOfTabOrder<HTMLDivElement>();
  return (
    <div ref={ref} data-testid="chart" aria-hidden="true">
      <svg>
        <g className="recharts-zIndex-layer_-100" />
      </svg>
    </div>
  );
};

describe('a cockpit chart', () => {
  it('keeps its drawing out of the Tab order, the layers drawn later too (Chromium stopped on each, unnamed)', async () => {
    const { getByTestId } = render(<Chart />);
    const svg = getByTestId('chart').querySelector('svg')!;
    expect(svg.querySelector('g')!.getAttribute('tabindex')).toBe('-1');
    // Recharts adds its layers after the first render (portals).
    const later = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    later.setAttribute('class', 'recharts-zIndex-layer_300');
    svg.append(later);
    await waitFor(() => expect(later.getAttribute('tabindex')).toBe('-1'));
  });
});
