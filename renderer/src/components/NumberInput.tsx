// The one field for numbers: quantities, prices, percentages, sizes. It reads what people type in the
// screen's language (Vietnamese "2.000" = two thousand, "1.234,5" = 1234,5), shows under the field the number
// it understood ("= 2.000 kg") and says plainly what it cannot read or what is out of range. It never
// clamps or rounds silently: an unreadable or out-of-range text is handed on as NaN, which the forms refuse.
import { useEffect, useState } from 'react';
import { Input, Typography, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { formatNumber, parseNumber, rangeProblem, type NumberRange } from '../../../shared/domain/number';
import { unitLabel } from '../../../shared/domain/units';
import { currentLang, i18n } from '../i18n';

export type NumberInputProps = NumberRange & {
  value?: number | null;
  /** null when empty, NaN when the text cannot be read or is out of range (the message shows under the field). */
  onChange?: (v: number | null) => void;
  /** Digits allowed after the decimal separator (quantities: 3; counts: 0). */
  decimals?: number;
  /** Unit code: its name is shown after the field and in the "= 2.000 kg" line. */
  unit?: string;
  /** Shown after the field instead of the unit name (e.g. "%", "mm"). */
  suffix?: string;
  /** No "= …" line (small fields in tables keep their row height); problems still show. */
  noEcho?: boolean;
  /** Marks the field red from outside (e.g. more than a lot holds). */
  status?: 'error' | 'warning';
  'data-testid'?: string;
} & Pick<
    InputProps,
    | 'size'
    | 'style'
    | 'prefix'
    | 'disabled'
    | 'placeholder'
    | 'autoFocus'
    | 'onBlur'
    | 'onPressEnter'
    | 'aria-label'
    | 'id'
  >;

type Check = { value: number | null; problem: string | null };

function check(text: string, p: NumberRange & { decimals: number }): Check {
  const t = (key: string, params: Record<string, string | number>) => i18n.t(`common:${key}`, params);
  const lang = currentLang();
  const r = parseNumber(text, lang, p.decimals);
  if (!r.ok) return { value: NaN, problem: t(`number.${r.problem}`, { decimals: p.decimals }) };
  if (r.value === null) return { value: null, problem: null };
  const range = rangeProblem(r.value, p);
  if (range) {
    const fmt = (n?: number) => (n === undefined ? '' : formatNumber(n, lang, p.decimals));
    return { value: NaN, problem: t(`number.${range}`, { min: fmt(p.min), max: fmt(p.max) }) };
  }
  return { value: r.value, problem: null };
}

export function NumberInput({
  value,
  onChange,
  min,
  max,
  minExclusive,
  decimals = 3,
  unit,
  suffix,
  noEcho,
  status,
  style,
  ...rest
}: NumberInputProps) {
  const { t } = useTranslation();
  const lang = currentLang();
  const show = (v: number | null | undefined) =>
    v === null || v === undefined || Number.isNaN(v) ? '' : formatNumber(v, lang, decimals);
  const [text, setText] = useState(() => show(value));
  const range = { min, max, minExclusive, decimals };
  const now = check(text, range);

  // A value set from outside (a scan, a plan, a reset) replaces the text; the user's own typing does not
  // come back reformatted under the cursor.
  useEffect(() => {
    if (value === undefined || Number.isNaN(value)) {
      if (value === undefined && text !== '' && !Number.isNaN(check(text, range).value)) setText('');
      return;
    }
    if (check(text, range).value !== value) setText(show(value));
    // Only a new value from outside matters here; text and range are read as they are now.
  }, [value]);

  const unitName = unit ? unitLabel(unit, lang) : undefined;
  const echo =
    !noEcho && now.value !== null && !Number.isNaN(now.value) && text.trim() !== show(now.value)
      ? t('number.understood', {
          value: `${show(now.value)}${unit ? ` ${unitLabel(unit, lang, now.value)}` : suffix ? ` ${suffix}` : ''}`,
        })
      : null;
  return (
    <span style={{ display: 'inline-block', width: style?.width ?? '100%', ...style }}>
      <Input
        {...rest}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        status={now.problem ? 'error' : status}
        suffix={suffix ?? unitName}
        style={{ width: '100%' }}
        onChange={(e) => {
          setText(e.target.value);
          onChange?.(check(e.target.value, range).value);
        }}
      />
      {now.problem ? (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="number-problem">
          {now.problem}
        </Typography.Text>
      ) : echo ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="number-echo">
          {echo}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** For a Form.Item holding a NumberInput: an unreadable text blocks saving (the field itself says why). */
export const readableNumber: Rule = {
  validator: async (_, v: unknown) => {
    if (typeof v === 'number' && Number.isNaN(v)) throw new Error('');
  },
};

/** True when a number from a NumberInput can be saved (not empty, readable, in range). */
export function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}
