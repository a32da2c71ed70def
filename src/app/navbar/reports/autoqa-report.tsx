/**
 * Automatic checks in the reports (issue 16): AutoQA over every synced ticket solved in the period, in all and by
 * agent, group or channel; each check's agreement with reviewers (Cohen's kappa with its interval and n) and whether
 * the account trusts it; the spotlight of tickets most worth a human look, with why. These are the checks' figures,
 * never the reviewers': they sit in their own framed part of the page, never in a QA figure, and an untrusted check is
 * left out of them unless asked for (and then marked).
 */
import './autoqa-report.css';
import { useState } from 'preact/hooks';
import type { CheckId } from '../../../core/autoqa.ts';
import type {
  AutoQaCheckSummary,
  AutoQaFigures,
  AutoQaSummary,
  AutoQaTrust,
  CheckTrust,
  Spotlight,
  SpotlightTicket,
} from '../../../core/contract/autoqa.ts';
import type { Kappa } from '../../../core/kappa.ts';
import { isAdmin, isLead, isStaff } from '../../../core/permissions.ts';
import { createAutoQaApi } from '../../api/autoqa-api.ts';
import type { Filters } from '../../api/reports-api.ts';
import { useI18n } from '../../i18n/use-t.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { checkDescription, checkName, checkUnit } from '../../ui/checks.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useApi, useNavBar } from '../navbar-context.tsx';
import { channelLabel } from '../scorecards/applies-to-summary.ts';
import { AsyncView, DimensionSwitch, FigureText, FormMessage, ReportSection, TicketButton } from './bits.tsx';
import type { People } from './use-people.ts';

type Dim = 'reviewee' | 'group' | 'channel';
const DIMS: readonly Dim[] = ['reviewee', 'group', 'channel'];
const ROWS_OF: Record<Dim, 'byAgent' | 'byGroup' | 'byChannel'> = { reviewee: 'byAgent', group: 'byGroup', channel: 'byChannel' };

/** A check's result over a set of tickets: the share saying yes, or the mean in the check's unit. */
function Result({ kind, figures, check }: { kind: AutoQaCheckSummary['kind']; figures: AutoQaFigures; check: CheckId }) {
  const { t } = useI18n();
  if (kind === 'boolean') return figures.pass ? <FigureText stacked kind="rate" figure={figures.pass} /> : <span>–</span>;
  return figures.mean ? (
    <span>
      <span class="qa-autoqa__unit">{checkUnit(t, check)}</span>
      <FigureText stacked kind="score" figure={figures.mean} />
    </span>
  ) : (
    <span>–</span>
  );
}

function TrustTag({ trusted }: { trusted: boolean }) {
  const { t } = useI18n();
  return trusted ? (
    <span class="qa-tag qa-tag--good">{t('ui.reports.autoqa.trusted')}</span>
  ) : (
    <span class="qa-tag qa-tag--warn">{t('ui.reports.autoqa.untrusted')}</span>
  );
}

function Figures({ summary, people }: { summary: AutoQaSummary; people: People }) {
  const { t } = useI18n();
  const [dim, setDim] = useState<Dim>('reviewee');
  const [picked, setPicked] = useState<CheckId | null>(null);
  if (summary.source === 'none')
    return (
      <p class="qa-muted" data-autoqa-source="none">
        {t('ui.reports.autoqa.nothingSynced')}
      </p>
    );
  const check = summary.checks.find((c) => c.checkId === picked) ?? summary.checks[0];
  const labelOf = (key: string | null) => {
    if (key === null || key === '' || key === '0') return t('ui.reports.none');
    if (dim === 'reviewee') return people.personName(Number(key));
    if (dim === 'group') return people.groupName(Number(key));
    return channelLabel(key, t);
  };
  return (
    <div data-autoqa-source="synced">
      <p>{t('ui.reports.autoqa.coverage', { checked: summary.checked, tickets: summary.tickets })}</p>
      {summary.checks.length === 0 ? (
        <p class="qa-muted">{t('ui.reports.autoqa.noTrusted')}</p>
      ) : (
        <div class="qa-table-scroll">
          <table class="qa-table" data-table="autoqa-checks">
            <caption class="qa-visually-hidden">{t('ui.reports.autoqa.checksCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.reports.autoqa.check')}</th>
                <th scope="col">{t('ui.reports.autoqa.applicable')}</th>
                <th scope="col">{t('ui.reports.autoqa.notApplicable')}</th>
                <th scope="col">{t('ui.reports.autoqa.result')}</th>
                <th scope="col">{t('ui.reports.autoqa.trust')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.checks.map((c) => (
                <tr key={c.checkId} class={c.trusted ? '' : 'qa-autoqa__untrusted-row'} data-check={c.checkId}>
                  <th scope="row">
                    {checkName(t, c.checkId)}
                    <br />
                    <span class="qa-muted qa-small">{checkDescription(t, c.checkId)}</span>
                  </th>
                  <td class="qa-num">{c.all.applicable}</td>
                  <td class="qa-num">{c.all.notApplicable}</td>
                  <td>
                    <Result kind={c.kind} figures={c.all} check={c.checkId} />
                  </td>
                  <td>
                    <TrustTag trusted={c.trusted} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {check ? (
        <>
          <div class="qa-autoqa__by">
            <div class="c-field qa-filter">
              <label class="c-field__label" for="qa-autoqa-check">
                {t('ui.reports.autoqa.check')}
              </label>
              <select
                id="qa-autoqa-check"
                class="c-field__input c-field__input--select"
                value={check.checkId}
                onChange={(e) => setPicked(e.currentTarget.value as CheckId)}
              >
                {summary.checks.map((c) => (
                  <option key={c.checkId} value={c.checkId}>
                    {checkName(t, c.checkId)}
                  </option>
                ))}
              </select>
            </div>
            <DimensionSwitch dims={DIMS} dim={dim} onChange={setDim} />
          </div>
          <div class="qa-table-scroll">
            <table class="qa-table" data-table="autoqa-by">
              <caption>
                {t('ui.reports.autoqa.byCaption', { check: checkName(t, check.checkId), by: t(`ui.reports.dimension.${dim}`) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(`ui.reports.dimension.${dim}`)}</th>
                  <th scope="col">{t('ui.reports.autoqa.applicable')}</th>
                  <th scope="col">{t('ui.reports.autoqa.notApplicable')}</th>
                  <th scope="col">{t('ui.reports.autoqa.result')}</th>
                </tr>
              </thead>
              <tbody>
                {check[ROWS_OF[dim]].map((row) => (
                  <tr key={row.key ?? ''}>
                    <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                      {labelOf(row.key)}
                    </th>
                    <td class="qa-num">{row.applicable}</td>
                    <td class="qa-num">{row.notApplicable}</td>
                    <td>
                      <Result kind={check.kind} figures={row} check={check.checkId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

const kappaText = (k: Pick<Kappa, 'kappa'>, locale: string) =>
  k.kappa === null ? '–' : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(k.kappa);

/** "0.62 (95% CI 0.41–0.83 · n = 48)", or why there is no kappa yet. */
export function KappaText({ kappa }: { kappa: Kappa }) {
  const { t, locale } = useI18n();
  if (kappa.kappa === null)
    return (
      <span class="qa-figure">
        <span class="qa-figure__value">–</span> <span class="qa-figure__ci">{t('ui.reports.autoqa.noKappa', { n: kappa.n })}</span>
      </span>
    );
  const interval =
    kappa.low === null || kappa.high === null
      ? null
      : `${kappaText({ kappa: kappa.low }, locale)}–${kappaText({ kappa: kappa.high }, locale)}`;
  return (
    <span class="qa-figure">
      <span class="qa-figure__value">{kappaText(kappa, locale)}</span>{' '}
      <span class="qa-figure__ci">
        {interval ? t('ui.reports.figure.interval', { interval, n: kappa.n }) : t('ui.reports.figure.nOnly', { n: kappa.n })}
      </span>
    </span>
  );
}

function statusText(t: Translate, c: CheckTrust, settings: AutoQaTrust['settings'], locale: string): string {
  // reply and resolution times are Zendesk's own figures: the service trusts them as they are
  if (c.status === 'trusted' && (c.checkId === 'reply-time' || c.checkId === 'resolution-time'))
    return t('ui.reports.autoqa.status.figure');
  if (c.status === 'trusted') return t('ui.reports.autoqa.status.trusted');
  if (c.status === 'too-few') return t('ui.reports.autoqa.status.too-few', { minN: settings.minN });
  return t('ui.reports.autoqa.status.below-threshold', { minKappa: kappaText({ kappa: settings.minKappa }, locale) });
}

function Thresholds({ trust, onSaved }: { trust: AutoQaTrust; onSaved: (trust: AutoQaTrust) => void }) {
  const { t } = useI18n();
  const api = useApi(createAutoQaApi);
  const [minKappa, setMinKappa] = useState(String(trust.settings.minKappa));
  const [minN, setMinN] = useState(String(trust.settings.minN));
  const [allowList, setAllowList] = useState(trust.settings.spellingAllowList.join('\n'));
  const [message, setMessage] = useState<{ text: string; issues?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    const spellingAllowList = allowList
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean);
    const r = await api.changeSettings({ minKappa: Number(minKappa), minN: Number(minN), spellingAllowList });
    setBusy(false);
    if (r.status === 'ok') {
      setMessage({ text: t('ui.reports.autoqa.saved') });
      onSaved(r.value);
    } else setMessage({ text: t('ui.common.error', { message: r.error.message }), ...(r.error.issues ? { issues: r.error.issues } : {}) });
  }
  return (
    <form class="qa-autoqa__thresholds qa-no-print" aria-labelledby="qa-autoqa-thresholds-title" onSubmit={(e) => void save(e)}>
      <h3 id="qa-autoqa-thresholds-title">{t('ui.reports.autoqa.thresholdsTitle')}</h3>
      <div class="qa-autoqa__threshold-fields">
        <div class="c-field qa-filter">
          <label class="c-field__label" for="qa-autoqa-min-kappa">
            {t('ui.reports.autoqa.minKappa')}
          </label>
          <input
            id="qa-autoqa-min-kappa"
            class="c-field__input qa-autoqa__number"
            type="number"
            min={-1}
            max={1}
            step="any"
            required
            value={minKappa}
            onInput={(e) => setMinKappa(e.currentTarget.value)}
          />
        </div>
        <div class="c-field qa-filter">
          <label class="c-field__label" for="qa-autoqa-min-n">
            {t('ui.reports.autoqa.minN')}
          </label>
          <input
            id="qa-autoqa-min-n"
            class="c-field__input qa-autoqa__number"
            type="number"
            min={1}
            step={1}
            required
            value={minN}
            onInput={(e) => setMinN(e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="c-field qa-autoqa__allow-list">
        <label class="c-field__label" for="qa-autoqa-spelling-allow">
          {t('ui.reports.autoqa.spellingAllow')}
        </label>
        <textarea
          id="qa-autoqa-spelling-allow"
          class="c-field__input"
          rows={6}
          spellcheck={false}
          aria-describedby="qa-autoqa-spelling-allow-hint"
          value={allowList}
          onInput={(e) => setAllowList(e.currentTarget.value)}
        />
        <div class="c-field__hint" id="qa-autoqa-spelling-allow-hint">
          {t('ui.reports.autoqa.spellingAllowHint')}
        </div>
      </div>
      <button type="submit" class="c-btn c-btn--sm c-btn--primary" disabled={busy}>
        {t('ui.reports.autoqa.save')}
      </button>
      <FormMessage message={message} />
    </form>
  );
}

function Trust({ trust, admin, onSaved }: { trust: AutoQaTrust; admin: boolean; onSaved: (trust: AutoQaTrust) => void }) {
  const { t, locale } = useI18n();
  const { settings } = trust;
  return (
    <div>
      <p>{t('ui.reports.autoqa.threshold', { minKappa: kappaText({ kappa: settings.minKappa }, locale), minN: settings.minN })}</p>
      <div class="qa-table-scroll">
        <table class="qa-table" data-table="autoqa-trust">
          <caption class="qa-visually-hidden">{t('ui.reports.autoqa.trustCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.reports.autoqa.check')}</th>
              <th scope="col">{t('ui.reports.autoqa.kappa')}</th>
              <th scope="col">{t('ui.reports.autoqa.overrides')}</th>
              <th scope="col">{t('ui.reports.autoqa.trust')}</th>
            </tr>
          </thead>
          <tbody>
            {trust.checks.map((c) => (
              <tr key={c.checkId} data-check={c.checkId} data-trusted={String(c.trusted)}>
                <th scope="row">
                  {checkName(t, c.checkId)}
                  {c.criteria.length ? (
                    <details class="qa-autoqa__criteria">
                      <summary>{t('ui.reports.autoqa.byCriterion', { count: c.criteria.length })}</summary>
                      <ul>
                        {c.criteria.map((x) => (
                          <li key={`${x.scorecardId}:${x.criterionId}`}>
                            {x.label}: <KappaText kappa={x.kappa} />
                            {x.overrides ? ` · ${t('ui.reports.autoqa.overridden', { count: x.overrides })}` : ''}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </th>
                <td>
                  <KappaText kappa={c.kappa} />
                </td>
                <td class="qa-num">{c.overrides}</td>
                <td>
                  <TrustTag trusted={c.trusted} />
                  <br />
                  <span class="qa-muted qa-small">{statusText(t, c, settings, locale)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? <Thresholds trust={trust} onSaved={onSaved} /> : null}
    </div>
  );
}

function SpotlightRow({ ticket: x, people }: { ticket: SpotlightTicket; people: People }) {
  const { t } = useI18n();
  return (
    <tr data-ticket={x.ticketId}>
      <td>
        <TicketButton id={x.ticketId} />
      </td>
      <td>{x.subject ?? <span class="qa-muted">{t('ui.reports.autoqa.noSubject')}</span>}</td>
      <td style={{ whiteSpace: 'nowrap' }}>{x.agentId === null ? t('ui.reports.none') : people.personName(x.agentId)}</td>
      <td>{channelLabel(x.channel, t)}</td>
      <td>
        {x.reasons.map((r) => (
          <span key={r} class="qa-tag qa-tag--neutral qa-autoqa__reason">
            {t(`ui.reports.autoqa.reasons.${r}`)}
          </span>
        ))}
        {x.why.length ? <div class="qa-muted qa-small">{x.why.join(' · ')}</div> : null}
      </td>
      <td>{x.reviewed ? <span class="qa-tag qa-tag--good">{t('ui.reports.autoqa.reviewed')}</span> : null}</td>
    </tr>
  );
}

function SpotlightList({ spotlight, people }: { spotlight: Spotlight; people: People }) {
  const { t } = useI18n();
  if (spotlight.source === 'none') return <p class="qa-muted">{t('ui.reports.autoqa.nothingSynced')}</p>;
  if (spotlight.tickets.length === 0) return <p class="qa-muted">{t('ui.reports.autoqa.spotlightNone')}</p>;
  return (
    <div class="qa-table-scroll">
      <table class="qa-table" data-table="autoqa-spotlight">
        <caption class="qa-visually-hidden">{t('ui.reports.autoqa.spotlightTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.reports.autoqa.ticket')}</th>
            <th scope="col">{t('ui.reports.autoqa.subject')}</th>
            <th scope="col">{t('ui.reports.dimension.reviewee')}</th>
            <th scope="col">{t('ui.reports.dimension.channel')}</th>
            <th scope="col">{t('ui.reports.autoqa.why')}</th>
            <th scope="col">
              <span class="qa-visually-hidden">{t('ui.reports.autoqa.reviewed')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {spotlight.tickets.map((x) => (
            <SpotlightRow key={x.ticketId} ticket={x} people={people} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Agents get none of it (decision 030: a reviewer's starting point, not a verdict on their work). */
export function AutoQaReport({ filters, people }: { filters: Filters; people: People }) {
  const { role } = useNavBar();
  return isStaff(role) ? <AutoQaPart filters={filters} people={people} /> : null;
}

function AutoQaPart({ filters, people }: { filters: Filters; people: People }) {
  const { t } = useI18n();
  const api = useApi(createAutoQaApi);
  const { role } = useNavBar();
  const lead = isLead(role);
  const [untrusted, setUntrusted] = useState(false);
  const key = JSON.stringify(filters);
  const [summary, reloadSummary] = useAsync(() => api.summary(filters, untrusted), [api, key, untrusted]);
  // the checks' agreement is the leads' (reviewers see the figures and the spotlight)
  const [trust, reloadTrust] = useAsync(lead ? () => api.trust() : null, [api, lead]);
  // what a change of the threshold answered: trust as it is now, without reading it again
  const [changed, setChanged] = useState<AutoQaTrust | null>(null);
  const [spotlight, reloadSpotlight] = useAsync(() => api.spotlight(filters), [api, key]);
  return (
    <div class="qa-autoqa" data-autoqa="" role="region" aria-labelledby="qa-autoqa-part-title">
      <div class="qa-autoqa__banner">
        <h2 id="qa-autoqa-part-title" class="qa-autoqa__part-title">
          {t('ui.reports.autoqa.title')}
        </h2>
        <span class="qa-autoqa__apart">{t('ui.reports.autoqa.apart')}</span>
      </div>
      {filters.scorecardId !== undefined || filters.reviewerId !== undefined ? (
        <p class="qa-muted" data-autoqa-filters="">
          {t('ui.reports.autoqa.filtersApart')}
        </p>
      ) : null}
      <ReportSection
        id="qa-autoqa-figures"
        title={t('ui.reports.autoqa.figuresTitle')}
        hint={t('ui.reports.autoqa.figuresHint')}
        actions={
          <span class="qa-autoqa__toggle qa-no-print">
            <input id="qa-autoqa-untrusted" type="checkbox" checked={untrusted} onChange={(e) => setUntrusted(e.currentTarget.checked)} />{' '}
            <label for="qa-autoqa-untrusted">{t('ui.reports.autoqa.includeUntrusted')}</label>
          </span>
        }
      >
        <AsyncView state={summary} reload={reloadSummary}>
          {(v) => <Figures summary={v} people={people} />}
        </AsyncView>
      </ReportSection>
      {lead ? (
        <ReportSection id="qa-autoqa-trust" title={t('ui.reports.autoqa.trustTitle')} hint={t('ui.reports.autoqa.trustHint')}>
          <AsyncView state={trust} reload={reloadTrust}>
            {(v) => (
              <Trust
                trust={changed ?? v}
                admin={isAdmin(role)}
                onSaved={(next) => {
                  setChanged(next);
                  reloadSummary();
                }}
              />
            )}
          </AsyncView>
        </ReportSection>
      ) : null}
      <ReportSection id="qa-autoqa-spotlight" title={t('ui.reports.autoqa.spotlightTitle')} hint={t('ui.reports.autoqa.spotlightHint')}>
        <AsyncView state={spotlight} reload={reloadSpotlight}>
          {(v) => <SpotlightList spotlight={v} people={people} />}
        </AsyncView>
      </ReportSection>
    </div>
  );
}
