import { Alert, Button, Checkbox, Collapse, Descriptions, Modal, Result, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type ApiData } from '../../api/client';
import { AuthShell } from '../../auth/AuthShell';
import { useLogout, useMe } from '../../auth/session';
import { useFeedback } from '../../components/feedback';
import { formatTime } from '../../components/format';
import { PageSpin } from '../../components/PageSpin';
import { T } from './text';
import { CUSTOMER_BASE, NoticeText, partnersKey, useTx } from './ui';

type Associated = ApiData<'/api/customer/associations', 'post'>;

/**
 * The page an invitation link or QR code opens (guide 13.1.2 / 13.1.3, spec 07 C1–C2):
 * `/customer/invitations/:token` (the URL the backend builds, `invitationUrl`), `?via=qr` for a scanned code.
 * Read 《客户关联华为云合作伙伴须知》 (by QR code only for 代售) and tick “我已经阅读并同意”, then
 * 注册并关联 (registration → 开通华为云 → back here) or 已有账号，登录后关联 (我了解啦 → login → back here).
 * The way back carries `agreed=<version>&auto=1`, so returning signed in completes the association
 * without another click ("登录后即表示成功关联伙伴，无须再进行其他步骤").
 */
export function InvitationPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout();
  const { handleError } = useFeedback();
  const me = useMe();
  const via: 'link' | 'qr' = params.get('via') === 'qr' ? 'qr' : 'link';
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.GET('/api/invitations/{token}', { params: { path: { token } } }),
  });
  const notice = info.data?.notice ?? null;
  const noticeNeeded = !!notice && (via === 'link' || !!info.data?.noticeRequiredForQr);
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [loginTip, setLoginTip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Associated | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const autoTried = useRef(false);

  // the version ticked before leaving for login/registration comes back in the URL
  useEffect(() => {
    if (notice && params.get('agreed') === notice.version) setAgreed(true);
  }, [notice, params]);

  const actor = me.data?.actor;
  const signedInCustomer = actor?.kind === 'account';

  const requireAgreement = () => {
    if (noticeNeeded && !agreed) {
      setAgreeError(true);
      return false;
    }
    return true;
  };

  const backHere = () => {
    const q = new URLSearchParams();
    if (via === 'qr') q.set('via', 'qr');
    if (noticeNeeded && notice) q.set('agreed', notice.version);
    q.set('auto', '1');
    return encodeURIComponent(`${CUSTOMER_BASE}/invitations/${token}?${q.toString()}`);
  };

  /** `ticked`: the notice was agreed before leaving for login/registration (the URL says which version). */
  const associate = async (ticked = false) => {
    if (!ticked && !requireAgreement()) return;
    setBusy(true);
    try {
      const res = await api.POST('/api/customer/associations', {
        // by QR code a 顾问销售 link asks for no notice (13.1.3 步骤2)
        body: { token, via, ...(noticeNeeded && notice ? { noticeVersion: notice.version, agreed: true } : {}) },
      });
      setDone(res);
      void qc.invalidateQueries({ queryKey: partnersKey });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'customers.association-failed') setFailure(err);
      else {
        handleError(err);
        // a newer notice was published meanwhile: show it and ask again
        if (err instanceof ApiError && err.code.startsWith('customers.notice')) {
          setAgreed(false);
          void info.refetch();
        }
      }
    } finally {
      setBusy(false);
    }
  };

  // back from login / registration with the notice ticked: associate at once
  useEffect(() => {
    if (autoTried.current || !signedInCustomer || info.data?.state !== 'valid' || params.get('auto') !== '1') return;
    if (noticeNeeded && !(notice && params.get('agreed') === notice.version)) return;
    autoTried.current = true;
    void associate(true);
  }, [signedInCustomer, info.data?.state, noticeNeeded, notice, params]);

  if (info.isLoading || me.isLoading) return <PageSpin />;

  const shell = (children: ReactNode) => (
    <AuthShell title={tx(T.invite.title)} width={720}>
      {children}
    </AuthShell>
  );

  if (info.isError || !info.data) {
    return shell(<Result status="error" title={t('common.error')} subTitle={info.error instanceof Error ? info.error.message : undefined} extra={<Button onClick={() => info.refetch()}>{t('common.retry')}</Button>} />);
  }

  const inv = info.data;
  if (done) {
    return shell(
      <Result
        status="success"
        title={<span data-testid="invite-success">{tx(T.invite.successTitle)}</span>}
        subTitle={<span data-testid="invite-success-desc">{tx(T.invite.successDesc(done.partnerName, done.associationTypeName))}</span>}
        extra={
          <Button type="primary" data-testid="invite-to-partners" onClick={() => navigate(`${CUSTOMER_BASE}/partners`)}>
            {tx(T.invite.toMyPartners)}
          </Button>
        }
      />,
    );
  }
  if (failure) {
    return shell(
      <Result
        status="warning"
        title={<span data-testid="invite-failed">{tx(T.invite.failedTitle)}</span>}
        subTitle={
          <Space direction="vertical">
            <span data-testid="invite-failed-reason">{failure.message}</span>
            <span>{tx(T.invite.failedHint)}</span>
          </Space>
        }
        extra={
          <Button
            onClick={() => {
              setFailure(null);
              void info.refetch();
            }}
          >
            {tx(T.invite.retry)}
          </Button>
        }
      />,
    );
  }
  if (inv.state !== 'valid') {
    const reason = inv.state === 'used' && via === 'qr' ? T.invite.invalid.usedQr : T.invite.invalid[inv.state];
    return shell(<Result status="warning" title={<span data-testid="invite-invalid">{tx(reason)}</span>} subTitle={tx(T.invite.invalidHint)} />);
  }

  return shell(
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="invite-page">
      <Typography.Paragraph style={{ fontSize: 16, marginBottom: 0 }} data-testid="invite-desc">
        {tx(T.invite.invitedBy(inv.partnerName ?? '', inv.associationTypeName ?? ''))}
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={tx(T.invite.partner)}>
          <span data-testid="invite-partner">{inv.partnerName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.invite.associationType)}>
          <Space direction="vertical" size={4}>
            <Tag color="blue" data-testid="invite-type">
              {inv.associationTypeName}
            </Tag>
            {inv.associationTypeDescription && <Typography.Text type="secondary">{inv.associationTypeDescription}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        {inv.expiresAt && <Descriptions.Item label={tx(T.invite.validUntil)}>{formatTime(inv.expiresAt)}</Descriptions.Item>}
      </Descriptions>

      {noticeNeeded && notice && (
        <>
          <Typography.Text>{tx(T.invite.readNotice(notice.title))}</Typography.Text>
          <NoticeText notice={notice} testId="invite-notice" />
          <Typography.Text type="secondary">{tx(T.invite.noticeDependsOnType)}</Typography.Text>
          <div>
            <Checkbox
              checked={agreed}
              onChange={(e) => {
                setAgreed(e.target.checked);
                setAgreeError(false);
              }}
              data-testid="invite-agree"
            >
              {tx(T.invite.agree)}
            </Checkbox>
            {agreeError && (
              <div role="alert" style={{ color: '#ff4d4f' }} data-testid="invite-agree-error">
                {tx(T.invite.mustAgree)}
              </div>
            )}
          </div>
        </>
      )}

      <Collapse
        size="small"
        items={[
          {
            key: 'cautions',
            label: tx(T.invite.cautionTitle),
            children: (
              <ul style={{ paddingLeft: 20, margin: 0 }}>
                {T.invite.cautions.map((c) => (
                  <li key={c.zh}>{tx(c)}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />

      {signedInCustomer ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" data-testid="invite-signed-in">
            {tx(T.invite.signedInAs(actor?.displayName ?? ''))}
          </Typography.Text>
          <Space wrap>
            <Button type="primary" size="large" loading={busy} onClick={() => associate()} data-testid="invite-associate">
              {tx(T.invite.associate)}
            </Button>
            <Button
              size="large"
              onClick={async () => {
                await logout();
                await me.refetch();
              }}
            >
              {tx(T.invite.switchAccount)}
            </Button>
          </Space>
        </Space>
      ) : actor && actor.kind !== 'anonymous' ? (
        <Alert
          type="warning"
          showIcon
          message={tx(T.invite.wrongActor)}
          action={
            <Button
              onClick={async () => {
                await logout();
                await me.refetch();
              }}
            >
              {t('common.logout')}
            </Button>
          }
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button
              type="primary"
              size="large"
              data-testid="invite-register"
              onClick={() => requireAgreement() && navigate(`${CUSTOMER_BASE}/register?redirect=${backHere()}`)}
            >
              {tx(T.invite.registerAndAssociate)}
            </Button>
            <Button size="large" data-testid="invite-login" onClick={() => requireAgreement() && setLoginTip(true)}>
              {tx(T.invite.loginAndAssociate)}
            </Button>
          </Space>
          <Typography.Text type="warning">{tx(T.invite.registerNote)}</Typography.Text>
        </Space>
      )}

      <Modal
        open={loginTip}
        title={tx(T.invite.loginTipTitle)}
        onCancel={() => setLoginTip(false)}
        footer={
          <Button type="primary" autoFocus data-testid="invite-got-it" onClick={() => navigate(`${CUSTOMER_BASE}/login?redirect=${backHere()}`)}>
            {tx(T.invite.gotIt)}
          </Button>
        }
      >
        <Typography.Paragraph>{tx(T.invite.loginTip)}</Typography.Paragraph>
        <Typography.Paragraph>{tx(T.invite.loginTip2)}</Typography.Paragraph>
      </Modal>
    </Space>,
  );
}
