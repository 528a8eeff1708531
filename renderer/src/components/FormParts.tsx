// Small shared pieces of the master-data forms.
import { Alert, Button, Flex } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The save button (a real submit button, so Enter in any field saves). Disabled while saving.
 * `onBack` adds a "Back" button before it (a wizard's previous step).
 */
export function SaveBar({
  saving,
  label,
  onCancel,
  onBack,
  extra,
}: {
  saving: boolean;
  label?: string;
  onCancel?: () => void;
  onBack?: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} style={{ marginTop: 8 }}>
      {onBack && (
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} disabled={saving} data-testid="back">
          {t('back')}
        </Button>
      )}
      <Button
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined />}
        loading={saving}
        disabled={saving}
        data-testid="save"
      >
        {saving ? t('saving') : (label ?? t('save'))}
      </Button>
      {onCancel && (
        <Button onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </Button>
      )}
      {extra}
    </Flex>
  );
}

/**
 * The end of a record form (receipt, shipment, recipe): the form's error in plain words, then the large save
 * button. A real submit button, so Enter in any field saves; disabled while saving.
 */
export function RecordSubmit({
  error,
  saving,
  label,
  large = true,
}: {
  error?: string | null;
  saving: boolean;
  label: string;
  large?: boolean;
}) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="form-error" />}
      <Button
        type="primary"
        size={large ? 'large' : 'middle'}
        htmlType="submit"
        icon={<SaveOutlined />}
        loading={saving}
        disabled={saving}
        style={{ marginTop: 16 }}
        data-testid="save"
      >
        {label}
      </Button>
    </>
  );
}
