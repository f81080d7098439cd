import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './../components/LinkButton';

export function NotFound({ homeTo = '/' }: { homeTo?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <LinkButton type="primary" to={homeTo}>
          {t('common.backHome')}
        </LinkButton>
      }
    />
  );
}
