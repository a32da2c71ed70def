// The audit writer lives with the history writer in store/journal.ts; this re-export goes once no router imports it here.
export { audit } from './store/journal.ts';
