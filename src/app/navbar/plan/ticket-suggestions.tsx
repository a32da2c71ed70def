/**
 * Tickets that fill the week's gaps. The service picks: from every ticket solved in the week when it has synced the
 * account's Zendesk (decision 028); else from the recently solved tickets the app reads from Zendesk in the browser,
 * sent when the service answers that nothing is synced (docs/decisions/004-ticket-suggestions.md). The list says which.
 */
import { useState } from 'preact/hooks';
import type { Suggestion, SuggestFavour } from '../../../core/coverage.ts';
import { createPlanApi } from '../../api/plan-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { useApi } from '../navbar-context.tsx';
import { Head, TicketButton } from '../reports/bits.tsx';
import type { People } from '../reports/use-people.ts';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import { readCandidates } from './candidates.ts';

/** Candidates: tickets solved in the last two weeks. */
export const CANDIDATE_DAYS = 14;

/** What a lead may favour, each making a ticket with that trait more likely to be picked (the spotlight: synced tickets only). */
const FAVOURABLE: ReadonlyArray<keyof Required<SuggestFavour>> = ['reopens', 'lowCsat', 'longResolution', 'spotlight'];

type Suggested =
  | { status: 'idle' | 'loading' }
  | { status: 'done'; items: Suggestion[]; reviewed: number; source: 'synced' | 'browser'; candidates: number }
  | { status: 'error'; message: string };

export function TicketSuggestions({ week, people }: { week: string; people: People }) {
  const { t } = useI18n();
  const { zaf } = useZaf();
  const api = useApi(createPlanApi);
  const [favour, setFavour] = useState<Required<SuggestFavour>>({ reopens: true, lowCsat: true, longResolution: false, spotlight: false });
  const [state, setState] = useState<Suggested>({ status: 'idle' });

  async function suggest() {
    setState({ status: 'loading' });
    try {
      // the synced population first; the browser's scan only when nothing is synced
      let r = await api.suggestions({ week, favour, agentIds: [] });
      if (r.status === 'ok' && r.value.source === 'none') {
        const candidates = await readCandidates(zaf, new Date(Date.now() - CANDIDATE_DAYS * 86_400_000));
        r = await api.suggestions({ week, favour, candidates, agentIds: [] });
      }
      if (r.status !== 'ok') return setState({ status: 'error', message: r.error.message });
      const { suggestions, alreadyReviewed, source, candidates } = r.value;
      setState({
        status: 'done',
        items: suggestions,
        reviewed: alreadyReviewed,
        source: source === 'synced' ? 'synced' : 'browser',
        candidates,
      });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div>
      <fieldset class="qa-fieldset qa-form-row">
        <legend>{t('ui.reports.suggest.favour')}</legend>
        {FAVOURABLE.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={favour[k]} onChange={() => setFavour({ ...favour, [k]: !favour[k] })} />{' '}
            {t(`ui.reports.suggest.${k}`)}
          </label>
        ))}
        <button type="button" class="c-btn c-btn--primary" onClick={() => void suggest()} disabled={state.status === 'loading'}>
          {t('ui.reports.suggest.button')}
        </button>
      </fieldset>
      <div role="status" aria-live="polite">
        {state.status === 'loading' ? <Loading label={t('ui.common.loading')} /> : null}
        {state.status === 'error' ? <p>{t('ui.common.error', { message: state.message })}</p> : null}
        {state.status === 'done' ? (
          <p class="qa-muted" data-source={state.source}>
            {t('ui.reports.suggest.found', { count: state.items.length, reviewed: state.reviewed })}{' '}
            {t(`ui.reports.suggest.source.${state.source}`, { count: state.candidates, days: CANDIDATE_DAYS })}
          </p>
        ) : null}
        {state.status === 'done' && state.items.length === 0 && state.candidates > 0 ? (
          <p class="qa-muted">{t('ui.reports.suggest.noGap')}</p>
        ) : null}
      </div>
      {state.status === 'done' && state.items.length ? (
        <table class="qa-table" data-table="suggestions">
          <Head
            cols={['ui.reports.tickets.ticket', 'ui.reports.filters.agent', 'ui.reports.suggest.subject', 'ui.reports.suggest.why'].map(
              (k) => t(k),
            )}
          />
          <tbody>
            {state.items.map((s) => (
              <tr key={s.ticketId}>
                <td>
                  <TicketButton id={s.ticketId} />
                </td>
                <td>{people.personName(s.agentId)}</td>
                <td>
                  {s.subject}
                  <div class="qa-muted qa-small">{s.channel ? channelLabel(s.channel, t) : ''}</div>
                </td>
                <td>
                  {s.fills ? (
                    <span class="qa-tag qa-tag--neutral">{t('ui.reports.suggest.fills', { channel: channelLabel(s.fills, t) })}</span>
                  ) : null}
                  {s.reasons.map((r) => (
                    <span class="qa-tag qa-tag--warn" key={r}>
                      {t(`ui.reports.suggest.reason.${r}`)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
