export {
  createApiToken,
  findApiToken,
  listApiTokens,
  looksLikeApiToken,
  revokeApiToken,
  type ApiToken,
  type ApiTokenRequest,
  type ApiTokenRevocation,
  type TokenPrincipal,
} from './api-tokens.ts';
export {
  listAuditLog,
  OPERATOR,
  recordAudit,
  type Actor,
  type AuditFilters,
  type AuditRecord,
  type AuditView,
} from './audit.ts';
export { authorize, type AuthorizeRequest } from './authorize.ts';
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
  type GroupMembership,
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
