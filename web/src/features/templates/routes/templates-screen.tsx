import { Link } from 'react-router';
import { AsyncState, EmptyState, PageHeader } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useTemplates } from '../api';

export default function TemplatesScreen() {
  const { t } = useI18n();
  const templates = useTemplates();
  return (
    <section>
      <PageHeader title={t('templates.title')} />
      <AsyncState query={templates} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('templates.empty')} />}>
        {(data) => (
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th scope="col">{t('templates.name')}</th>
                  <th scope="col">{t('templates.language')}</th>
                  <th scope="col">{t('templates.tone')}</th>
                  <th scope="col">{t('templates.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((tpl) => (
                  <tr key={tpl.id}>
                    <td data-label={t('templates.name')}>
                      <Link to={`/templates/${tpl.id}`}>{tpl.name}</Link>{' '}
                      <span className="badge neutral">{tpl.customized ? t('templates.customized') : tpl.builtIn ? t('templates.builtIn') : ''}</span>
                    </td>
                    <td data-label={t('templates.language')}>{tpl.language.toUpperCase()}</td>
                    <td data-label={t('templates.tone')}>{t(`templates.tones.${tpl.tone}`)}</td>
                    <td data-label={t('templates.subject')}>{tpl.subject}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncState>
    </section>
  );
}
