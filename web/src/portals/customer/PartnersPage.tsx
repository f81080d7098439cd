import { DownOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Dropdown, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { formatTime } from '../../components/format';
import { pickText } from '../../i18n';
import { AgreementsTab } from './AgreementsTab';
import { AuthorizationsTab } from './AuthorizationsTab';
import { ProcessRequestModal, SignNoticeModal } from './RequestDialogs';
import { T } from './text';
import { CUSTOMER_BASE, partnersKey, useTx, type MyPartner, type NoticeView, type PendingRequest } from './ui';

export type PartnersTab = 'info' | 'authorizations' | 'agreements';
const TAB_PATHS: Record<PartnersTab, string> = {
  info: `${CUSTOMER_BASE}/partners`,
  authorizations: `${CUSTOMER_BASE}/partners/authorizations`,
  agreements: `${CUSTOMER_BASE}/partners/agreements`,
};

/**
 * 账号中心 > 我的合作伙伴 (guide 13.2, 13.8, 13.11; spec 07 C3, C4, C11, C12, C15): tabs 合作伙伴信息 /
 * 授权管理 / 协议管理, each its own route. Above them the prompts: 立即处理 a partner's unbind or switch
 * request, 立即签署 a new version of 《客户关联华为云合作伙伴须知》.
 */
export function PartnersPage({ tab }: { tab: PartnersTab }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: partnersKey, queryFn: () => api.GET('/api/customer/partners') });
  const items = query.data?.items ?? [];
  const [processing, setProcessing] = useState<{ partner: MyPartner; request: PendingRequest } | null>(null);
  const [signing, setSigning] = useState<NoticeView | null>(null);

  return (
    <Card title={t('customer.myPartners')} loading={query.isLoading} data-testid="my-partners-page">
      {items.map((p) => (
        <Space key={p.partnerId} direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
          {p.pendingRequests.map((r) =>
            r.actionable ? (
              <Alert
                key={r.id}
                type="warning"
                showIcon
                data-testid="pending-request"
                message={tx(T.partners.requestBanner(p.partnerName, r.typeName))}
                description={`${tx(T.partners.appliedAt)}：${formatTime(r.appliedAt)}`}
                action={
                  <Button type="primary" size="small" data-testid="process-now" onClick={() => setProcessing({ partner: p, request: r })}>
                    {tx(T.partners.processNow)}
                  </Button>
                }
              />
            ) : (
              <Alert key={r.id} type="info" showIcon data-testid="own-request" message={tx(T.partners.ownRequestBanner(r.typeName, r.statusName))} />
            ),
          )}
          {p.noticeToSign && (
            <Alert
              type="info"
              showIcon
              data-testid="notice-to-sign"
              message={tx(T.partners.noticeBanner(p.noticeToSign.title, p.noticeToSign.version))}
              action={
                <Button type="primary" size="small" data-testid="sign-now" onClick={() => setSigning(p.noticeToSign)}>
                  {tx(T.partners.signNow)}
                </Button>
              }
            />
          )}
        </Space>
      ))}
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(TAB_PATHS[k as PartnersTab])}
        items={[
          { key: 'info', label: <span data-testid="tab-partner-info">{tx(T.partners.tabInfo)}</span>, children: tab === 'info' && <PartnerInfo items={items} /> },
          { key: 'authorizations', label: <span data-testid="tab-authorizations">{tx(T.partners.tabAuthorizations)}</span>, children: tab === 'authorizations' && <AuthorizationsTab /> },
          { key: 'agreements', label: <span data-testid="tab-agreements">{tx(T.partners.tabAgreements)}</span>, children: tab === 'agreements' && <AgreementsTab /> },
        ]}
      />
      {processing && <ProcessRequestModal partner={processing.partner} request={processing.request} onClose={() => setProcessing(null)} />}
      {signing && <SignNoticeModal notice={signing} onClose={() => setSigning(null)} />}
    </Card>
  );
}

/** 合作伙伴信息: the partner, the association type, its 客户联系人 (or the administrator, guide L3536), 更多操作. */
function PartnerInfo({ items }: { items: MyPartner[] }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const footer = (
    <Space style={{ marginTop: 16 }} wrap>
      {items.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [{ key: 'unbind', label: <span data-testid="more-unbind">{tx(T.partners.unbind)}</span> }],
            onClick: ({ key }) => key === 'unbind' && navigate(`${CUSTOMER_BASE}/partners/unbind`),
          }}
        >
          <Button data-testid="more-ops">
            {tx(T.partners.moreOps)} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Link to={`${CUSTOMER_BASE}/partners/events`} data-testid="events-log-link">
        {tx(T.partners.eventsLog)}
      </Link>
    </Space>
  );
  if (items.length === 0) {
    return (
      <>
        <Empty description={t('customer.myPartnersEmpty')} data-testid="my-partners-empty" />
        {footer}
      </>
    );
  }
  return (
    <>
      {items.map((p) => (
        <div key={p.partnerId} data-testid="my-partner">
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('customer.partnerName')}>
              <span data-testid="my-partner-name">{p.partnerName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('customer.associationType')}>
              <Tag color="blue" data-testid="my-partner-type">
                {pickText(p.associationTypeName)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('customer.associatedAt')}>{formatTime(p.associatedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{p.contactsSource === 'contacts' ? t('customer.contacts') : t('customer.adminContact')}</Typography.Title>
          <Table
            rowKey={(c) => `${c.name}-${c.mobile}`}
            size="small"
            pagination={false}
            dataSource={p.contacts}
            data-testid="my-partner-contacts"
            locale={{ emptyText: t('common.noData') }}
            columns={[
              { title: t('org.name'), dataIndex: 'name' },
              { title: t('org.position'), dataIndex: 'position', render: (v: string | null) => v ?? '-' },
              { title: t('org.mobile'), dataIndex: 'mobile' },
              { title: t('org.email'), dataIndex: 'email', render: (v: string | null) => v ?? '-' },
              { title: t('org.landline'), dataIndex: 'landline', render: (v: string | null) => v ?? '-' },
            ]}
          />
        </div>
      ))}
      {footer}
    </>
  );
}
