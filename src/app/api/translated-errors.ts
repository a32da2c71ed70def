/**
 * The nav bar shows a failed call's message as it is ("Something went wrong: …"); the two failures the user acts on
 * themselves, an ended session and throttling, get their message in the user's language here, once for every view.
 */
import type { Translate } from '../i18n/translate.ts';
import type { ServiceError } from './result.ts';
import type { ServiceCall } from './service-call.ts';

/** The user's words for an error whose kind tells them what to do; other errors keep the service's message. */
export function errorMessage(t: Translate, error: ServiceError): string {
  if (error.kind === 'session-ended') return t('ui.common.sessionEnded');
  if (error.kind === 'throttled')
    return error.retryAfter === undefined ? t('ui.common.throttled') : t('ui.common.throttledFor', { seconds: error.retryAfter });
  return error.message;
}

export function withTranslatedErrors(call: ServiceCall, t: Translate): ServiceCall {
  return async (method, path, body) => {
    const r = await call(method, path, body);
    return r.status === 'error' ? { status: 'error', error: { ...r.error, message: errorMessage(t, r.error) } } : r;
  };
}
