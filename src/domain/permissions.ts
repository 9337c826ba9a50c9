/**
 * The reference's conference permissions (PERM-1), granted per conference through roles (D5.5),
 * plus two of ours: `manage_access` (roles, API tokens) and `view_audit_log` (D6.4).
 */
export const PERMISSIONS = [
  'view_dashboard',
  'manage_conference_settings',
  'view_program',
  'change_program',
  'view_registration',
  'change_registration',
  'view_commerce',
  'change_commerce',
  'view_badges',
  'change_badges',
  'view_sponsors',
  'change_sponsors',
  'view_bulk_purchases',
  'change_bulk_purchases',
  'view_finance',
  'change_finance',
  'view_reports',
  'export_reports',
  'view_checkin',
  'use_terminal',
  'view_overrides',
  'change_overrides',
  'manage_access',
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
 * can open every registration page it can list, and report viewers may export (D5.5).
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
  { key: 'checkin-staff', name: 'Check-in Staff', permissions: ['view_dashboard', 'view_checkin'] },
  {
    key: 'reports-viewer',
    name: 'Reports Viewer',
    permissions: ['view_dashboard', 'view_reports', 'export_reports'],
  },
  { key: 'read-only', name: 'Read-Only Staff', permissions: [...ALL_VIEW, 'export_reports'] },
];
