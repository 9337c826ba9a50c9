export type { AddonInput, AddonPatch } from './addon-fields.ts';
export { createAddon } from './create-addon.ts';
export { createTicketType } from './create-ticket-type.ts';
export { deleteAddon } from './delete-addon.ts';
export { deleteTicketType } from './delete-ticket-type.ts';
export { getManagedAddon, listManagedAddons, type ManagedAddon } from './list-addons.ts';
export {
  getManagedTicketType,
  listManagedTicketTypes,
  type ManagedTicketType,
} from './list-ticket-types.ts';
export type { TicketTypeInput, TicketTypePatch } from './ticket-type-fields.ts';
export { updateAddon } from './update-addon.ts';
export { updateTicketType } from './update-ticket-type.ts';
