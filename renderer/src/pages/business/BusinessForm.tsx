// The business profile: who makes the goods. Printed on labels and sent to the traceability portal.
import { AutoComplete, Form, Input, Row, Col, Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { businessInput, type Business, type BusinessInput } from '../../../../shared/api/masterdata';
import { fieldLabel } from '../../i18n';
import { PROVINCES } from '../../data/provinces';
import { foldVietnamese } from '../../../../shared/domain/text';
import { blankToNull, zodRules } from '../../forms/zodForm';
import { useFormSave } from '../../forms/useFormSave';
import { SaveBar } from '../../components/FormParts';
import { ImageInput } from '../../components/ImageInput';

const rules = zodRules(businessInput);

export function BusinessForm({
  record,
  onSaved,
  compact,
  submitLabel,
  quiet,
}: {
  record: Business | null;
  onSaved?: (b: Business) => void;
  /** The wizard leaves the logo, GS1 codes and QR domain for later. */
  compact?: boolean;
  submitLabel?: string;
  /** No "saved" toast (the wizard moves on instead). */
  quiet?: boolean;
}) {
  const { t } = useTranslation('masterdata');
  const [form] = Form.useForm<BusinessInput>();
  const { onFinish, onValuesChange, saving } = useFormSave(form, 'business.update', {
    schema: businessInput,
    toInput: (v: BusinessInput) => {
      // Fields the compact form does not show keep their saved values.
      const merged: Record<string, unknown> = { ...record, ...v };
      const input = Object.fromEntries(Object.keys(businessInput.shape).map((k) => [k, merged[k]]));
      return blankToNull(input) as BusinessInput;
    },
    onSaved,
    successMessage: quiet ? false : undefined,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      validateTrigger="onBlur"
      initialValues={record ?? {}}
      data-testid="business-form"
      scrollToFirstError
    >
      <Form.Item name="name" label={t('business.name')} rules={rules.name} required>
        <Input autoFocus maxLength={200} data-testid="business-name-input" />
      </Form.Item>
      <Form.Item
        name="taxCode"
        label={fieldLabel('taxCode')}
        rules={rules.taxCode}
        required
        extra={t('business.taxCodeHint')}
      >
        <Input maxLength={20} style={{ maxWidth: 260 }} data-testid="business-taxcode" />
      </Form.Item>
      <Form.Item
        name="address"
        label={fieldLabel('address')}
        rules={rules.address}
        required
        extra={t('business.addressHint')}
      >
        <Input maxLength={300} data-testid="business-address" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="ward" label={fieldLabel('ward')} rules={rules.ward}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="province" label={fieldLabel('province')} rules={rules.province}>
            <AutoComplete
              options={PROVINCES.map((p) => ({ value: p }))}
              showSearch={{
                filterOption: (input, option) =>
                  foldVietnamese(String(option?.value ?? '')).includes(foldVietnamese(input)),
              }}
              maxLength={100}
            />
          </Form.Item>
        </Col>
      </Row>
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
      {!compact && (
        <>
          <Form.Item name="logo" label={fieldLabel('logo')} rules={rules.logo}>
            <ImageInput testId="business-logo-file" />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            <Typography.Text strong>{t('business.gs1Section')}</Typography.Text>
          </Divider>
          <Typography.Paragraph type="secondary">{t('business.gs1Hint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="gs1CompanyPrefix" label={fieldLabel('gs1CompanyPrefix')} rules={rules.gs1CompanyPrefix}>
                <Input inputMode="numeric" maxLength={12} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="gln" label={fieldLabel('gln')} rules={rules.gln}>
                <Input inputMode="numeric" maxLength={20} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="digitalLinkDomain"
            label={t('business.digitalLinkDomain')}
            rules={rules.digitalLinkDomain}
            extra={t('business.digitalLinkHint')}
          >
            <Input maxLength={200} style={{ maxWidth: 400 }} />
          </Form.Item>
        </>
      )}
      <SaveBar saving={saving} label={submitLabel} />
    </Form>
  );
}
