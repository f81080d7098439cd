import { Button, Checkbox, Form, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Portal } from '../api/types';
import { useFeedback } from '../components/feedback';
import { AuthShell } from './AuthShell';
import { useRefreshMe } from './session';

/** 开通华为云 after registration, then the success page with 实名认证 / 返回原页面. */
export function ActivatePage({ portal, homePath }: { portal: Portal; homePath: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const refreshMe = useRefreshMe();
  const { handleError } = useFeedback();
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<{ accept: boolean }>();
  const redirect = params.get('redirect');
  const back = redirect && redirect.startsWith('/') ? redirect : homePath;

  if (done) {
    return (
      <AuthShell title={t('auth.activateTitle')} width={560}>
        <Result
          status="success"
          title={<span data-testid="activate-success">{t('auth.activatedTitle')}</span>}
          subTitle={t('auth.activatedDesc')}
          extra={[
            <Button type="primary" key="real" data-testid="goto-real-name" onClick={() => navigate(`/${portal}/real-name`)}>
              {t('auth.realName')}
            </Button>,
            <Button key="back" data-testid="back-origin" onClick={() => navigate(back, { replace: true })}>
              {t('auth.backOrigin')}
            </Button>,
          ]}
        />
      </AuthShell>
    );
  }

  return (
    <AuthShell title={t('auth.activateTitle')}>
      <p>{t('auth.activateDesc')}</p>
      <Form
        form={form}
        onFinish={async () => {
          setSubmitting(true);
          try {
            await api.POST('/api/auth/activate-cloud', { body: { accept: true } });
            await refreshMe();
            setDone(true);
          } catch (err) {
            handleError(err, form);
          } finally {
            setSubmitting(false);
          }
        }}
      >
        <Form.Item
          name="accept"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('auth.mustAccept')))) }]}
        >
          <Checkbox data-testid="activate-accept">{t('auth.activateAccept')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="activate-submit">
          {t('auth.activateSubmit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
