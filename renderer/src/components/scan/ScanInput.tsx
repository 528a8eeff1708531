// A text field for USB barcode scanners. A scanner is a keyboard: it types the GS1 element string and
// presses Enter. GS1 DataMatrix / GS1-128 put a GS (0x1D) after each variable-length field; in a text
// input a scanner sends GS as Ctrl+] (a keydown that inserts nothing), so we catch it and insert \u001d
// ourselves — otherwise "10ABC" and the next AI would run together.
import { useRef, useState } from 'react';
import { Alert, Input, Typography, type InputRef } from 'antd';
import { BarcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export const GS = '\u001d';

/** Vietnamese letters a Telex typing tool makes from scanned ASCII (e.g. "aa" → "â", "dd" → "đ"). */
const ACCENTED = /[À-ỹĐđ]/;

export function ScanInput({
  onScan,
  busy,
  error,
  testId = 'scan-input',
}: {
  /** Called with the raw scan (GS kept) when the scanner presses Enter. */
  onScan: (scan: string) => void;
  busy?: boolean;
  error?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation('records');
  const [value, setValue] = useState('');
  const [altered, setAltered] = useState(false);
  const ref = useRef<InputRef>(null);

  const insertAtCursor = (text: string) => {
    const el = ref.current?.input;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + text + value.slice(end);
    setValue(next);
    requestAnimationFrame(() => el?.setSelectionRange(start + text.length, start + text.length));
  };

  return (
    <div>
      <Input
        ref={ref}
        size="large"
        prefix={<BarcodeOutlined />}
        value={value}
        placeholder={t('scan.placeholder')}
        aria-label={t('scan.label')}
        data-testid={testId}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl+] is how a keyboard-wedge scanner sends the GS separator (ASCII 29).
          if (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight' || e.key === 'GroupSeparator')) {
            e.preventDefault();
            insertAtCursor(GS);
            return;
          }
          if (e.key === 'Enter') {
            e.preventDefault();
            const scan = value.trim() ? value : '';
            if (!scan) return;
            const bad = ACCENTED.test(scan);
            setAltered(bad);
            setValue('');
            if (!bad) onScan(scan);
          }
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', marginTop: 4 }}>
        {t('scan.hint')} {t('scan.unikey')}
      </Typography.Text>
      {altered && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('scan.unikeyAltered')}
          data-testid="scan-error"
        />
      )}
      {!altered && error && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} data-testid="scan-error" />
      )}
    </div>
  );
}
