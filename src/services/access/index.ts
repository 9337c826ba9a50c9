export {
  createApiToken,
  findApiToken,
  listApiTokens,
  looksLikeApiToken,
  revokeApiToken,
  type ApiTokenRequest,
  type ApiTokenRevocation,
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
  actorPermissions,
  assertMayConfer,
  loadConferencePermissions,
} from './actor-permissions.ts';
export {
  ensureBuiltInRoles,
  grantRole,
  listRoleAssignments,
  listRoles,
  revokeRole,
  type RoleAssignmentView,
  type RoleChange,
} from './roles.ts';
