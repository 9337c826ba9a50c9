export {
  createApiToken,
  findApiToken,
  listApiTokens,
  looksLikeApiToken,
  revokeApiToken,
  type ApiTokenRequest,
  type TokenPrincipal,
} from './api-tokens.ts';
export {
  listAuditLog,
  recordAudit,
  type Actor,
  type AuditFilters,
  type AuditRecord,
  type AuditView,
} from './audit.ts';
export { accessErrors } from './errors.ts';
export {
  addGroupMembers,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  removeGroupMember,
  updateGroup,
  type GroupInput,
  type GroupView,
} from './groups.ts';
export {
  ensureBuiltInRoles,
  grantRole,
  listRoleAssignments,
  listRoles,
  loadConferencePermissions,
  revokeRole,
  type RoleAssignmentView,
  type RoleGrant,
} from './roles.ts';
