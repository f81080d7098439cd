import { Button, Modal, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiData } from '../../api/client';
import { formatTime } from '../../components/format';
import { T } from './text';
import { NoticeText, useTx } from './ui';

type Agreement = ApiData<'/api/customer/agreements', 'get'>['items'][number];

/**
 * 我的合作伙伴 > 协议管理 (guide 13.11 步骤4, L20431–20433): 协议名称, 协议版本, 签署时间, 查看协议.
 * The API returns the customer's few signatures at once; the table pages them locally.
 */
export function AgreementsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<Agreement | null>(null);
  const q = useQuery({ queryKey: ['customer', 'agreements'], queryFn: () => api.GET('/api/customer/agreements') });
  const columns: TableColumnsType<Agreement> = [
    { key: 'name', title: tx(T.agreements.name), dataIndex: 'name' },
    { key: 'version', title: tx(T.agreements.version), dataIndex: 'version', render: (v: string) => <span data-testid="agreement-version">{v}</span> },
    { key: 'signedAt', title: tx(T.agreements.signedAt), render: (_, a) => formatTime(a.signedAt) },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, a) => (
        <Button type="link" size="small" data-testid="agreement-view" onClick={() => setViewing(a)}>
          {tx(T.agreements.view)}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<Agreement>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="agreements-table"
        locale={{ emptyText: <span data-testid="agreements-empty">{tx(T.agreements.empty)}</span> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
      <Modal open={!!viewing} title={viewing?.name} footer={null} width={680} onCancel={() => setViewing(null)} destroyOnHidden>
        {viewing && <NoticeText notice={{ title: viewing.name, version: viewing.version, points: viewing.points }} testId="agreement-content" />}
      </Modal>
    </>
  );
}
