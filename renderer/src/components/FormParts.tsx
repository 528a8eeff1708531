// Small shared pieces of the master-data forms.
import { Button, Flex } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The save button (a real submit button, so Enter in any field saves). Disabled while saving. */
export function SaveBar({
  saving,
  label,
  onCancel,
  extra,
}: {
  saving: boolean;
  label?: string;
  onCancel?: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} style={{ marginTop: 8 }}>
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
