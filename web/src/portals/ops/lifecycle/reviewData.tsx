import { Descriptions, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { pickText } from '../../../i18n';
import { FileLinks } from '../../partner/paths/ui';
import { DATA_LABELS, HCPN_MANUAL_REASONS, LIFECYCLE_KINDS, PATH_NAMES, STAGE_NAMES } from './text';

export interface DataEntry {
  key: string;
  label: string;
  value: ReactNode;
}

const yes = () => pickText({ zh: '是', en: 'Yes' });
const no = () => pickText({ zh: '否', en: 'No' });
const labelOf = (key: string) => (DATA_LABELS[key] ? pickText(DATA_LABELS[key]) : key);
const isId = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(x);
const isUuidList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isId);

/** A value of a review's data, readable: yes/no, lists, nested objects as nested descriptions, files as links. */
function readable(key: string, v: unknown, fileKeys: ReadonlySet<string>): ReactNode {
  if (v === null || v === undefined || v === '') return '-';
  if (typeof v === 'boolean') return v ? yes() : no();
  if (fileKeys.has(key) && (isUuidList(v) || isId(v))) return <FileLinks ids={isId(v) ? [v] : (v as string[])} />;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.length ? v.map(String).join('、') : '-';
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {v.map((x, i) => (
          <div key={i}>{readable(key, x, fileKeys)}</div>
        ))}
      </Space>
    );
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return '-';
    return (
      <Descriptions size="small" column={1} bordered>
        {entries.map(([k, x]) => (
          <Descriptions.Item key={k} label={labelOf(k)}>
            {readable(k, x, fileKeys)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    );
  }
  return String(v);
}

const SOLUTION_FILES = new Set(['copyright', 'intro', 'certification', 'testReport']);
const PATH_FILES = new Set(['materials', 'cases', 'businessPlan']);

/**
 * The lifecycle kinds' review data as labelled rows for the generic review detail (英文 keys get the
 * guide's labels, codes their names, file ids become links); `null` for any other kind.
 */
export function lifecycleEntries(kind: string, data: Record<string, unknown> | null | undefined): DataEntry[] | null {
  if (!LIFECYCLE_KINDS.includes(kind) || !data) return null;
  const files = kind.startsWith('solutions.') ? SOLUTION_FILES : new Set<string>();
  const pathKind = kind.startsWith('paths.');
  const rows: DataEntry[] = [];
  const push = (key: string, label: string, value: ReactNode) => rows.push({ key, label, value });
  for (const [k, v] of Object.entries(data)) {
    if (pathKind && k === 'path' && typeof v === 'string') push(k, labelOf(k), PATH_NAMES[v] ? pickText(PATH_NAMES[v]) : v);
    else if (pathKind && k === 'stage' && typeof v === 'string') push(k, labelOf(k), STAGE_NAMES[v] ? pickText(STAGE_NAMES[v]) : v);
    else if (pathKind && k === 'materials' && v && typeof v === 'object' && !Array.isArray(v)) {
      const m = v as Record<string, unknown>;
      push('materials', pickText({ zh: '认证材料', en: 'Certification materials' }), readable('materials', m.materials, PATH_FILES));
      push('cases', labelOf('cases'), readable('cases', m.cases, PATH_FILES));
      push('businessPlan', labelOf('businessPlan'), readable('businessPlan', m.businessPlan, PATH_FILES));
    } else if (pathKind && k === 'materials' && Array.isArray(v)) {
      push('materials', pickText({ zh: '复核材料', en: 'Review materials' }), readable('materials', v, PATH_FILES));
    } else if (pathKind && k === 'requirements' && Array.isArray(v)) {
      // the requirement snapshot taken when the review was applied for
      const reqs = v as { key: string; name: string; progress: string; met: boolean | null }[];
      push(
        k,
        labelOf(k),
        <>
          {reqs.map((r) => (
            <div key={r.key}>
              <Tag color={r.met === true ? 'green' : r.met === false ? 'red' : 'default'}>{r.progress}</Tag>
              {r.name}
            </div>
          ))}
        </>,
      );
    } else if (kind === 'partners.hcpn-enrolment' && k === '人工审核原因' && Array.isArray(v)) {
      push(
        k,
        pickText({ zh: '人工审核原因', en: 'Why manual review' }),
        v.length ? (
          <Space wrap>
            {(v as string[]).map((r) => (
              <Tag color="orange" key={r}>
                {HCPN_MANUAL_REASONS[r] ? pickText(HCPN_MANUAL_REASONS[r]) : r}
              </Tag>
            ))}
          </Space>
        ) : (
          '-'
        ),
      );
    } else if (kind === 'partners.hcpn-enrolment' && k === '联系人' && Array.isArray(v)) {
      const contacts = v as { name?: string; mobile?: string; email?: string }[];
      push(k, pickText({ zh: '联系人', en: 'Contacts' }), contacts.length ? <>{contacts.map((c, i) => <div key={i}>{[c.name, c.mobile, c.email].filter(Boolean).join(' · ')}</div>)}</> : '-');
    } else push(k, labelOf(k), readable(k, v, files));
  }
  return rows;
}
