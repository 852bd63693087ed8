/**
 * Forms: react-hook-form with zod schemas; the API's problem+json field errors are put next
 * to the field they name (`body.company.siren` → the `company.siren` field), others shown
 * above the form.
 */
import { useEffect, useRef, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './problem';
import './zod-messages';

/** Puts each field error of an API error on its field; answers whether any was placed. */
export const applyApiErrors = <T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, string> = {},
): boolean => {
  if (!(error instanceof ApiError)) return false;
  const named = Object.entries(error.fieldErrors())
    .map(([path, message]) => [rename[path] ?? path, message] as const)
    .filter(([name]) => fields.some((f) => name === f || name.startsWith(`${f}.`)));
  // Already in the user's language (ApiError.fieldErrors). The first one in the page takes the focus, as the
  // form's own checks do: the pressed button is no place to learn that a field above was refused. The API lists
  // them in its own order (the settings' postal code before the phone printed above it): sorted as on screen.
  const at = (name: string) => (typeof document === 'undefined' ? null : document.getElementsByName(name)[0] ?? null);
  const sorted = [...named].sort(([a], [b]) => {
    const ea = at(a), eb = at(b);
    if (!ea || !eb || ea === eb) return ea ? -1 : eb ? 1 : 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  sorted.forEach(([name, message], i) => setError(name as Path<T>, { type: 'server', message }, { shouldFocus: i === 0 }));
  return sorted.length > 0;
};

/**
 * For a form written by hand (not react-hook-form, which does it): after a refusal, the focus goes to the
 * first field marked invalid, so a screen reader says its error and a phone's keyboard opens on it. Put the
 * ref on the form; call `refused()` once the errors are set.
 */
export const useFocusRefused = <T extends HTMLElement = HTMLFormElement>() => {
  const ref = useRef<T>(null);
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [count]);
  return { ref, refused: () => setCount((n) => n + 1) };
};
