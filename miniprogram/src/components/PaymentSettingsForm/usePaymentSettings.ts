// Loading and saving one shop's payment settings, for the seller's page and the operator's sheet:
// saved against the version read, so a change made meanwhile by the other side (the county centre
// and the seller can both set the sub-merchant id) is refused with VERSION_CONFLICT and reloaded.
import { useCallback, useEffect, useState } from 'react';
import type { PaymentSettingsView, UpdatePaymentSettingsRequest } from '../../../../contract/payments';
import type { FieldErrors } from '../Field/errors';
import { useFormActions, type FormActions } from '../../hooks/useFormActions';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';

export interface PaymentSettingsApi {
  paymentSettings(shopId: string): Promise<PaymentSettingsView>;
  updatePaymentSettings(shopId: string, request: UpdatePaymentSettingsRequest): Promise<PaymentSettingsView>;
}

export type PaymentSettingsLoad =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; settings: PaymentSettingsView };

export interface PaymentSettingsState {
  load: PaymentSettingsLoad;
  actions: FormActions;
  /** The server's complaint about the sub-merchant id, shown beside it. */
  fieldError: string | null;
  reload(): void;
  save(subMchid: string | null): void;
}

export function usePaymentSettings(api: PaymentSettingsApi, shopId: string, onSaved?: (settings: PaymentSettingsView) => void): PaymentSettingsState {
  const [load, setLoad] = useState<PaymentSettingsLoad>({ phase: 'loading' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const actions = useFormActions(setFieldErrors, t('paySettings.versionConflict'));
  const { run, say, clear } = actions;

  const reload = useCallback(() => {
    setLoad({ phase: 'loading' });
    setFieldErrors({});
    clear();
    api.paymentSettings(shopId).then(
      (settings) => setLoad({ phase: 'ready', settings }),
      (error: unknown) => setLoad({ phase: 'failed', message: messageOf(error) }),
    );
  }, [api, shopId, clear]);
  useEffect(() => reload(), [reload]);

  function save(subMchid: string | null) {
    if (load.phase !== 'ready') return;
    const { settings } = load;
    if (subMchid === settings.subMchid) {
      say(t('paySettings.unchanged'));
      return;
    }
    setFieldErrors({});
    void run(async () => {
      const saved = await api.updatePaymentSettings(shopId, { subMchid, version: settings.version });
      setLoad({ phase: 'ready', settings: saved });
      say(t('paySettings.saved'));
      onSaved?.(saved);
    });
  }

  return { load, actions, fieldError: fieldErrors.subMchid ?? null, reload, save };
}
