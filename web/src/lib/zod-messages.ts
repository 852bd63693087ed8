/**
 * zod's own messages ("Too big: expected number to be <=23") are for developers: every form
 * says a limit in the user's language instead. A schema's explicit message still wins; this
 * only replaces zod's defaults (worded as lib/api-messages says the API's). Imported by each module
 * that builds a form schema.
 */
import i18next from 'i18next';
import { z } from 'zod';

type Issue = { code?: string; origin?: string; maximum?: unknown; minimum?: unknown; expected?: string; input?: unknown };

const say = (fr: string, en: string) => (i18next.language === 'en' ? en : fr);

export const zodMessage = (issue: Issue): string | undefined => {
  const text = issue.origin === 'string';
  switch (issue.code) {
    case 'too_big':
      return text ? say(`${String(issue.maximum)} caractères au plus`, `At most ${String(issue.maximum)} characters`) : say(`Au plus ${String(issue.maximum)}`, `At most ${String(issue.maximum)}`);
    case 'too_small':
      if (text) return Number(issue.minimum) <= 1 ? say('Obligatoire', 'Required') : say(`${String(issue.minimum)} caractères au moins`, `At least ${String(issue.minimum)} characters`);
      return issue.origin === 'array' ? say('Au moins un élément', 'At least one item') : say(`Au moins ${String(issue.minimum)}`, `At least ${String(issue.minimum)}`);
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return say('Un nombre', 'A number');
      return issue.input === undefined || issue.input === '' ? say('Obligatoire', 'Required') : say('Valeur invalide', 'Invalid value');
    case 'invalid_format':
      return say('Format invalide', 'Invalid format');
    default:
      return say('Valeur invalide', 'Invalid value');
  }
};

z.config({ customError: (issue) => zodMessage(issue as Issue) });
