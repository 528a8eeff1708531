// Submitting a form: validate the whole input with the shared schema, call the write method once
// (the save button is disabled while saving, so no double submit), and put any error where it belongs.
import { App, type FormInstance } from 'antd';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { ApiInput, ApiResult, MethodName } from '../../../shared/api/contract';
import { ApiError } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { codeMessage } from '../i18n';
import { applyServerErrors, issueToProblem, type FieldProblem } from './zodForm';

export type SaveOptions<M extends MethodName, V> = {
  /** The shared zod schema of the fields (without `id`). */
  schema?: z.ZodObject<z.ZodRawShape>;
  /** Checks that span fields, returning problems with message codes. */
  check?: (input: ApiInput<M>) => { path: string; code: string; params?: Record<string, string | number> }[];
  toInput: (values: V) => ApiInput<M>;
  onSaved?: (data: ApiResult<M>) => void;
  /** Set to false to stay quiet (e.g. wizard steps). */
  successMessage?: string | false;
};

export function useFormSave<M extends MethodName, V = Record<string, unknown>>(
  form: FormInstance,
  method: M,
  opts: SaveOptions<M, V>,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mutation = useApiMutation(method);

  const showProblems = (problems: FieldProblem[]) => {
    form.setFields(problems.map((p) => ({ name: p.path.split('.'), errors: [codeMessage(p.code, p.params)] })));
    if (problems[0]) form.scrollToField(problems[0].path.split('.'), { block: 'center' });
  };

  const onFinish = async (values: V) => {
    if (mutation.isPending) return;
    const input = opts.toInput(values);
    if (opts.schema) {
      const { id: _id, ...fields } = input as Record<string, unknown>;
      const parsed = opts.schema.safeParse(fields);
      if (!parsed.success) return showProblems(parsed.error.issues.map(issueToProblem));
    }
    const cross = opts.check?.(input) ?? [];
    if (cross.length) return showProblems(cross.map((c) => ({ ...c, params: c.params ?? {} })));
    try {
      const data = await mutation.mutateAsync(input);
      if (opts.successMessage !== false) message.success(opts.successMessage ?? t('saved'));
      opts.onSaved?.(data);
    } catch (err) {
      if (err instanceof ApiError) {
        if (!applyServerErrors(form, err)) message.error(err.message);
      } else {
        message.error(String(err));
      }
    }
  };

  // An error goes away as soon as the owner edits that field; the field is checked again on leaving it.
  const onValuesChange = (changed: Record<string, unknown>) => {
    const stale = Object.keys(changed).filter((k) => form.getFieldError(k).length > 0);
    if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
  };

  return { onFinish, onValuesChange, saving: mutation.isPending };
}
