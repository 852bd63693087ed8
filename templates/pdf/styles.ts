import { FONT_FAMILY } from './fonts.js';

/**
 * Shared print styles. Sober on purpose: the same sheet serves invoices and letters to
 * consumers, which must not look like a bailiff's notice (C. conso L121-6).
 */
export const ink = '#1f2937';
export const muted = '#6b7280';
export const rule = '#d1d5db';
export const band = '#f3f4f6';

export const styles = {
  page: { paddingTop: 40, paddingBottom: 56, paddingHorizontal: 40, fontFamily: FONT_FAMILY, fontSize: 9, color: ink, lineHeight: 1.35 },
  row: { flexDirection: 'row' },
  spread: { flexDirection: 'row', justifyContent: 'space-between' },
  half: { width: '48%' },
  bold: { fontWeight: 700 },
  small: { fontSize: 8, color: muted },
  heading: { fontWeight: 700, fontSize: 10, marginBottom: 4 },
  title: { fontWeight: 700, fontSize: 20, lineHeight: 1.2, marginBottom: 2 },
  section: { marginTop: 16 },
  table: { borderTopWidth: 1, borderTopColor: rule },
  headerRow: { flexDirection: 'row', backgroundColor: band, paddingVertical: 4, fontWeight: 700 },
  bodyRow: { flexDirection: 'row', paddingVertical: 4, borderBottomWidth: 0.5, borderBottomColor: rule },
  cell: { paddingHorizontal: 4 },
  num: { paddingHorizontal: 4, textAlign: 'right' },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
  amountLabel: { flexGrow: 1, flexShrink: 1, flexBasis: 0, paddingRight: 6 },
  amount: { flexShrink: 0, textAlign: 'right' },
  grandTotal: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 4, marginTop: 2, borderTopWidth: 1, borderTopColor: ink, fontWeight: 700, fontSize: 11 },
  stamp: { marginTop: 12, padding: 6, borderWidth: 1, borderColor: ink, textAlign: 'center', fontWeight: 700 },
  // Anchored from the top: react-pdf drops an absolute `bottom` box that lands in the page's bottom padding.
  footer: { position: 'absolute', top: '285mm', left: 40, right: 40, fontSize: 7, color: muted, flexDirection: 'row', justifyContent: 'space-between' },
} as const;
