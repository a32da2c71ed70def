/**
 * The Calibration tab: a lead starts a session on a ticket with a scorecard and invites reviewers; each
 * scores it blind in the sidebar; the report shows each reviewer against the baseline (with Cohen's kappa), the
 * agreement of all (Krippendorff's alpha) and the statistic for the session's question with its interval and n
 * (calibration-statistic.ts); over time, the criteria reviewers disagree on most.
 */
import './reports.css';
import { useState } from 'preact/hooks';
import type { ScorecardSummary } from '../../../core/api.ts';
import type { CalibrationSession, CalibrationSessionReport, CriterionDisagreement } from '../../../core/calibration.ts';
import { isLead, isStaff } from '../../../core/permissions.ts';
import { ALPHA_MIN_UNITS, type AlphaUndefined, type Agreement } from '../../../core/stats.ts';
import { createCalibrationApi } from '../../api/calibration-api.ts';
import { createScorecardsApi } from '../../api/scorecards-api.ts';
import type { Translate } from '../../i18n/translate.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import { Loading } from '../../ui/notice.tsx';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { AsyncView, ErrorNote, foldLabels, FormMessage, Head, ReportSection, TicketButton, useFold } from './bits.tsx';
import { baselineKappaText, sessionStatistic } from './calibration-statistic.ts';
import { presetRange } from './filters.ts';
import { formatValue } from './format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { usePeople, type People } from './use-people.ts';
import { useScorers, type Scorer } from './use-scorers.ts';

/** The role names beside each person who may be invited. */
const ROLE_KEYS: Record<Scorer['qaRole'], string> = {
  reviewer: 'ui.reports.calibration.role.reviewer',
  lead: 'ui.reports.calibration.role.lead',
  admin: 'ui.reports.calibration.role.admin',
};

/** Krippendorff's guidance: rely on alpha >= .800, draw tentative conclusions from .667 (2004, p. 241). */
function alphaVerdict(a: Agreement): 'good' | 'tentative' | 'poor' | 'none' {
  if (a.alpha === null) return 'none';
  return a.alpha >= 0.8 ? 'good' : a.alpha >= 0.667 ? 'tentative' : 'poor';
}

/** Alpha to three decimals, or "not enough data": an undefined alpha is never shown as a number. */
function alphaValue(a: Agreement, t: Translate): string {
  return a.alpha === null ? t('ui.reports.calibration.alphaUndefined') : a.alpha.toFixed(3);
}

/** Why alpha is undefined: for a session (its criteria are the units) in full, for a criterion over sessions in short. */
function alphaWhy(why: AlphaUndefined, over: 'session' | 'criterion', units: number, t: Translate): string {
  if (over === 'session') {
    return why === 'no-variation'
      ? t('ui.reports.calibration.alphaWhy.noVariation')
      : t('ui.reports.calibration.alphaWhy.fewCriteria', { min: ALPHA_MIN_UNITS, count: units });
  }
  return why === 'no-variation'
    ? t('ui.reports.calibration.alphaWhy.sameShort')
    : t('ui.reports.calibration.alphaWhy.fewSessions', { min: ALPHA_MIN_UNITS, count: units });
}

function StartSession({
  scorecards,
  people,
  onStarted,
}: {
  scorecards: ScorecardSummary[];
  people: People;
  onStarted: (s: CalibrationSession) => void;
}) {
  const { t } = useI18n();
  const api = useApi(createCalibrationApi);
  const published = scorecards.filter((s) => s.currentVersion !== null && s.status === 'published');
  const [ticketId, setTicketId] = useState('');
  const [scorecardId, setScorecardId] = useState('');
  const [reviewers, setReviewers] = useState<number[]>([]);
  const [baseline, setBaseline] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<{ text: string; issues?: string[] } | null>(null);
  const scorers = useScorers(people.staff);
  const toggle = (id: number) => setReviewers(reviewers.includes(id) ? reviewers.filter((r) => r !== id) : [...reviewers, id]);

  async function submit(e: Event) {
    e.preventDefault();
    const card = published.find((s) => s.id === scorecardId);
    const base = baseline !== null && reviewers.includes(baseline) ? baseline : reviewers[0];
    if (!card || !Number(ticketId) || reviewers.length < 2 || base === undefined) {
      setMessage({ text: t('ui.reports.calibration.incomplete') });
      return;
    }
    const r = await api.startSession({
      ticketId: Number(ticketId),
      scorecardId: card.id,
      version: card.currentVersion!,
      reviewerIds: reviewers,
      baselineReviewerId: base,
      title,
    });
    if (r.status === 'ok') {
      setMessage({ text: t('ui.reports.calibration.started', { ticket: ticketId }) });
      onStarted(r.value);
    } else setMessage(r.error.issues ? { text: r.error.message, issues: r.error.issues } : { text: r.error.message });
  }

  return (
    <form class="qa-calibration-start" onSubmit={(e) => void submit(e)} aria-labelledby="qa-cal-start-title">
      <h3 id="qa-cal-start-title">{t('ui.reports.calibration.start')}</h3>
      <div class="qa-form-row">
        <div class="c-field">
          <label class="c-field__label" for="qa-cal-ticket">
            {t('ui.reports.calibration.ticket')}
          </label>
          <input
            id="qa-cal-ticket"
            class="c-field__input"
            inputMode="numeric"
            value={ticketId}
            onInput={(e) => setTicketId(e.currentTarget.value.replace(/\D/g, ''))}
          />
        </div>
        <div class="c-field">
          <label class="c-field__label" for="qa-cal-scorecard">
            {t('ui.reports.filters.scorecard')}
          </label>
          <select
            id="qa-cal-scorecard"
            class="c-field__input c-field__input--select"
            value={scorecardId}
            onChange={(e) => setScorecardId(e.currentTarget.value)}
          >
            <option value="">{t('ui.reports.filters.choose')}</option>
            {published.map((s) => (
              <option key={s.id} value={s.id}>
                {t('ui.reports.calibration.scorecardVersion', { name: s.name, version: s.currentVersion ?? 0 })}
              </option>
            ))}
          </select>
        </div>
        <div class="c-field">
          <label class="c-field__label" for="qa-cal-title">
            {t('ui.reports.calibration.titleField')}
          </label>
          <input id="qa-cal-title" class="c-field__input" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset class="qa-fieldset">
        <legend class="c-field__label">{t('ui.reports.calibration.reviewers')}</legend>
        <p class="qa-muted qa-small" id="qa-cal-reviewers-hint">
          {t('ui.reports.calibration.reviewersHint')}
        </p>
        {scorers.status === 'loading' ? <Loading label={t('ui.common.loading')} /> : null}
        {scorers.status === 'error' ? <ErrorNote error={scorers.error} /> : null}
        {scorers.status === 'ok' && !scorers.value.length ? <p class="qa-muted">{t('ui.reports.calibration.noScorers')}</p> : null}
        {scorers.status === 'ok' && scorers.value.length ? (
          <ul class="qa-check-list" aria-describedby="qa-cal-reviewers-hint">
            {scorers.value.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={reviewers.includes(p.id)} onChange={() => toggle(p.id)} /> {p.name}
                </label>{' '}
                <span class="qa-muted qa-small">{t(ROLE_KEYS[p.qaRole])}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <div class="qa-form-row">
        <div class="c-field">
          <label class="c-field__label" for="qa-cal-baseline">
            {t('ui.reports.calibration.baseline')}
          </label>
          <select
            id="qa-cal-baseline"
            class="c-field__input c-field__input--select"
            value={baseline ?? ''}
            onChange={(e) => setBaseline(Number(e.currentTarget.value) || null)}
          >
            <option value="">{t('ui.reports.filters.choose')}</option>
            {reviewers.map((id) => (
              <option key={id} value={id}>
                {people.personName(id)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="c-btn c-btn--primary">
          {t('ui.reports.calibration.startButton')}
        </button>
      </div>
      <FormMessage message={message} />
    </form>
  );
}

function SessionReport({ id, people, scorecards }: { id: string; people: People; scorecards: ScorecardSummary[] }) {
  const { t, locale } = useI18n();
  const api = useApi(createCalibrationApi);
  const [state, reload] = useAsync(() => api.sessionReport(id), [api, id]);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') {
    if (state.error.kind !== 'forbidden') return <ErrorNote error={state.error} onRetry={reload} />;
    return (
      <div class="qa-calibration-blind">
        <p role="status">{t('ui.reports.calibration.blind')}</p>
        <button type="button" class="c-btn c-btn--sm" onClick={reload}>
          {t('ui.reports.calibration.refresh')}
        </button>
      </div>
    );
  }
  const { session, report }: CalibrationSessionReport = state.value;
  const card = scorecards.find((s) => s.id === session.scorecardId);
  const verdict = alphaVerdict(report.alpha);
  const labels = new Map(report.criteria.map((c) => [c.criterionId, c.label]));
  const pct = (v: number | null) => formatValue('rate', v, locale);
  const pts = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatValue('score', Math.abs(v), locale)}`);
  const statistic = sessionStatistic(report, t);
  return (
    <div class="qa-calibration-report" data-session={session.id}>
      <div class="qa-report-section__head">
        <h3>
          {t('ui.reports.calibration.reportTitle', {
            title: session.title || t('ui.reports.ticket', { id: session.ticketId }),
            scorecard: card?.name ?? session.scorecardId,
          })}
        </h3>
        <button type="button" class="c-btn c-btn--sm c-btn--basic qa-no-print" onClick={reload}>
          {t('ui.reports.calibration.refresh')}
        </button>
      </div>
      <p data-alpha={report.alpha.alpha ?? ''}>
        <strong>{t('ui.reports.calibration.alpha', { alpha: alphaValue(report.alpha, t) })}</strong>{' '}
        {verdict === 'none' ? null : (
          <>
            <span class={`qa-tag ${verdict === 'good' ? 'qa-tag--good' : verdict === 'poor' ? 'qa-tag--bad' : 'qa-tag--neutral'}`}>
              {t(`ui.reports.calibration.verdict.${verdict}`)}
            </span>{' '}
          </>
        )}
        <span class="qa-muted">
          {report.alpha.undefinedBecause
            ? alphaWhy(report.alpha.undefinedBecause, 'session', report.alpha.units, t)
            : t('ui.reports.calibration.alphaHint', { units: report.alpha.units, values: report.alpha.values })}
        </span>
      </p>
      {statistic ? (
        <p data-statistic>
          <strong>{statistic.name}:</strong> {statistic.text}
        </p>
      ) : null}
      {!report.baselineSubmitted ? <p class="qa-muted">{t('ui.reports.calibration.baselineMissing')}</p> : null}
      <table class="qa-table" data-table="reviewers">
        <caption>{t('ui.reports.calibration.reviewersTable')}</caption>
        <Head
          cols={[
            'ui.reports.calibration.reviewer',
            'ui.reports.tickets.score',
            'ui.reports.calibration.deviation',
            'ui.reports.calibration.matched',
            'ui.reports.calibration.meanAbs',
            'ui.reports.calibration.statistic.againstBaseline',
          ].map((k) => t(k))}
        />
        <tbody>
          {report.reviewers.map((r) => (
            <tr key={r.reviewerId}>
              <th scope="row">
                {people.personName(r.reviewerId)}{' '}
                {r.baseline ? <span class="qa-tag qa-tag--neutral">{t('ui.reports.calibration.baselineTag')}</span> : null}
              </th>
              <td>{r.finalScore === null ? '–' : formatValue('score', r.finalScore, locale)}</td>
              <td>{r.baseline ? '–' : pts(r.scoreDeviation)}</td>
              <td>{t('ui.reports.calibration.matchedOf', { matched: r.matched, compared: r.compared })}</td>
              <td>{r.baseline ? '–' : r.meanAbsoluteDeviation === null ? '–' : formatValue('score', r.meanAbsoluteDeviation, locale)}</td>
              <td data-kappa={r.kappa?.kappa ?? ''}>{baselineKappaText(r.kappa, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="qa-table" data-table="criteria">
        <caption>{t('ui.reports.calibration.criteriaTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.reports.dimension.criterion')}</th>
            {report.reviewers.map((r) => (
              <th scope="col" key={r.reviewerId}>
                {people.personName(r.reviewerId)}
              </th>
            ))}
            <th scope="col">{t('ui.reports.calibration.disagreement')}</th>
          </tr>
        </thead>
        <tbody>
          {report.criteria.map((c, i) => (
            <tr key={c.criterionId}>
              <th scope="row">{labels.get(c.criterionId) ?? c.criterionId}</th>
              {report.reviewers.map((r) => {
                const cell = r.criteria[i]!;
                return (
                  <td key={r.reviewerId}>
                    {cell.fraction === null ? t('ui.reports.calibration.na') : pct(cell.fraction)}
                    {!r.baseline && cell.deviation ? <span class="qa-muted qa-small"> ({pts(cell.deviation)})</span> : null}
                  </td>
                );
              })}
              <td>{c.disagreement === null ? '–' : t('ui.reports.calibration.pairs', { share: pct(c.disagreement), pairs: c.pairs })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="qa-muted">{t('ui.reports.calibration.deviationHint')}</p>
    </div>
  );
}

/** The criteria reviewers disagree on most over time, with each one's alpha; long lists fold. */
function MostDisagreed({ criteria }: { criteria: CriterionDisagreement[] }) {
  const { t, locale } = useI18n();
  const { shown, control } = useFold(criteria, 'qa-history-criteria', foldLabels(t));
  return (
    <>
      <table class="qa-table" data-table="history-criteria" id="qa-history-criteria">
        <caption>{t('ui.reports.calibration.mostDisagreed')}</caption>
        <Head
          cols={[
            'ui.reports.dimension.criterion',
            'ui.reports.calibration.disagreement',
            'ui.reports.calibration.alphaShort',
            'ui.reports.calibration.sessions',
          ].map((k) => t(k))}
        />
        <tbody>
          {shown.map((c) => (
            <tr key={c.criterionId}>
              <th scope="row">{c.label}</th>
              <td>
                {c.disagreement === null
                  ? '–'
                  : t('ui.reports.calibration.pairs', { share: formatValue('rate', c.disagreement, locale), pairs: c.pairs })}
              </td>
              <td data-alpha={c.alpha.alpha ?? ''}>
                {alphaValue(c.alpha, t)}
                {c.alpha.undefinedBecause ? (
                  <div class="qa-muted qa-small">{alphaWhy(c.alpha.undefinedBecause, 'criterion', c.alpha.units, t)}</div>
                ) : null}
              </td>
              <td>{c.sessions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {control}
      {criteria.some((c) => c.alpha.undefinedBecause) ? (
        <p class="qa-muted qa-small">{t('ui.reports.calibration.alphaFootnote', { min: ALPHA_MIN_UNITS })}</p>
      ) : null}
    </>
  );
}

function History({ people }: { people: People }) {
  const { t, locale } = useI18n();
  const api = useApi(createCalibrationApi);
  const range = presetRange('last-90', new Date());
  const [state, reload] = useAsync(() => api.history(range), [api, range.from]);
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;
  const h = state.value;
  if (!h.sessions) return <p class="qa-muted">{t('ui.reports.calibration.noHistory')}</p>;
  return (
    <>
      <p class="qa-muted">{t('ui.reports.calibration.historyHint', { sessions: h.sessions })}</p>
      <MostDisagreed criteria={h.criteria} />
      <table class="qa-table" data-table="history-reviewers">
        <caption>{t('ui.reports.calibration.lean')}</caption>
        <Head
          cols={[
            'ui.reports.calibration.reviewer',
            'ui.reports.calibration.meanDeviation',
            'ui.reports.calibration.meanAbs',
            'ui.reports.calibration.sessions',
          ].map((k) => t(k))}
        />
        <tbody>
          {h.reviewers.map((r) => (
            <tr key={r.reviewerId}>
              <th scope="row">{people.personName(r.reviewerId)}</th>
              <td>
                {r.meanScoreDeviation === null ? '–' : formatValue('score', r.meanScoreDeviation, locale)}{' '}
                {r.meanScoreDeviation ? (
                  <span class="qa-muted">
                    {t(r.meanScoreDeviation < 0 ? 'ui.reports.calibration.harsher' : 'ui.reports.calibration.milder')}
                  </span>
                ) : null}
              </td>
              <td>{r.meanAbsoluteDeviation === null ? '–' : formatValue('score', r.meanAbsoluteDeviation, locale)}</td>
              <td>{r.sessions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function CalibrationTab() {
  const { t, locale } = useI18n();
  const { role } = useNavBar();
  const scorecardsApi = useApi(createScorecardsApi);
  const api = useApi(createCalibrationApi);
  const people = usePeople();
  const lead = isLead(role);
  const [generation, setGeneration] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [list, reload] = useAsync(() => api.sessions(), [api, generation]);
  const [cards] = useAsync(() => scorecardsApi.list(), [scorecardsApi]);
  const scorecards = cards.status === 'ok' ? cards.value : [];
  if (!isStaff(role)) return <p role="status">{t('ui.reports.notForAgents')}</p>;

  async function close(id: string) {
    const r = await api.closeSession(id);
    if (r.status === 'ok') setGeneration((g) => g + 1);
  }

  return (
    <div class="qa-calibration">
      {lead ? (
        <ReportSection id="qa-cal-new" title={t('ui.reports.calibration.title')} hint={t('ui.reports.calibration.hint')}>
          <StartSession
            scorecards={scorecards}
            people={people}
            onStarted={(s) => {
              setGeneration((g) => g + 1);
              setSelected(s.id);
            }}
          />
        </ReportSection>
      ) : null}
      <ReportSection id="qa-cal-sessions" title={t('ui.reports.calibration.sessionsTitle')}>
        <AsyncView state={list} reload={reload}>
          {(sessions) =>
            sessions.length ? (
              <table class="qa-table" data-table="sessions">
                <Head
                  cols={[
                    'ui.reports.calibration.session',
                    'ui.reports.tickets.ticket',
                    'ui.reports.calibration.submitted',
                    'ui.reports.calibration.status',
                  ].map((k) => t(k))}
                  actions={t('ui.reports.criterion.actions')}
                />
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id} data-session={s.id}>
                      <th scope="row">
                        {s.title || t('ui.reports.calibration.untitled')}
                        <div class="qa-muted qa-small">{new Date(s.createdAt).toLocaleDateString(locale)}</div>
                      </th>
                      <td>
                        <TicketButton id={s.ticketId} />
                      </td>
                      <td>
                        {t('ui.reports.calibration.submittedOf', { submitted: s.submitted.length, invited: s.reviewerIds.length })}
                        <div class="qa-muted qa-small">
                          {s.reviewerIds.map((id) => `${s.submitted.includes(id) ? '✓' : '…'} ${people.personName(id)}`).join(', ')}
                        </div>
                      </td>
                      <td>{t(`ui.reports.calibration.statuses.${s.status}`)}</td>
                      <td class="qa-table__action">
                        <button
                          type="button"
                          class="c-btn c-btn--sm"
                          aria-expanded={selected === s.id}
                          onClick={() => setSelected(selected === s.id ? null : s.id)}
                        >
                          {t('ui.reports.calibration.showReport')}
                        </button>{' '}
                        {lead && s.status === 'open' ? (
                          <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => void close(s.id)}>
                            {t('ui.reports.calibration.close')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="qa-muted">{t('ui.reports.calibration.none')}</p>
            )
          }
        </AsyncView>
        {selected ? <SessionReport key={`${selected}${generation}`} id={selected} people={people} scorecards={scorecards} /> : null}
      </ReportSection>
      {lead ? (
        <ReportSection id="qa-cal-history" title={t('ui.reports.calibration.historyTitle')}>
          <History people={people} />
        </ReportSection>
      ) : null}
    </div>
  );
}
