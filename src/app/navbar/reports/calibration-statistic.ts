/**
 * The statistic that answers a calibration session's question, as a line of text: Cohen's kappa between two
 * reviewers, Fleiss' kappa among more (Krippendorff's alpha when some left a criterion N/A, as Fleiss' needs complete
 * ratings), and each reviewer's kappa against the baseline. With its 95% interval and n; "not enough data" and the
 * reason where the statistic is undefined, never a number.
 */
import type { CalibrationReport, LeveledAlpha, WeightedKappa } from '../../../core/calibration.ts';
import type { Kappa, KappaUndefined } from '../../../core/kappa.ts';
import type { AlphaUndefined } from '../../../core/stats.ts';
import type { Translate } from '../../i18n/translate.ts';

const REASONS: Record<KappaUndefined | AlphaUndefined, string> = {
  'too-few-items': 'ui.reports.calibration.statistic.reason.tooFewItems',
  'too-few-raters': 'ui.reports.calibration.statistic.reason.tooFewRaters',
  'unequal-raters': 'ui.reports.calibration.statistic.reason.unequalRaters',
  'no-variation': 'ui.reports.calibration.statistic.reason.noVariation',
  'too-few-units': 'ui.reports.calibration.statistic.reason.tooFewUnits',
};

const WEIGHTS: Record<WeightedKappa['weights'], string> = {
  unweighted: 'ui.reports.calibration.statistic.weights.unweighted',
  linear: 'ui.reports.calibration.statistic.weights.linear',
  quadratic: 'ui.reports.calibration.statistic.weights.quadratic',
};

const LEVELS: Record<LeveledAlpha['level'], string> = {
  nominal: 'ui.reports.calibration.statistic.level.nominal',
  ordinal: 'ui.reports.calibration.statistic.level.ordinal',
  interval: 'ui.reports.calibration.statistic.level.interval',
  ratio: 'ui.reports.calibration.statistic.level.ratio',
};

/** A figure as the report's statistics share it: value, interval, n and why it is missing. */
interface Figure {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  reason: KappaUndefined | AlphaUndefined | undefined;
}

const ofKappa = (k: Kappa): Figure => ({ value: k.kappa, low: k.low, high: k.high, n: k.n, reason: k.reason });
const ofAlpha = (a: LeveledAlpha): Figure => ({ value: a.alpha, low: a.low, high: a.high, n: a.units, reason: a.undefinedBecause });

const fixed = (x: number) => x.toFixed(3);

/** "0.412 (95% interval 0.102 to 0.722), n = 12", or "not enough data: <reason>". */
export function figureText(f: Figure, t: Translate): string {
  if (f.value === null) {
    const reason = f.reason ? t(REASONS[f.reason]) : t('ui.reports.calibration.statistic.reason.tooFewItems');
    return t('ui.reports.calibration.statistic.notEnough', { reason });
  }
  if (f.low === null || f.high === null) return t('ui.reports.calibration.statistic.valueNoInterval', { value: fixed(f.value), n: f.n });
  return t('ui.reports.calibration.statistic.value', { value: fixed(f.value), low: fixed(f.low), high: fixed(f.high), n: f.n });
}

/** The session's statistic: its name and the figure's text; null when fewer than two reviewers submitted. */
export function sessionStatistic(report: CalibrationReport, t: Translate): { name: string; text: string } | null {
  if (report.cohen) {
    return {
      name: t('ui.reports.calibration.statistic.cohen', { weights: t(WEIGHTS[report.cohen.weights]) }),
      text: figureText(ofKappa(report.cohen), t),
    };
  }
  if (report.fleiss && report.fleiss.reason !== 'unequal-raters') {
    // its interval is a bootstrap over the criteria (kappa.ts), said so since Fleiss' kappa has no standard one
    const bootstrap = report.fleiss.low !== null && report.fleiss.high !== null;
    return {
      name: t(bootstrap ? 'ui.reports.calibration.statistic.fleissBootstrap' : 'ui.reports.calibration.statistic.fleiss'),
      text: figureText(ofKappa(report.fleiss), t),
    };
  }
  if (report.fleiss && report.agreement) {
    return {
      name: t('ui.reports.calibration.statistic.alpha', { level: t(LEVELS[report.agreement.level]) }),
      text: figureText(ofAlpha(report.agreement), t),
    };
  }
  return null;
}

/** A reviewer's kappa against the baseline, or a dash for the baseline and where none was computed. */
export function baselineKappaText(kappa: WeightedKappa | undefined, t: Translate): string {
  return kappa ? figureText(ofKappa(kappa), t) : '–';
}
