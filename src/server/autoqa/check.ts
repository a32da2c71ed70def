/**
 * The port every automatic check implements (issue 16): a check reads one ticket's conversation and answers a value
 * with the evidence that decided it, or "not applicable" with its reason. The rule-based checks of this folder answer
 * at once; a model-based check can implement the same port later and answer a promise (the runner awaits either).
 */
import type { Conversation } from './conversation.ts';

export type Language = 'en' | 'de';

/** What a number means: its unit, its range where it has one, and which way is better. */
export interface Scale {
  unit: string;
  min?: number;
  max?: number;
  better: 'higher' | 'lower' | 'none';
}

export type CheckValue = { type: 'boolean'; value: boolean } | { type: 'number'; value: number; scale: Scale };

/** A span of one comment's body that decided the result: [start, end) in UTF-16 code units of the stored body. */
export interface Evidence {
  commentId: number;
  start: number;
  end: number;
  text: string;
  note?: string;
}

export type NotApplicableReason = 'too-short' | 'language-not-supported' | 'no-agent-reply' | 'no-customer-message' | 'no-metric';

interface ResultBase {
  checkId: string;
  version: number;
  evidence: Evidence[];
}

export interface ApplicableResult extends ResultBase {
  applicable: true;
  value: CheckValue;
  language?: Language;
  /** further figures behind the value (e.g. the second readability formula), for the evidence panel */
  details?: Record<string, number>;
}

export interface NotApplicableResult extends ResultBase {
  applicable: false;
  reason: NotApplicableReason;
  detail: string;
}

export type CheckResult = ApplicableResult | NotApplicableResult;

export interface Check {
  readonly id: string;
  /** bumped whenever the check decides differently, so stored results can be recomputed */
  readonly version: number;
  run(conversation: Conversation): CheckResult | Promise<CheckResult>;
}

export function notApplicable(check: Pick<Check, 'id' | 'version'>, reason: NotApplicableReason, detail: string): NotApplicableResult {
  return { checkId: check.id, version: check.version, applicable: false, reason, detail, evidence: [] };
}

export function applicable(
  check: Pick<Check, 'id' | 'version'>,
  value: CheckValue,
  evidence: Evidence[],
  extra: { language?: Language; details?: Record<string, number> } = {},
): ApplicableResult {
  return { checkId: check.id, version: check.version, applicable: true, value, evidence, ...extra };
}

export function evidenceOf(commentId: number, body: string, start: number, end: number, note?: string): Evidence {
  return note === undefined
    ? { commentId, start, end, text: body.slice(start, end) }
    : { commentId, start, end, text: body.slice(start, end), note };
}
