import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton';

/** The friendly page for a menu whose module is not built yet: every leaf route exists. */
export function ComingSoon({ title, homeTo }: { title?: string; homeTo?: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48 }} data-testid="coming-soon">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <h2 style={{ marginBottom: 8 }}>{t('common.comingSoon')}</h2>
            {title && <div>{t('common.comingSoonDesc', { title })}</div>}
          </>
        }
      >
        {homeTo && (
          <LinkButton type="primary" to={homeTo}>
            {t('common.backHome')}
          </LinkButton>
        )}
      </Empty>
    </div>
  );
}
