/**
 * Moved: the paged reads are in store/reports/pages.ts, the batch sizing in limits/batches.ts. Kept for the routers
 * that still import them from here; remove once none does.
 */
export * from '../store/reports/pages.ts';
export * from '../limits/batches.ts';
