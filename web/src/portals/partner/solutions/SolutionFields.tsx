import { Form, Input, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { fileRefs, useTx } from '../paths/ui';
import type { SolutionBody, SolutionDetail, SolutionKind } from './api';
import { EMAIL_RE, MATERIAL_TYPES, MOBILE_RE, T } from './text';

export type MaterialKey = 'copyright' | 'intro' | 'certification' | 'testReport';
export type MaterialValues = Partial<Record<MaterialKey, UploadedFile[]>>;
export type Contacts = NonNullable<SolutionBody['contacts']>;

/** Which materials are required (* in guide 6.1 / 6.2): 软件著作版权 only for advanced + 新建; Lead baseline needs 测试报告 instead. */
export function requiredMaterials(kind: SolutionKind, source: SolutionBody['source']): MaterialKey[] {
  if (source === 'lead_baseline') return ['testReport'];
  return kind === 'advanced' ? ['copyright', 'intro', 'certification'] : ['intro', 'certification'];
}

export const toIds = (m: MaterialValues | undefined): NonNullable<SolutionBody['materials']> =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, files]) => [k, (files ?? []).map((f) => f.id)]));

/** The saved materials (ids) as upload values with their names. */
export async function materialValues(m: SolutionDetail['form']['materials'] | null | undefined): Promise<MaterialValues> {
  const out: MaterialValues = {};
  for (const [k, ids] of Object.entries(m ?? {})) out[k as MaterialKey] = await fileRefs(ids ?? []);
  return out;
}

/** 方案材料: the uploads of one solution, as the source and kind ask. */
export function MaterialsFields({ kind, source, strict }: { kind: SolutionKind; source: SolutionBody['source']; strict: boolean }) {
  const tx = useTx();
  const required = requiredMaterials(kind, source);
  const label: Record<MaterialKey, { zh: string; en: string }> = { copyright: T.copyright, intro: T.intro, certification: T.certification, testReport: T.testReport };
  const extra: Partial<Record<MaterialKey, string>> = { copyright: tx(T.copyrightHint), certification: tx(T.certificationHint) };
  const shown: MaterialKey[] = source === 'lead_baseline' ? ['testReport'] : kind === 'advanced' ? ['copyright', 'intro', 'certification'] : ['intro', 'certification'];
  return (
    <>
      <Typography.Title level={5}>{tx(T.materials)}</Typography.Title>
      <Typography.Paragraph type="secondary">{tx(T.uploadNote)}</Typography.Paragraph>
      {shown.map((key) => (
        <Form.Item
          key={key}
          name={['materials', key]}
          label={tx(label[key])}
          extra={extra[key]}
          required={required.includes(key)}
          rules={strict && required.includes(key) ? [{ required: true, type: 'array', min: 1, message: tx(T.upload, { field: tx(label[key]) }) }] : []}
        >
          <FileUpload purpose="attachment" maxCount={5} maxSizeMb={50} extensions={MATERIAL_TYPES} testId={`solution-material-${key}`} messages={{ badType: tx(T.uploadNote), tooLarge: tx(T.uploadNote) }} />
        </Form.Item>
      ))}
    </>
  );
}

/** 2 填写联系人信息: 贵公司业务联系人 / 手机 / 邮箱, and the Huawei contact when there is one. */
export function ContactsFields({ form, strict }: { form: FormInstance; strict: boolean }) {
  const tx = useTx();
  const hasHuawei = Form.useWatch(['contacts', 'hasHuaweiContact'], form);
  const req = (label: { zh: string; en: string }) => (strict ? [{ required: true, whitespace: true, message: tx(T.required, { field: tx(label) }) }] : []);
  return (
    <>
      <Form.Item name={['contacts', 'businessContact']} label={tx(T.businessContact)} extra={tx(T.businessContactHint)} required rules={[...req(T.businessContact), { max: 50 }]}>
        <Input data-testid="solution-businessContact" />
      </Form.Item>
      <Form.Item
        name={['contacts', 'businessMobile']}
        label={tx(T.businessMobile)}
        required
        rules={[...req(T.businessMobile), { pattern: MOBILE_RE, message: tx(T.invalidMobile) }, { max: 30 }]}
      >
        <Input placeholder="+86-13800000000" data-testid="solution-businessMobile" />
      </Form.Item>
      <Form.Item name={['contacts', 'businessEmail']} label={tx(T.businessEmail)} required rules={[...req(T.businessEmail), { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 100 }]}>
        <Input data-testid="solution-businessEmail" />
      </Form.Item>
      <Form.Item name={['contacts', 'hasHuaweiContact']} label={tx(T.hasHuaweiContact)} extra={tx(T.hasHuaweiContactHint)}>
        <Select
          allowClear
          style={{ width: 160 }}
          data-testid="solution-hasHuaweiContact"
          options={[
            { value: true, label: tx(T.yes) },
            { value: false, label: tx(T.no) },
          ]}
        />
      </Form.Item>
      {hasHuawei && (
        <>
          <Form.Item name={['contacts', 'huaweiContactName']} label={tx(T.huaweiContactName)} required rules={[...req(T.huaweiContactName), { max: 50 }]}>
            <Input data-testid="solution-huaweiContactName" />
          </Form.Item>
          <Form.Item
            name={['contacts', 'huaweiContactMobile']}
            label={tx(T.huaweiContactMobile)}
            required
            rules={[...req(T.huaweiContactMobile), { pattern: MOBILE_RE, message: tx(T.invalidMobile) }, { max: 30 }]}
          >
            <Input placeholder="+86-13800000000" data-testid="solution-huaweiContactMobile" />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** Empty strings are left out: the server reads a missing field as "not filled yet" on drafts. */
export function cleanContacts(c: Contacts | undefined): Contacts {
  const out: Contacts = {};
  for (const [k, v] of Object.entries(c ?? {})) if (v !== undefined && v !== null && v !== '') (out as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  if (!out.hasHuaweiContact) {
    delete out.huaweiContactName;
    delete out.huaweiContactMobile;
  }
  return out;
}
