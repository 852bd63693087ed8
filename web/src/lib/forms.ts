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
  let placed = false;
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const name = rename[path] ?? path;
    if (fields.some((f) => name === f || name.startsWith(`${f}.`))) {
      // Already in the user's language (ApiError.fieldErrors). The first one takes the focus, as the form's
      // own checks do: the pressed button is no place to learn that a field above was refused.
      setError(name as Path<T>, { type: 'server', message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
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
