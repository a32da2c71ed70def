/** Moved to store/reports/sql.ts. Kept for the routers that still import it from here; remove once none does. */
export * from '../store/reports/sql.ts';
