import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Show a failed call: the server's message as a toast, and its per-field messages on the
 * form items with the same names (the server's `fields` keys are the request's body keys).
 */
export function useFeedback() {
  const { message, modal, notification } = App.useApp();
  function handleError(err: unknown, form?: FormInstance) {
    if (err instanceof ApiError) {
      const entries = Object.entries(err.fields);
      if (form && entries.length) {
        form.setFields(entries.map(([name, msg]) => ({ name: name.split('.'), errors: [msg] })));
      } else if (form) {
        // A refusal about one value (e.g. 账号名已存在 with params.accountName) marks that field.
        const present = form.getFieldsValue(true) as Record<string, unknown>;
        const field = Object.keys(err.params).find((k) => k in present);
        if (field) form.setFields([{ name: field, errors: [err.message] }]);
      }
      void message.error(err.message);
      return;
    }
    void message.error(err instanceof Error ? err.message : String(err));
  }
  return { message, modal, notification, handleError };
}
