import type { Permission } from '../domain/permissions.ts';

/**
 * D5.5 / PERM-4: the one table of what every organiser (`/manage`) and desk (`/desk`) endpoint
 * requires. The access plugin refuses to start if such a route is missing here, and the
 * permission test suite is generated from this table, so nothing can ship unguarded.
 * Reads need the area's `view_*`, changes its `change_*`, CSV exports `export_reports`.
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
  // Money (PAY, REF, CRD)
  [`POST ${M}/orders/:reference/payments`]: 'change_registration',
  [`POST ${M}/orders/:reference/refunds`]: 'change_registration',
  [`POST ${M}/credits`]: 'change_registration',
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

/** Routes that must declare a permission: organiser and desk endpoints. */
export function isGuardedRoute(url: string): boolean {
  return /^\/api\/v1\/conferences\/:slug\/(manage|desk)(\/|$)/.test(url);
}

export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}
