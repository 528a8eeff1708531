// A new PIN typed twice: the rule in words (never the pattern), and a mismatch refused before sending.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, parseLang } from '../../../../shared/i18n/messages';

const PIN = /^\d{4,8}$/;

export function NewPinFields({ name, label, testId }: { name: string; label: string; testId?: string }) {
  const { t, i18n } = useTranslation('trust');
  const lang = parseLang(i18n.language);
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('login.pinRule')}
        rules={[
          { required: true, message: errorMessage('REQUIRED', {}, lang) },
          { pattern: PIN, message: errorMessage('PIN_FORMAT', {}, lang) },
        ]}
      >
        <Input.Password inputMode="numeric" maxLength={8} data-testid={testId} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Again`}
        label={t('login.repeatPin')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('login.repeatPinMissing') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('login.pinMismatch'))),
          }),
        ]}
      >
        <Input.Password
          inputMode="numeric"
          maxLength={8}
          data-testid={testId ? `${testId}-again` : undefined}
          autoComplete="new-password"
        />
      </Form.Item>
    </>
  );
}
