import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * How many of the portal's actions were taken (a claim, a promise, a dispute, a plan request), and how a form says it took
 * one. The other forms then drop the errors they still showed: "Obligatoire" under the dispute's reason stayed in red
 * beside "Merci, votre paiement est noté" from the form pressed since.
 */
export const PortalDone = createContext<{ count: number; done: () => void }>({ count: 0, done: () => {} });

/** Runs `clear` each time an action of the portal is taken after this form was drawn; returns how to say one was taken. */
export const usePortalDone = (clear: () => void): (() => void) => {
  const { count, done } = useContext(PortalDone);
  const seen = useRef(count);
  const latest = useRef(clear);
  latest.current = clear;
  useEffect(() => {
    if (count === seen.current) return;
    seen.current = count;
    latest.current();
  }, [count]);
  return done;
};
