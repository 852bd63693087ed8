/**
 * The cockpit's two charts (Recharts, loaded after the figures: its own chunk). Each chart
 * has a text alternative: the same numbers as a visually hidden table.
 */
import { useEffect, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../../lib/i18n';
import type { Cockpit } from '../api';

const BucketColors: Record<string, string> = { not_due: '#1d4ed8', '1_30': '#d97706', '31_60': '#c2410c', '61_90': '#b91c1c', '90_plus': '#7f1d1d' };

/**
 * Keeps a chart out of the keyboard's way: Chromium stops Tab on Recharts' layer groups (four unnamed stops per
 * chart, with a focus ring around parts of the bars, inside a region hidden from screen readers). Each <g> gets
 * tabindex="-1" as Recharts draws it; the mouse keeps its tooltips (not `inert`), the numbers are in the table.
 */
export const useOutOfTabOrder = <T extends HTMLElement>() => {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const mark = () => element.querySelectorAll('svg g:not([tabindex])').forEach((g) => g.setAttribute('tabindex', '-1'));
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return ref;
};

/**
 * An axis label that wraps at a space when it is wider than its bar's slot: on a 375 px phone five buckets
 * have about 44 px each, and "31–60 d" beside "61–90 d" ran into each other (the unit goes under the range).
 */
type TickProps = { x?: number | string; y?: number | string; width?: number | string; visibleTicksCount?: number; payload?: { value?: unknown } };
export const WrappingTick = ({ x, y, width, visibleTicksCount, payload }: TickProps) => {
  const slot = Number(width) / Math.max(1, visibleTicksCount ?? 1);
  return (
    <Text x={Number(x)} y={Number(y)} width={Math.max(24, slot - 4)} textAnchor="middle" verticalAnchor="start" fontSize={12} fill="#666" className="recharts-cartesian-axis-tick-value">
      {String(payload?.value ?? '')}
    </Text>
  );
};

const ChartTable = ({ caption, rows }: { caption: string; rows: [string, string][] }) => (
  <table className="visually-hidden">
    <caption>{caption}</caption>
    <tbody>
      {rows.map(([label, value]) => (
        <tr key={label}>
          <th scope="row">{label}</th>
          <td>{value}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export default function CockpitCharts({ cockpit }: { cockpit: Cockpit }) {
  const { t, money, compactMoney, date } = useI18n();
  const aging = cockpit.aging.map((a) => ({ name: t(`home.buckets.${a.bucket}`), euros: a.balanceCents / 100, bucket: a.bucket, cents: a.balanceCents }));
  const forecast = cockpit.forecast.map((w) => ({ name: date(w.weekStart), euros: w.expectedCents / 100, cents: w.expectedCents }));
  const euro = (v: number) => money(Math.round(v * 100));
  const agingChart = useOutOfTabOrder<HTMLDivElement>();
  const forecastChart = useOutOfTabOrder<HTMLDivElement>();
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="aging-title">
        <h2 id="aging-title">{t('home.aging')}</h2>
        <div ref={agingChart} aria-hidden="true" style={{ width: '100%', height: 220 }}>
          <ResponsiveContainer>
            <BarChart data={aging} margin={{ left: 8, right: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={WrappingTick} interval={0} height={40} />
              <YAxis tickFormatter={(v: number) => compactMoney(Math.round(v * 100))} width={56} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => euro(Number(v))} />
              <Bar dataKey="euros" name={t('invoices.balance')} fill="#1d4ed8" isAnimationActive={false}>
                {aging.map((a) => (
                  <Cell key={a.bucket} fill={BucketColors[a.bucket]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ChartTable caption={t('home.aging')} rows={aging.map((a) => [a.name, money(a.cents)])} />
      </section>
      <section className="card" aria-labelledby="forecast-title">
        <h2 id="forecast-title">{t('home.forecast')}</h2>
        <div ref={forecastChart} aria-hidden="true" style={{ width: '100%', height: 220 }}>
          <ResponsiveContainer>
            <BarChart data={forecast} margin={{ left: 8, right: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} />
              <YAxis tickFormatter={(v: number) => compactMoney(Math.round(v * 100))} width={56} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => euro(Number(v))} />
              <Bar dataKey="euros" name={t('home.expected')} fill="#166534" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ChartTable caption={t('home.forecast')} rows={forecast.map((w) => [w.name, money(w.cents)])} />
      </section>
    </div>
  );
}
