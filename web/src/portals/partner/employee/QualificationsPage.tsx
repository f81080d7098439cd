import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Skeleton, Space, Table, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type UploadedFile } from '../../../api/client';
import type { Certificate, Employment, Project, Training } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { FileUpload } from '../../../components/FileUpload';
import { certificateColumns, projectColumns, trainingColumns } from '../qualificationColumns';

const KEY = ['me', 'qualifications'] as const;
const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);
/** A date the form requires (its rules refuse an empty one). */
const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The employee's own 个人资质: 就职信息, 证书, 培训, 项目. */
export function QualificationsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('employee.qualifications')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'employment', label: <span data-testid="tab-employment">{t('specialists.employment')}</span>, children: <EmploymentTab /> },
          { key: 'certificates', label: <span data-testid="tab-certificates">{t('specialists.certificates')}</span>, children: <CertificatesTab /> },
          { key: 'trainings', label: <span data-testid="tab-trainings">{t('specialists.trainings')}</span>, children: <TrainingsTab /> },
          { key: 'projects', label: <span data-testid="tab-projects">{t('specialists.projects')}</span>, children: <ProjectsTab /> },
        ]}
      />
    </Card>
  );
}

function EmploymentTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ employer: string; workBase: string; proof: UploadedFile[] }>();
  const [saving, setSaving] = useState(false);
  const query = useQuery({
    queryKey: [...KEY, 'employment'],
    queryFn: async () => (await api.GET('/api/me/qualifications/employment')).employment,
  });
  const e = query.data;
  // The work base is fixed once submitted (only the ecosystem manager or the partner admin changes it).
  const workBaseLocked = !!e?.workBaseLocked;
  useEffect(() => {
    if (e) form.setFieldsValue({ employer: e.employer ?? undefined, workBase: e.workBase ?? undefined, proof: e.proofFileId ? [{ id: e.proofFileId, name: t('employee.proof'), size: 0, mime: '' }] : [] });
  }, [e, form, t]);
  if (query.isLoading) return <Skeleton active />;
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      data-testid="employment-form"
      onFinish={async (v) => {
        setSaving(true);
        try {
          await api.PUT('/api/me/qualifications/employment', { body: { employer: v.employer, workBase: v.workBase, proofFileId: v.proof?.[0]?.id } });
          void message.success(t('common.saved'));
          await qc.invalidateQueries({ queryKey: [...KEY, 'employment'] });
        } catch (err) {
          handleError(err, form);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form.Item name="employer" label={t('employee.employer')} rules={[required(t('employee.employer'))]}>
        <Input data-testid="employment-employer" />
      </Form.Item>
      <Form.Item name="workBase" label={t('employee.workBase')} extra={workBaseLocked ? t('employee.workBaseLocked') : t('specialists.workBaseHint')} rules={[required(t('employee.workBase'))]}>
        <Input data-testid="employment-workBase" disabled={workBaseLocked} />
      </Form.Item>
      <Form.Item name="proof" label={t('employee.proof')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('employee.proof') }) }]}>
        <FileUpload purpose="employment-proof" extensions={['pdf', 'jpg', 'jpeg', 'png']} testId="employment-proof" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="employment-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

interface CertValues {
  name: string;
  /** only the uploaded kinds: 职业认证 / 其他类 */
  type: 'professional' | 'other';
  number: string;
  validFrom: Dayjs;
  validTo: Dayjs;
  file: UploadedFile[];
}

function CertificatesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [editing, setEditing] = useState<Certificate | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CertValues>();
  const query = useQuery({ queryKey: [...KEY, 'certificates'], queryFn: async () => (await api.GET('/api/me/qualifications/certificates')).items });
  // Only 职业认证 / 其他类 are uploaded; 开发者认证 / 专业认证 sync from the learning platform (R42).
  const manualTypes = ['professional', 'other'] as const;
  const typeLabel = (v: (typeof manualTypes)[number]) => (v === 'professional' ? t('employee.certTypeProfessional') : t('employee.certTypeOther'));

  const open = (c: Certificate | 'new') => {
    setEditing(c);
    form.resetFields();
    if (c !== 'new') form.setFieldsValue({ ...c, validFrom: c.validFrom ? dayjs(c.validFrom) : undefined, validTo: c.validTo ? dayjs(c.validTo) : undefined, file: c.fileId ? [{ id: c.fileId, name: c.name, size: 0, mime: '' }] : [] } as Partial<CertValues>);
  };

  const submit = async (v: CertValues) => {
    setSaving(true);
    const body = { name: v.name, type: v.type, number: v.number, validFrom: ymd(v.validFrom), validTo: ymd(v.validTo), fileId: v.file[0]?.id ?? '' };
    try {
      if (editing && editing !== 'new') await api.PATCH('/api/me/qualifications/certificates/{id}', { params: { path: { id: editing.id } }, body });
      else await api.POST('/api/me/qualifications/certificates', { body });
      void message.success(t('common.saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: [...KEY, 'certificates'] });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon message={t('employee.certNote')} style={{ marginBottom: 16 }} />
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => open('new')} data-testid="add-certificate">
        {t('employee.addCert')}
      </Button>
      <Table<Certificate>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        data-testid="certificates-table"
        columns={[
          ...certificateColumns(t),
          {
            title: t('common.operation'),
            render: (_, c) => (c.source === 'member' ? <a onClick={() => open(c)} data-testid={`certificate-edit-${c.id}`}>{t('common.edit')}</a> : '-'),
          },
        ]}
      />
      <Modal forceRender open={!!editing} title={t('employee.addCert')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'certificate-save' }}>
        <Form form={form} layout="vertical" onFinish={submit} data-testid="certificate-form">
          <Form.Item name="name" label={t('employee.certName')} rules={[{ required: true, message: t('common.required', { field: t('employee.certName') }) }]}>
            <Input data-testid="certificate-name" />
          </Form.Item>
          <Form.Item name="type" label={t('employee.certType')} rules={[{ required: true, message: t('common.selectRequired', { field: t('employee.certType') }) }]}>
            <Select data-testid="certificate-type" options={manualTypes.map((v) => ({ value: v, label: typeLabel(v) }))} />
          </Form.Item>
          <Form.Item name="number" label={t('employee.certNumber')} rules={[{ required: true, message: t('common.required', { field: t('employee.certNumber') }) }]}>
            <Input data-testid="certificate-number" />
          </Form.Item>
          <Space>
            <Form.Item name="validFrom" label={t('employee.validFrom')} rules={[{ required: true, message: t('common.selectRequired', { field: t('employee.validFrom') }) }]}>
              <DatePicker data-testid="certificate-validFrom" />
            </Form.Item>
            <Form.Item
              name="validTo"
              label={t('employee.validTo')}
              dependencies={['validFrom']}
              rules={[
                { required: true, message: t('common.selectRequired', { field: t('employee.validTo') }) },
                ({ getFieldValue }) => ({
                  // Only certificates still within validity may be uploaded (guide L4030).
                  validator: (_, v?: Dayjs) => (!v || (v.isAfter(dayjs(), 'day') && (!getFieldValue('validFrom') || v.isAfter(getFieldValue('validFrom')))) ? Promise.resolve() : Promise.reject(new Error(t('employee.certExpired')))),
                }),
              ]}
            >
              <DatePicker data-testid="certificate-validTo" />
            </Form.Item>
          </Space>
          <Form.Item name="file" label={t('employee.certFile')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('employee.certFile') }) }]}>
            <FileUpload purpose="certificate" extensions={['pdf', 'jpg', 'jpeg', 'png']} testId="certificate-file" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TrainingsTab() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...KEY, 'trainings'], queryFn: async () => (await api.GET('/api/me/qualifications/trainings')).items });
  return (
    <>
      <Alert type="info" showIcon message={t('employee.trainingNote')} style={{ marginBottom: 16 }} />
      <Table<Training> rowKey="id" loading={query.isLoading} dataSource={query.data ?? []} columns={trainingColumns(t)} data-testid="trainings-table" />
    </>
  );
}

interface ProjectValues {
  name: string;
  period: [Dayjs, Dayjs];
  role: string;
}

function ProjectsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ProjectValues>();
  const key = [...KEY, 'projects'];
  const query = useQuery({ queryKey: key, queryFn: async () => (await api.GET('/api/me/qualifications/projects')).items });
  const remove = (p: Project) =>
    modal.confirm({
      title: t('common.delete'),
      content: p.name,
      okButtonProps: { danger: true, 'data-testid': 'delete-project-ok' },
      onOk: async () => {
        try {
          await api.DELETE('/api/me/qualifications/projects/{id}', { params: { path: { id: p.id } } });
          void message.success(t('common.deleted'));
          await qc.invalidateQueries({ queryKey: key });
        } catch (err) {
          handleError(err);
        }
      },
    });
  return (
    <>
      <Alert type="info" showIcon message={t('employee.projectNote')} style={{ marginBottom: 16 }} />
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="add-project">
        {t('employee.addProject')}
      </Button>
      <Table<Project>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        data-testid="projects-table"
        columns={[...projectColumns(t), { title: t('common.operation'), render: (_, p) => (p.editable ? <a onClick={() => remove(p)} data-testid={`project-delete-${p.id}`}>{t('common.delete')}</a> : '-') }]}
      />
      <Modal forceRender open={adding} title={t('employee.addProject')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'project-save' }}>
        <Form
          form={form}
          layout="vertical"
          data-testid="project-form"
          onFinish={async (v) => {
            setSaving(true);
            try {
              await api.POST('/api/me/qualifications/projects', { body: { name: v.name, deliveryStart: ymd(v.period[0]), deliveryEnd: ymd(v.period[1]), role: v.role } });
              void message.success(t('common.saved'));
              setAdding(false);
              await qc.invalidateQueries({ queryKey: key });
            } catch (err) {
              handleError(err, form);
            } finally {
              setSaving(false);
            }
          }}
        >
          <Form.Item name="name" label={t('employee.projectName')} rules={[{ required: true, message: t('common.required', { field: t('employee.projectName') }) }]}>
            <Input data-testid="project-name" />
          </Form.Item>
          <Form.Item name="period" label={`${t('employee.projectStart')} - ${t('employee.projectEnd')}`} rules={[{ required: true, message: t('common.selectRequired', { field: t('employee.projectStart') }) }]}>
            <DatePicker.RangePicker data-testid="project-period" disabledDate={(d) => d.isBefore(dayjs().subtract(24, 'month'), 'day')} />
          </Form.Item>
          <Form.Item name="role" label={t('employee.projectRole')} rules={[{ required: true, message: t('common.required', { field: t('employee.projectRole') }) }]}>
            <Input data-testid="project-role" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
