/**
 * The reference's conference permissions (PERM-1), granted per conference through roles (D5.5),
 * plus two of ours: `manage_access` (roles, API tokens) and `view_audit_log` (D6.4).
 */
export const PERMISSIONS = [
  // What each guards: src/http/route-permissions.ts (routed ones) and AWAITING_ROUTES there.
  'view_dashboard',
  'manage_conference_settings', // Stripe account and other conference settings
  'view_program',
  'change_program',
  'view_registration', // orders, attendees, visa letters: lists and details
  'change_registration', // order and attendee edits, visa-letter review (not money)
  'view_commerce', // ticket types, add-ons, vouchers, discounts, discount groups
  'change_commerce',
  'view_badges',
  'change_badges',
  'view_sponsors',
  'change_sponsors',
  'view_bulk_purchases',
  'change_bulk_purchases',
  'view_finance', // financial dashboard, purchase orders
  'change_finance', // money: manual payments, refunds, store credit; purchase orders
  'view_reports',
  'export_reports', // every CSV export
  'view_checkin', // check-in, scanner, door checks
  'use_terminal', // card-terminal sales at the desk
  'view_overrides',
  'change_overrides',
  'manage_access', // roles and API tokens, within what the actor holds (D6.5)
  'view_audit_log',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Holding `change_x` lets you see what you change (D5.5: no page you may act on is hidden). */
export function withImplied(granted: Iterable<string>): Set<Permission> {
  const result = new Set<Permission>();
  for (const name of granted) {
    if (!isPermission(name)) continue;
    result.add(name);
    const view = name.replace(/^change_/, 'view_');
    if (view !== name && isPermission(view)) result.add(view);
  }
  return result;
}

export interface BuiltInRole {
  key: string;
  name: string;
  permissions: readonly Permission[];
}

const ALL_VIEW = PERMISSIONS.filter(
  (p) => p.startsWith('view_') && p !== 'view_checkin' && p !== 'view_audit_log',
);

/**
 * PERM-8's default groups as built-in roles, with the reference's gaps fixed: the read-only role
 * can open every registration page it can list, report viewers may export (D5.5), and money moves
 * through `change_finance`, which the finance team holds and the registration desk does not.
 * test/integration/role-routes.test.ts pins which routes each role reaches (D6.5).
 */
export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { key: 'organizer', name: 'Conference Organizer', permissions: PERMISSIONS },
  {
    key: 'program-committee',
    name: 'Program Committee',
    permissions: [
      'view_dashboard',
      'view_program',
      'change_program',
      'view_overrides',
      'change_overrides',
    ],
  },
  {
    key: 'registration-manager',
    name: 'Registration Manager',
    permissions: [
      'view_dashboard',
      'view_registration',
      'change_registration',
      'view_commerce',
      'change_commerce',
      'view_badges',
      'change_badges',
      'view_checkin',
      'use_terminal',
      'view_bulk_purchases',
      'change_bulk_purchases',
    ],
  },
  {
    key: 'finance',
    name: 'Finance Team',
    permissions: [
      'view_dashboard',
      'view_finance',
      'change_finance',
      'view_reports',
      'export_reports',
      'view_registration',
      'view_commerce',
      'view_audit_log',
    ],
  },
  {
    key: 'sponsor-manager',
    name: 'Sponsor Manager',
    permissions: [
      'view_dashboard',
      'view_sponsors',
      'change_sponsors',
      'view_bulk_purchases',
      'change_bulk_purchases',
    ],
  },
  // A door volunteer needs the scanner and the attendee lookup, which come with check-in (D5.1,
  // D5.2) under `view_checkin`; until then this role reaches no route, on purpose: no other
  // organiser page is a desk volunteer's business.
  { key: 'checkin-staff', name: 'Check-in Staff', permissions: ['view_dashboard', 'view_checkin'] },
  {
    key: 'reports-viewer',
    name: 'Reports Viewer',
    permissions: ['view_dashboard', 'view_reports', 'export_reports'],
  },
  { key: 'read-only', name: 'Read-Only Staff', permissions: [...ALL_VIEW, 'export_reports'] },
];
