import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, PERMISSIONS, type Permission } from '../../src/domain/permissions.ts';
import { AWAITING_ROUTES, ROUTE_PERMISSIONS } from '../../src/http/route-permissions.ts';

const routed = new Set(Object.values(ROUTE_PERMISSIONS));
const awaiting = new Set(Object.keys(AWAITING_ROUTES));
const holders = (permission: Permission) =>
  BUILT_IN_ROLES.filter((role) => role.permissions.includes(permission)).map((role) => role.key);

describe('D5.5 the permission list, the route table and the roles agree', () => {
  it('D5.5 every permission guards a route today or names the routes that will need it, not both', () => {
    for (const permission of PERMISSIONS) {
      expect(
        routed.has(permission) !== awaiting.has(permission),
        `${permission}: routed ${routed.has(permission)}, awaiting ${awaiting.has(permission)}`,
      ).toBe(true);
    }
    expect([...routed].sort()).toEqual([
      'change_commerce',
      'change_finance',
      'export_reports',
      'manage_access',
      'manage_conference_settings',
      'view_audit_log',
      'view_commerce',
    ]);
  });

  it('D6.5 the organiser holds everything; each permission a later route needs has a job-holder besides', () => {
    expect(holders('manage_access')).toEqual(['organizer']);
    expect(holders('manage_conference_settings')).toEqual(['organizer']);
    for (const permission of PERMISSIONS) expect(holders(permission)).toContain('organizer');
    for (const permission of awaiting as Set<Permission>)
      expect(holders(permission).length, permission).toBeGreaterThan(1);
  });

  it('D5.5 the jobs behind the roles: money with finance, doors with check-in, lists with read-only', () => {
    expect(holders('change_finance')).toEqual(['organizer', 'finance']);
    expect(holders('change_registration')).toEqual(['organizer', 'registration-manager']);
    expect(holders('view_checkin')).toEqual(['organizer', 'registration-manager', 'checkin-staff']);
    const readOnly = BUILT_IN_ROLES.find((role) => role.key === 'read-only')?.permissions ?? [];
    expect(readOnly.every((p) => p.startsWith('view_') || p === 'export_reports')).toBe(true);
    // PERM-8: every view_ but the door (view_checkin) and the audit trail (view_audit_log).
    expect(PERMISSIONS.filter((p) => p.startsWith('view_') && !readOnly.includes(p))).toEqual([
      'view_checkin',
      'view_audit_log',
    ]);
  });
});
