// Create or edit a partner: a supplier, a customer, or both.
import { Form, Input, Radio, Row, Col } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS, partnerFields, type Partner, type PartnerInput } from '../../../../shared/api/masterdata';
import { fieldLabel } from '../../i18n';
import { blankToNull, zodRules } from '../../forms/zodForm';
import { useFormSave } from '../../forms/useFormSave';
import { SaveBar } from '../../components/FormParts';

const rules = zodRules(partnerFields);

export function PartnerForm({
  record,
  onSaved,
  onCancel,
}: {
  record: Partner | null;
  onSaved: (p: Partner) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('masterdata');
  const [form] = Form.useForm<PartnerInput>();
  const { onFinish, onValuesChange, saving } = useFormSave(form, record ? 'partners.update' : 'partners.create', {
    schema: partnerFields,
    toInput: (v: PartnerInput) =>
      ({ ...blankToNull(v), ...(record ? { id: record.id } : {}) }) as PartnerInput & { id: number },
    onSaved: (p) => onSaved(p as Partner),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      validateTrigger="onBlur"
      initialValues={record ?? { kind: 'supplier' }}
      data-testid="partner-form"
    >
      <Form.Item name="name" label={t('partners.name')} rules={rules.name} required>
        <Input autoFocus maxLength={200} data-testid="partner-name" />
      </Form.Item>
      <Form.Item name="kind" label={fieldLabel('kind')} rules={rules.kind} required>
        <Radio.Group options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partnerKind.${k}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="taxCode" label={fieldLabel('taxCode')} rules={rules.taxCode}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPerson" label={fieldLabel('contactPerson')} rules={rules.contactPerson}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={fieldLabel('address')} rules={rules.address}>
        <Input maxLength={300} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="phone" label={fieldLabel('phone')} rules={rules.phone}>
            <Input inputMode="tel" maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={fieldLabel('email')} rules={rules.email}>
            <Input inputMode="email" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="gln" label={fieldLabel('gln')} rules={rules.gln}>
        <Input inputMode="numeric" maxLength={20} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Form.Item name="note" label={fieldLabel('note')} rules={rules.note}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <SaveBar saving={saving} onCancel={onCancel} />
    </Form>
  );
}
