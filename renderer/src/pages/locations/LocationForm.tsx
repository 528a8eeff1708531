// Create or edit a location (production site, warehouse, shop, farm).
import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  LOCATION_KINDS,
  locationFields,
  type Business,
  type Location,
  type LocationInput,
} from '../../../../shared/api/masterdata';
import { useApiQuery } from '../../api/hooks';
import { fieldLabel } from '../../i18n';
import { blankToNull, zodRules } from '../../forms/zodForm';
import { useFormSave } from '../../forms/useFormSave';
import { SaveBar } from '../../components/FormParts';

const rules = zodRules(locationFields);

/** The business's address as one line (street, ward, province). */
function businessAddress(b: Business | null | undefined): string | null {
  const line = [b?.address, b?.ward, b?.province].filter((x) => x && x.trim()).join(', ');
  return line ? line.slice(0, 300) : null;
}

export function LocationForm({
  record,
  onSaved,
  onCancel,
  onBack,
  submitLabel,
  quiet,
}: {
  record: Location | null;
  onSaved: (l: Location) => void;
  onCancel?: () => void;
  onBack?: () => void;
  submitLabel?: string;
  /** No "saved" toast (the wizard moves on instead). */
  quiet?: boolean;
}) {
  const { t } = useTranslation('masterdata');
  const [form] = Form.useForm<LocationInput>();
  // Most shops make, store and sell at the business's own address: offer it, one click to copy.
  const business = useApiQuery('business.get', {});
  const typed = Form.useWatch('address', form);
  const offered = businessAddress(business.data);
  const offer = offered && typed !== offered ? offered : null;
  const { onFinish, onValuesChange, saving } = useFormSave(form, record ? 'locations.update' : 'locations.create', {
    schema: locationFields,
    toInput: (v: LocationInput) =>
      ({ ...blankToNull(v), ...(record ? { id: record.id } : {}) }) as LocationInput & { id: number },
    successMessage: quiet ? false : undefined,
    onSaved: (l) => onSaved(l as Location),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      validateTrigger="onBlur"
      initialValues={record ?? { kind: 'production' }}
      data-testid="location-form"
    >
      <Form.Item name="name" label={t('locations.name')} rules={rules.name} required>
        <Input autoFocus maxLength={200} data-testid="location-name" />
      </Form.Item>
      <Form.Item name="kind" label={fieldLabel('kind')} rules={rules.kind} required>
        <Radio.Group options={LOCATION_KINDS.map((k) => ({ value: k, label: t(`locationKind.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="address"
        label={fieldLabel('address')}
        rules={rules.address}
        extra={
          offer && (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={() => form.setFieldValue('address', offer)}
              data-testid="location-address-from-business"
            >
              {t('locations.useBusinessAddress', { address: offer })}
            </Button>
          )
        }
      >
        <Input maxLength={300} data-testid="location-address" />
      </Form.Item>
      <Form.Item name="gln" label={fieldLabel('gln')} rules={rules.gln} extra={t('business.gs1Hint')}>
        <Input inputMode="numeric" maxLength={20} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Form.Item name="note" label={fieldLabel('note')} rules={rules.note}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <SaveBar saving={saving} label={submitLabel} onCancel={onCancel} onBack={onBack} />
    </Form>
  );
}
