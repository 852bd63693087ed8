import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui';
import { api, unwrap } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useUpdateClient, type Client } from '../api';
import '../texts';

/**
 * The client's opt-out where it is seen: at the top of the client page, one tap to stop or resume
 * the automatic reminders (it was only a box at the bottom of the long edit form).
 */
export const RemindersSwitch = ({ client }: { client: Client }) => {
  const { t } = useI18n();
  const update = useUpdateClient(client.id);
  const on = client.remindersEnabled !== false;
  // The whole program switched off in the settings: nothing automatic goes, whatever this client's switch says.
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  const programOff = settings.data?.remindersEnabled === false;
  return (
    <div className="card" data-testid="client-reminders">
      <p className="row">
        <strong>{on ? t('clientMore.remindersOnLine') : t('clientMore.remindersOffLine')}</strong>
        <button type="button" className="button small" disabled={update.isPending} onClick={() => update.mutate({ remindersEnabled: !on })}>
          {on ? t('clientMore.stopReminders') : t('clientMore.resumeReminders')}
        </button>
      </p>
      {!on && <p className="muted">{t('clientMore.remindersStopped')}</p>}
      {on && programOff && (
        <p className="muted" data-testid="program-off">
          {t('clientMore.programOff')} <Link to="/settings">{t('clientMore.programOffLink')}</Link>
        </p>
      )}
      {update.isError && <ErrorMessage error={update.error} />}
    </div>
  );
};
