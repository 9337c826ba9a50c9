import type { Permission } from '../domain/permissions.ts';

/**
 * D5.5 / PERM-4: the one table of what every organiser (`/manage`) and desk (`/desk`) endpoint
 * requires. The access plugin refuses to start if such a route is missing here, and the
 * permission test suite is generated from this table, so nothing can ship unguarded.
 * Reads need the area's `view_*`, changes its `change_*`, CSV exports `export_reports`; money
 * (manual payments, refunds, store credit) `change_finance`. Which built-in role may call which
 * route is pinned by test/integration/role-routes.test.ts (D6.5).
 */
const M = '/api/v1/conferences/:slug/manage';

export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  // Catalog (CAT, VOU, COND)
  [`GET ${M}/ticket-types`]: 'view_commerce',
  [`POST ${M}/ticket-types`]: 'change_commerce',
  [`GET ${M}/ticket-types/:id`]: 'view_commerce',
  [`PATCH ${M}/ticket-types/:id`]: 'change_commerce',
  [`DELETE ${M}/ticket-types/:id`]: 'change_commerce',
  [`GET ${M}/addons`]: 'view_commerce',
  [`POST ${M}/addons`]: 'change_commerce',
  [`GET ${M}/addons/:id`]: 'view_commerce',
  [`PATCH ${M}/addons/:id`]: 'change_commerce',
  [`DELETE ${M}/addons/:id`]: 'change_commerce',
  [`GET ${M}/vouchers`]: 'view_commerce',
  [`POST ${M}/vouchers`]: 'change_commerce',
  [`GET ${M}/vouchers/:id`]: 'view_commerce',
  [`PATCH ${M}/vouchers/:id`]: 'change_commerce',
  [`DELETE ${M}/vouchers/:id`]: 'change_commerce',
  [`POST ${M}/vouchers/bulk`]: 'change_commerce',
  [`GET ${M}/vouchers/export.csv`]: 'export_reports',
  [`GET ${M}/discounts`]: 'view_commerce',
  [`POST ${M}/discounts`]: 'change_commerce',
  [`GET ${M}/discounts/:id`]: 'view_commerce',
  [`PATCH ${M}/discounts/:id`]: 'change_commerce',
  [`DELETE ${M}/discounts/:id`]: 'change_commerce',
  // Groups for the group-member discount (COND-6)
  [`GET ${M}/groups`]: 'view_commerce',
  [`POST ${M}/groups`]: 'change_commerce',
  [`GET ${M}/groups/:id`]: 'view_commerce',
  [`PATCH ${M}/groups/:id`]: 'change_commerce',
  [`DELETE ${M}/groups/:id`]: 'change_commerce',
  [`POST ${M}/groups/:id/members`]: 'change_commerce',
  [`DELETE ${M}/groups/:id/members/:userId`]: 'change_commerce',
  // Money (PAY, REF, CRD): moving money is the finance team's job, not the registration desk's.
  [`POST ${M}/orders/:reference/payments`]: 'change_finance',
  [`POST ${M}/orders/:reference/refunds`]: 'change_finance',
  [`POST ${M}/credits`]: 'change_finance',
  [`PUT ${M}/stripe`]: 'manage_conference_settings',
  // Access (D5.5, D6.4)
  [`GET ${M}/roles`]: 'manage_access',
  [`GET ${M}/role-assignments`]: 'manage_access',
  [`POST ${M}/role-assignments`]: 'manage_access',
  [`DELETE ${M}/role-assignments`]: 'manage_access',
  [`GET ${M}/api-tokens`]: 'manage_access',
  [`POST ${M}/api-tokens`]: 'manage_access',
  [`DELETE ${M}/api-tokens/:id`]: 'manage_access',
  [`GET ${M}/audit-log`]: 'view_audit_log',
};

/**
 * Permissions that no route requires yet, and what will: declared now so the built-in roles
 * already carry them when those routes land. A test keeps this list and the table above in step:
 * the route that first uses one of these must take it off this list.
 */
export const AWAITING_ROUTES: Readonly<Partial<Record<Permission, string>>> = {
  view_dashboard: 'the conference dashboard (MGT-8)',
  view_program: 'talks, rooms and schedule',
  change_program: 'editing talks, rooms and schedule',
  view_registration: 'order and attendee lists and details, the visa-letter list (MGT-20..24)',
  change_registration: 'order and attendee edits; visa-letter review, generation, sending (LTR)',
  view_badges: 'badges and badge templates',
  change_badges: 'badge templates and (bulk) badge generation',
  view_sponsors: 'sponsors',
  change_sponsors: 'editing sponsors',
  view_bulk_purchases: 'bulk purchase deals (BULK)',
  change_bulk_purchases: 'creating, approving and fulfilling bulk purchase deals (BULK)',
  view_finance: 'the financial dashboard; purchase-order list and detail (PO)',
  view_reports: 'report pages and analytics (RPT)',
  view_checkin: 'check-in dashboard, scanner and door checks (CIN, D5.1, D5.2)',
  use_terminal: 'card-terminal sales at the desk',
  view_overrides: 'program-data overrides',
  change_overrides: 'editing program-data overrides',
};

/** Routes that must declare a permission: organiser and desk endpoints. */
export function isGuardedRoute(url: string): boolean {
  return /^\/api\/v1\/conferences\/:slug\/(manage|desk)(\/|$)/.test(url);
}

export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}
