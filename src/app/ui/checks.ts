/**
 * The automatic checks (decision 029) as the app names them: each check's name, what it decides in one line, and
 * for number checks the unit of its value, in the user's language (`ui.autoqa.checks.*`). Types only from core, so
 * the sidebar's lazily fetched part stays free of zod.
 */
import type { CheckId } from '../../core/autoqa.ts';
import type { Translate } from '../i18n/translate.ts';

/** The checks that answer a number (core's CHECK_KINDS), for the unit of their value. */
export const NUMBER_CHECKS = ['spelling', 'readability', 'sentiment-start', 'sentiment-end', 'reply-time', 'resolution-time'] as const;
export type NumberCheck = (typeof NUMBER_CHECKS)[number];

export const isNumberCheck = (id: CheckId): id is NumberCheck => (NUMBER_CHECKS as readonly string[]).includes(id);

export const checkName = (t: Translate, id: CheckId): string => t(`ui.autoqa.checks.${id}.name`);
export const checkDescription = (t: Translate, id: CheckId): string => t(`ui.autoqa.checks.${id}.description`);
/** The unit a number check's value is in ("misspelled words", "minutes"); empty for a yes/no check. */
export const checkUnit = (t: Translate, id: CheckId): string => (isNumberCheck(id) ? t(`ui.autoqa.checks.${id}.unit`) : '');
