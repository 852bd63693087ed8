import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { AsyncState, PageHeader } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { useLettersToPost, useMarkLetterPosted, useWithdrawLetter } from './api';
import { LetterCard } from './letter-card';
import './texts';

/** Courriers à poster: every letter a letter step produced, oldest first, until the owner says it went by registered mail. */
export default function LettersScreen() {
  const { t } = useI18n();
  const letters = useLettersToPost();
  const posted = useMarkLetterPosted();
  const withdraw = useWithdrawLetter();
  const [done, setDone] = useState<string>();
  // The card whose button was pressed goes away: the focus goes to what is said, not to the page's top.
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) said.current?.focus();
  }, [done]);
  return (
    <section>
      <PageHeader title={t('letters.title')} />
      <p className="muted">{t('letters.intro')}</p>
      {done && (
        <p role="status" className="success" ref={said} tabIndex={-1}>
          {done}
        </p>
      )}
      <AsyncState
        query={letters}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <div className="empty">
            <p className="empty-title">{t('letters.empty')}</p>
            <p className="muted">{t('letters.emptyHint')}</p>
            <div className="row" style={{ justifyContent: 'center' }}>
              <Link to="/scenarios" className="button">
                {t('letters.toScenarios')}
              </Link>
              <Link to="/simulation" className="button">
                {t('letters.toSimulation')}
              </Link>
            </div>
          </div>
        }
      >
        {(data) => (
          <>
            <p>
              <strong>{t('letters.count', { count: data.items.length })}</strong>
            </p>
            <ul className="plain-list">
              {data.items.map((letter) => (
                <LetterCard
                  key={`${letter.invoiceId}-${letter.stepId}`}
                  letter={letter}
                  onPosted={async (trackingNumber) => {
                    await posted.mutateAsync({ invoiceId: letter.invoiceId, stepId: letter.stepId, ...(trackingNumber ? { trackingNumber } : {}) });
                    setDone(t('letters.done', { number: (letter.invoiceNumbers ?? [letter.invoiceNumber]).join(', ') }));
                  }}
                  onWithdraw={async () => {
                    await withdraw.mutateAsync({ invoiceId: letter.invoiceId, stepId: letter.stepId });
                    setDone(t('letters.withdrawn', { number: (letter.invoiceNumbers ?? [letter.invoiceNumber]).join(', ') }));
                  }}
                />
              ))}
            </ul>
          </>
        )}
      </AsyncState>
    </section>
  );
}
