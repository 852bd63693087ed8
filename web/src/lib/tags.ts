/**
 * Client categories as typed ("Grand compte, VIP") into what the API keeps: lower case, and a space inside a
 * category made a dash ("grand-compte"), as the hints' examples write it. A category is one word for the API
 * (letters, digits, dashes, underscores): "Grand compte" was refused, under a field holding several, without
 * saying which. The client's categories and a scenario's are read the same way, so they still match.
 */
export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim().toLowerCase().replace(/\s+/g, '-'))
      .filter(Boolean),
  ),
];
