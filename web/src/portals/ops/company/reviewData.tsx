import { Space, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { fileUrl } from '../../../api/client';
import { tx } from './text';

/**
 * The review data of the two company kinds, readable in the generic review detail: 修改内容 as a
 * before/after table (files as links, contacts one a line), reason lists as tags. The server sends
 * Chinese keys already, so they are the labels. `null` for any other kind.
 */
export const COMPANY_KINDS = ['partners.company-info-change', 'partners.business-info-certification'];

export interface DataEntry {
  key: string;
  label: string;
  value: ReactNode;
}

const isId = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(x);

function plain(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '-';
  if (typeof v === 'boolean') return tx(v ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' });
  if (isId(v))
    return (
      <a href={fileUrl(v)} target="_blank" rel="noreferrer">
        {tx({ zh: '查看文件', en: 'Open file' })}
      </a>
    );
  if (Array.isArray(v))
    return (
      <Space direction="vertical" size={0}>
        {v.map((x, i) => (
          <span key={i}>{x && typeof x === 'object' ? Object.values(x as Record<string, unknown>).map(String).join(' · ') : String(x)}</span>
        ))}
      </Space>
    );
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

type Change = { 字段?: string; 修改前?: unknown; 修改后?: unknown };

export function companyEntries(kind: string, data: Record<string, unknown> | null | undefined): DataEntry[] | null {
  if (!COMPANY_KINDS.includes(kind) || !data || Array.isArray(data)) return null;
  return Object.entries(data).map(([key, v]) => {
    if (key === '修改内容' && Array.isArray(v))
      return {
        key,
        label: key,
        value: (
          <Table<Change>
            size="small"
            pagination={false}
            rowKey={(r, i) => `${r.字段}-${i}`}
            dataSource={v as Change[]}
            data-testid="review-company-changes"
            columns={[
              { key: 'f', title: tx({ zh: '字段', en: 'Field' }), dataIndex: '字段', width: 160 },
              { key: 'b', title: tx({ zh: '修改前', en: 'Before' }), render: (_, r) => plain(r.修改前) },
              { key: 'a', title: tx({ zh: '修改后', en: 'After' }), render: (_, r) => plain(r.修改后) },
            ]}
          />
        ),
      };
    if ((key === '人工审核原因' || key === '关联供应商调查') && Array.isArray(v))
      return {
        key,
        label: key,
        value: v.length ? (
          <Space wrap>
            {v.map((r) => (
              <Tag color="orange" key={String(r)}>
                {String(r)}
              </Tag>
            ))}
          </Space>
        ) : (
          '-'
        ),
      };
    return { key, label: key, value: plain(v) };
  });
}
