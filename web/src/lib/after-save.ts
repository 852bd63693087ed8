import { useLocation, useNavigate } from 'react-router';

/** The state a link to an edit form carries when it opens from the document it edits. */
export const FROM_DOCUMENT = { fromDocument: true } as const;

/**
 * Where a form goes once saved, so that the phone's back button leaves it for where the user came from:
 * - a new document (client, invoice, quote) replaces its form in the history: back from the new client's page
 *   goes to the list or home it was created from, not to an empty "Nouveau client" form (which a second
 *   "Créer" turned into a duplicate);
 * - an edit opened from its document goes back to that entry (back from it then leaves the document, rather
 *   than reopening the edit form); opened otherwise (a link typed or shared), it replaces itself with the document.
 */
export const useAfterSave = () => {
  const navigate = useNavigate();
  const location = useLocation();
  const fromDocument = (location.state as { fromDocument?: boolean } | null)?.fromDocument === true;
  return {
    created: (to: string) => void navigate(to, { replace: true }),
    edited: (to: string) => void (fromDocument ? navigate(-1) : navigate(to, { replace: true })),
  };
};
