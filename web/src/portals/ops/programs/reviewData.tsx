import { Descriptions, Space, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { pickText } from '../../../i18n';
import { FileLinks } from '../../partner/paths/ui';
import { DATA_LABELS, METRIC_NAMES, OPTION_NAMES, T, VALUE_NAMES } from './text';

export interface DataEntry {
  key: string;
  label: string;
  value: ReactNode;
}

const label = (k: string) => (DATA_LABELS[k] ? pickText(DATA_LABELS[k]) : k);
const word = (v: string) => (VALUE_NAMES[v] ? pickText(VALUE_NAMES[v]) : v);
const yesNo = (v: boolean) => pickText(v ? T.yes : T.no);
const FILE_KEYS = new Set(['licenceFileId', 'logoFileId', 'shareholderProofFileId', 'performanceProof', 'certifiedProof', 'professionalProof', 'expansionProof', 'technicalProof', 'salesProof', 'fileId']);

/** One value of 商业信息 / 计划申请信息: files as links, options by name, yes/no, people as lines. */
function value(key: string, v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '-';
  if (typeof v === 'boolean') return yesNo(v);
  if (FILE_KEYS.has(key)) return <FileLinks ids={Array.isArray(v) ? (v as string[]) : [String(v)]} />;
  if (OPTION_NAMES[key]) {
    const names = OPTION_NAMES[key]!;
    const one = (x: unknown) => (names[String(x)] ? pickText(names[String(x)]!) : String(x));
    return Array.isArray(v) ? v.map(one).join('、') : one(v);
  }
  if (key === 'huaweiContact' && typeof v === 'object') {
    const c = v as { name?: string; mobile?: string | null; email?: string | null };
    return [c.name, c.mobile, c.email].filter(Boolean).join(' · ') || '-';
  }
  if (key === 'intendedDistributor' && typeof v === 'object') {
    const d = v as { companyName?: string; accountName?: string };
    return `${d.companyName ?? ''}（${d.accountName ?? ''}）`;
  }
  if (key === 'proofs' && Array.isArray(v))
    return (
      <Space direction="vertical">
        {(v as { category: string; fileId: string }[]).map((p) => (
          <span key={p.fileId}>
            {value('category', p.category)}：<FileLinks ids={[p.fileId]} />
          </span>
        ))}
      </Space>
    );
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : word(String(x)))).join('、');
  if (typeof v === 'object') return nested(v as Record<string, unknown>);
  return word(String(v));
}

function nested(obj: Record<string, unknown>): ReactNode {
  const entries = Object.entries(obj).filter(([, x]) => x !== null && x !== undefined && x !== '');
  if (!entries.length) return '-';
  return (
    <Descriptions size="small" column={1} bordered>
      {entries.map(([k, x]) => (
        <Descriptions.Item key={k} label={label(k)}>
          {value(k, x)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** A list of rows with Chinese keys (the upgrade snapshot) as a small table. */
function rowsTable(rows: Record<string, unknown>[], testId: string): ReactNode {
  const keys = rows.length ? Object.keys(rows[0]!) : [];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      data-testid={testId}
      columns={keys.map((k) => ({ key: k, title: label(k), render: (_: unknown, r: Record<string, unknown>) => word(String(r[k] ?? '-')) }))}
    />
  );
}

/**
 * The programs review kinds (加入<plan>, 等级提升, 年度考核不达标处理) labelled in the guide's words for
 * the generic review detail; `null` for any other kind.
 */
export function programEntries(kind: string, data: Record<string, unknown> | null | undefined): DataEntry[] | null {
  if (!kind.startsWith('programs.') || !data) return null;
  const rows: DataEntry[] = [];
  const push = (key: string, v: ReactNode) => rows.push({ key, label: label(key), value: v });
  for (const [k, v] of Object.entries(data)) {
    if (v === null || v === undefined) continue;
    if (k === '联系人信息' && Array.isArray(v)) {
      const list = v as { name?: string; mobile?: string; email?: string }[];
      push(k, list.length ? <>{list.map((c, i) => <div key={i}>{[c.name, c.mobile, c.email].filter(Boolean).join(' · ')}</div>)}</> : '-');
    } else if (k === '已同意协议' && Array.isArray(v)) {
      push(
        k,
        <Space wrap>
          {(v as string[]).map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </Space>,
      );
    } else if (k === '尽职调查' && typeof v === 'object') {
      const dd = v as { 问题?: { 问题: string; 回答: string; 说明: string | null }[]; 敏感关系申报?: string };
      push(
        k,
        <Space direction="vertical" style={{ width: '100%' }} data-testid="review-due-diligence">
          {(dd.问题 ?? []).map((q, i) => (
            <div key={i}>
              {i + 1}. {q.问题} <Tag color={q.回答 === '是' ? 'orange' : 'default'}>{word(q.回答)}</Tag>
              {q.说明 ? `（${q.说明}）` : ''}
            </div>
          ))}
          <div>
            {label('敏感关系申报')}：{dd.敏感关系申报 ? word(dd.敏感关系申报) : '-'}
          </div>
        </Space>,
      );
    } else if (k === '积分卡填报数据快照' && Array.isArray(v)) push(k, rowsTable(v as Record<string, unknown>[], 'review-upgrade-snapshot'));
    else if (k === '指标' && Array.isArray(v)) {
      const metrics = v as { key: string; requirement: string; achieved: string; met: boolean }[];
      push(
        k,
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={metrics}
          columns={[
            { key: 'metric', title: pickText(T.metric), render: (_, m) => (METRIC_NAMES[m.key] ? pickText(METRIC_NAMES[m.key]!) : m.key) },
            { key: 'req', title: pickText(T.requirement), render: (_, m) => m.requirement || '-' },
            { key: 'achieved', title: pickText(T.achieved), dataIndex: 'achieved' },
            { key: 'met', title: pickText(T.met), render: (_, m) => <Tag color={m.met ? 'success' : 'error'}>{yesNo(m.met)}</Tag> },
          ]}
        />,
      );
    } else push(k, value(k, v));
  }
  return rows;
}
