/**
 * Why an invoice charges no VAT, and the mention its PDF must then carry (CGI 242 nonies A, I-13° and
 * 293 B; the wording tax offices expect):
 * - `franchise`: the seller is under the franchise en base (micro-entrepreneur): "TVA non applicable, art. 293 B du CGI".
 * - `construction_subcontracting`: building work subcontracted to a VAT-registered contractor, who pays the VAT
 *   (art. 283-2 nonies du CGI): "Autoliquidation".
 * - `eu_services`: a service to a business in another EU country, which pays the VAT there (art. 259-1 and 283-2
 *   du CGI, art. 196 of Directive 2006/112/EC): "Autoliquidation", with both VAT numbers.
 * - `eu_goods`: goods delivered to a business in another EU country (art. 262 ter I du CGI): "Exonération de TVA",
 *   with both VAT numbers.
 * An invoice with every line at 0 % and no reason given keeps the franchise mention (what it always printed).
 */
export const VAT_EXEMPTIONS = ['franchise', 'construction_subcontracting', 'eu_services', 'eu_goods'] as const;
export type VatExemption = (typeof VAT_EXEMPTIONS)[number];

interface Problem {
  readonly path: string;
  readonly message: string;
}

/** An exemption charges no VAT: every line at 0 % (paths `body.lines.N.vatRate`). */
export const exemptionLineProblems = (exemption: VatExemption | undefined, lines: readonly { readonly vatRate: number }[]): Problem[] =>
  exemption === undefined
    ? []
    : lines.flatMap((line, i) => (line.vatRate === 0 ? [] : [{ path: `body.lines.${i}.vatRate`, message: 'must be 0 when vatExemption is set: the invoice charges no VAT' }]));

/** Reverse charge and intra-EU exemptions are for a business client; the intra-EU ones need both parties' VAT numbers, the client's from another EU country. */
export const exemptionPartyProblems = (
  exemption: VatExemption | undefined,
  client: { readonly kind: 'business' | 'consumer'; readonly vatNumber?: string | undefined },
  seller: { readonly vatNumber?: string | undefined },
): Problem[] => {
  if (exemption === undefined || exemption === 'franchise') return [];
  const problems: Problem[] = [];
  if (client.kind !== 'business') problems.push({ path: 'client.kind', message: 'must be a business: a consumer never pays the VAT itself (reverse charge, intra-EU exemption)' });
  if (exemption === 'eu_services' || exemption === 'eu_goods') {
    if (!client.vatNumber || client.vatNumber.toUpperCase().startsWith('FR')) {
      problems.push({ path: 'client.vatNumber', message: "must be the client's VAT number in another EU country for an intra-EU invoice" });
    }
    if (!seller.vatNumber) problems.push({ path: 'settings.company.vatNumber', message: 'is required on an intra-EU invoice' });
  }
  return problems;
};
