import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { LIMITS as HCPN_LIMITS } from '../hcpn/text';
import { ReviewHistory, useFormFeedback } from '../paths/ui';
import { guideTime, KEYS, MOVING_STATUSES, TICKETS_PATH, type Application, type Overview } from './api';
import { BusinessWizard } from './BusinessWizard';
import { T, tx } from './text';

const STATUS_COLORS: Record<string, string> = {
  not_certified: 'default',
  draft: 'default',
  amount_verification: 'warning',
  locked: 'error',
  auto_certifying: 'processing',
  manual_review: 'processing',
  awaiting_bank_letter: 'warning',
  certified: 'success',
  failed: 'error',
  recertification_required: 'warning',
};

/**
 * 伙伴信息 > 商业信息 (spec 02 §2.5, §3.3, ops 8–10, R9–R17): the banner, 注意事项 and the cloud-store rules,
 * the company's certification status by the guide's names, the notice while settlement is blocked,
 * then the wizard, the step-⑤ status, the failure with its reason, or the certified information
 * with 重新认证 and the company-name pencil.
 */
export function BusinessInfoPage() {
  useTranslation();
  const q = useQuery({
    queryKey: KEYS.business,
    queryFn: () => api.GET('/api/business-info'),
    // 自动认证中 finishes on its own (a job): look again every few seconds
    refetchInterval: (query) => (MOVING_STATUSES.includes(query.state.data?.status ?? '') ? 3000 : false),
  });
  if (q.isLoading) return <Card loading />;
  if (!q.data) return <Result status="error" title={q.error instanceof Error ? q.error.message : '-'} />;
  const o = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="business-info-page">
      <Card title={tx(T.bizTitle)}>
        <Typography.Paragraph type="secondary">{tx(T.bizIntro)}</Typography.Paragraph>
        <Alert type="info" showIcon message={o.banner} style={{ marginBottom: 12 }} data-testid="biz-banner" />
        {o.settlement.blocked && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={tx(T.settlementBlocked)} description={o.settlement.message} data-testid="biz-settlement-blocked" />
        )}
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          message={tx(T.cautions)}
          description={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              <li>{tx(T.caution1)}</li>
              <li>{tx(T.caution2)}</li>
            </ul>
          }
        />
        {o.cloudStore.isCloudStore && (
          <Alert
            type="warning"
            style={{ marginBottom: 12 }}
            data-testid="biz-cloud-store"
            message={tx(T.cloudStoreNotes)}
            description={
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                <li>{tx(T.cloudStore1)}</li>
                <li>{tx(T.cloudStore2)}</li>
                <li>{tx(T.cloudStore3)}</li>
                <li>{tx(T.cloudStoreNoRecert)}</li>
              </ul>
            }
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={tx(T.currentStatus)}>
            <Tag color={STATUS_COLORS[o.status]} data-testid="biz-status" data-status={o.status}>
              {o.statusName}
            </Tag>
          </Descriptions.Item>
          {o.application && <Descriptions.Item label={tx(T.mode)}>{o.application.modeName}</Descriptions.Item>}
          {o.certified?.certifiedAt && <Descriptions.Item label={tx(T.certifiedAt)}>{guideTime(o.certified.certifiedAt)}</Descriptions.Item>}
        </Descriptions>
        {!o.canCertify && <Alert type="info" showIcon message={tx(T.mainOnlyBiz)} data-testid="biz-main-only" />}
        {o.recertificationRequired && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={tx(T.recertRequired)} data-testid="biz-recert-required" />}
      </Card>
      <Body overview={o} />
    </Space>
  );
}

function Body({ overview: o }: { overview: Overview }) {
  const [editingFailed, setEditingFailed] = useState(false);
  const app = o.application;
  if (app) {
    if (app.status === 'failed' && !editingFailed) return <FailedPanel app={app} onEdit={() => setEditingFailed(true)} />;
    if (!o.canCertify) return <ReadOnlyApplication app={app} />;
    return <BusinessWizard key={app.id} app={app} startAt={app.status === 'failed' ? 0 : undefined} />;
  }
  return (
    <>
      {o.certified ? <CertifiedView overview={o} certified={o.certified} /> : <NotCertified overview={o} />}
    </>
  );
}

/** 开始认证 / 重新认证: POST returns the open application (or creates one). */
function useStart() {
  const qc = useQueryClient();
  const { handleError } = useFormFeedback();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      await api.POST('/api/business-info/applications', { body: {} });
      await qc.invalidateQueries({ queryKey: KEYS.business });
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  return { start, busy };
}

function NotCertified({ overview: o }: { overview: Overview }) {
  const { start, busy } = useStart();
  const agreementMissing = o.cloudStore.isCloudStore && !o.cloudStore.revenueShareSigned;
  return (
    <Card data-testid="biz-not-certified">
      {agreementMissing && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={tx(T.cloudStoreAgreementMissing)} data-testid="biz-agreement-missing" />}
      <Empty description={tx(T.notCertified)}>
        {o.actions.includes('start') && (
          <Button type="primary" loading={busy} disabled={agreementMissing} onClick={start} data-testid="biz-start">
            {tx(T.start)}
          </Button>
        )}
      </Empty>
    </Card>
  );
}

function FailedPanel({ app, onEdit }: { app: Application; onEdit: () => void }) {
  const editable = app.actions.includes('save-company');
  return (
    <Card data-testid="biz-failed">
      <Result
        status="error"
        title={tx(T.failedTitle)}
        subTitle={tx(T.failedDesc)}
        extra={[
          editable && (
            <Button type="primary" key="edit" onClick={onEdit} data-testid="biz-edit-again">
              {tx(T.editAgain)}
            </Button>
          ),
          <Link key="wo" to={TICKETS_PATH} data-testid="biz-work-order">
            {tx(T.workOrder)}
          </Link>,
        ]}
      >
        {app.failureReason && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={tx(T.failReasonLabel)}>
              <Typography.Text type="danger" data-testid="biz-fail-reason">
                {app.failureReason}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
        {!editable && <Alert type="warning" showIcon message={tx(T.failedCloudStore)} />}
        {app.reviewId && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {tx(T.history)}
            </Typography.Title>
            <ReviewHistory reviewId={app.reviewId} />
          </>
        )}
      </Result>
    </Card>
  );
}

/** Another account of the company sees where the main account's application stands. */
function ReadOnlyApplication({ app }: { app: Application }) {
  return (
    <Card data-testid="biz-readonly">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={tx(T.mode)}>{app.modeName}</Descriptions.Item>
        <Descriptions.Item label={tx(T.currentStatus)}>{app.statusName}</Descriptions.Item>
        {app.failureReason && <Descriptions.Item label={tx(T.failReasonLabel)}>{app.failureReason}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// 已认证: the certified information, 重新认证 and the company-name pencil (L3148–3187)

function CertifiedView({ overview: o, certified: c }: { overview: Overview; certified: Application }) {
  const { modal } = useFormFeedback();
  const { start, busy } = useStart();
  const [renaming, setRenaming] = useState(false);
  const co = c.company;
  const bank = c.bank;
  const recertify = () =>
    modal.confirm({
      title: tx(T.recertifyConfirmTitle),
      content: tx(T.recertifyConfirm),
      okButtonProps: { 'data-testid': 'biz-recertify-ok' },
      onOk: start,
    });
  return (
    <Card
      title={tx(T.certifiedInfo)}
      data-testid="biz-certified"
      extra={
        o.actions.includes('recertify') ? (
          <Button type="primary" loading={busy} onClick={recertify} data-testid="biz-recertify">
            {tx(T.recertify)}
          </Button>
        ) : o.cloudStore.isCloudStore ? (
          <Typography.Text type="secondary" data-testid="biz-no-recert">
            {tx(T.cloudStoreNoRecert)}
          </Typography.Text>
        ) : null
      }
    >
      <Descriptions title={tx(T.companySection)} size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tx(T.companyName)}>
          <Space>
            <span data-testid="biz-certified-name">{c.companyName}</span>
            {o.isMainAccount && (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setRenaming(true)} aria-label={tx(T.editName)} title={tx(T.editName)} data-testid="biz-rename" />
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.registeredCountry)}>{co?.registeredCountry ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.certProvince)}>{co?.province ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.certCity)}>{co?.city ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.address)}>{co?.address ?? '-'}</Descriptions.Item>
      </Descriptions>
      <Descriptions title={tx(T.taxSection)} size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tx(T.taxpayerType)}>{co?.taxpayerType ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.taxNumber)}>{co?.taxNumber ?? '-'}</Descriptions.Item>
      </Descriptions>
      <Descriptions title={tx(T.financeSection)} size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tx(T.contactName)}>{co ? `${co.financeContact.lastName}${co.financeContact.firstName}` : '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.financeMobile)}>{co?.financeContact.mobile ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.financeEmail)}>{co?.financeContact.email ?? '-'}</Descriptions.Item>
      </Descriptions>
      {bank && (
        <Descriptions title={tx({ zh: '银行信息', en: 'Bank' })} size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={tx(T.bankCountry)}>{bank.bankCountry}</Descriptions.Item>
          <Descriptions.Item label={tx(T.bankName)}>{bank.bankName}</Descriptions.Item>
          <Descriptions.Item label={tx(T.branchName)}>{bank.branchName}</Descriptions.Item>
          <Descriptions.Item label={tx(T.branchCode)}>{bank.branchCode}</Descriptions.Item>
          <Descriptions.Item label={tx(T.accountHolder)}>{bank.accountHolder}</Descriptions.Item>
          <Descriptions.Item label={tx(T.accountNumber)}>{bank.accountNumberMasked}</Descriptions.Item>
          <Descriptions.Item label={tx(T.currency)}>{bank.currency}</Descriptions.Item>
        </Descriptions>
      )}
      {c.survey && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={tx(T.surveySummary)}>{c.survey.involved ? c.survey.itemTexts.join('；') : tx(T.notInvolved)}</Descriptions.Item>
        </Descriptions>
      )}
      {renaming && <RenameDialog current={c.companyName} onClose={() => setRenaming(false)} />}
    </Card>
  );
}

/** The pencil after 公司名称: a company-information change with the new licence (then re-certify, R5). */
function RenameDialog({ current, onClose }: { current: string; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ licence: UploadedFile[]; companyName: string }>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open title={tx(T.editName)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'biz-rename-ok' }}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(T.editNameHint)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ companyName: current, licence: [] }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            const r = await api.POST('/api/company/info/changes', { body: { basic: { licenceFileId: v.licence[0]!.id, companyName: v.companyName.trim() } } });
            void message.info(r.message);
            await Promise.all([qc.invalidateQueries({ queryKey: KEYS.business }), qc.invalidateQueries({ queryKey: KEYS.info }), qc.invalidateQueries({ queryKey: KEYS.changes })]);
            onClose();
          } catch (err) {
            fail(err, form, { 'basic.licenceFileId': ['licence'], 'basic.companyName': ['companyName'] });
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="licence" label={tx(T.licence)} extra={tx(T.licenceHint)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.newLicenceFirst) }]}>
          <FileUpload purpose="business-licence" extensions={['jpg', 'bmp', 'png', 'pdf']} maxSizeMb={20} testId="biz-rename-licence" />
        </Form.Item>
        <Form.Item
          name="companyName"
          label={tx(T.companyName)}
          rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.companyName) }) }, { max: HCPN_LIMITS.text }]}
        >
          <Input data-testid="biz-rename-name" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
