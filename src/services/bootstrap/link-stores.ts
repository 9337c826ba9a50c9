import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  addonRequiredTicketTypes,
  discountConditionAddons,
  discountConditionEnablingTicketTypes,
  discountConditionGroups,
  discountConditionTicketTypes,
  voucherAddons,
  voucherTicketTypes,
} from '../../db/schema/index.ts';
import type { LinkName } from './types.ts';

export interface LinkRow {
  readonly ownerId: string;
  readonly targetId: string;
}

/** One join table seen as (owner → targets) sets; a set given in the file replaces the old one. */
export interface LinkStore {
  load(db: Database, conferenceId: string): Promise<LinkRow[]>;
  replace(
    db: Database,
    conferenceId: string,
    ownerId: string,
    targetIds: readonly string[],
  ): Promise<void>;
}

export const linkStores: Record<LinkName, LinkStore> = {
  addonRequires: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: addonRequiredTicketTypes.addonId,
          targetId: addonRequiredTicketTypes.ticketTypeId,
        })
        .from(addonRequiredTicketTypes)
        .where(eq(addonRequiredTicketTypes.conferenceId, conferenceId)),
    replace: async (db, conferenceId, addonId, ids) => {
      await db
        .delete(addonRequiredTicketTypes)
        .where(eq(addonRequiredTicketTypes.addonId, addonId));
      if (ids.length > 0)
        await db
          .insert(addonRequiredTicketTypes)
          .values(ids.map((ticketTypeId) => ({ addonId, ticketTypeId, conferenceId })));
    },
  },
  voucherTickets: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: voucherTicketTypes.voucherId,
          targetId: voucherTicketTypes.ticketTypeId,
        })
        .from(voucherTicketTypes)
        .where(eq(voucherTicketTypes.conferenceId, conferenceId)),
    replace: async (db, conferenceId, voucherId, ids) => {
      await db.delete(voucherTicketTypes).where(eq(voucherTicketTypes.voucherId, voucherId));
      if (ids.length > 0)
        await db
          .insert(voucherTicketTypes)
          .values(ids.map((ticketTypeId) => ({ voucherId, ticketTypeId, conferenceId })));
    },
  },
  voucherAddons: {
    load: (db, conferenceId) =>
      db
        .select({ ownerId: voucherAddons.voucherId, targetId: voucherAddons.addonId })
        .from(voucherAddons)
        .where(eq(voucherAddons.conferenceId, conferenceId)),
    replace: async (db, conferenceId, voucherId, ids) => {
      await db.delete(voucherAddons).where(eq(voucherAddons.voucherId, voucherId));
      if (ids.length > 0)
        await db
          .insert(voucherAddons)
          .values(ids.map((addonId) => ({ voucherId, addonId, conferenceId })));
    },
  },
  discountTickets: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: discountConditionTicketTypes.conditionId,
          targetId: discountConditionTicketTypes.ticketTypeId,
        })
        .from(discountConditionTicketTypes)
        .where(eq(discountConditionTicketTypes.conferenceId, conferenceId)),
    replace: async (db, conferenceId, conditionId, ids) => {
      await db
        .delete(discountConditionTicketTypes)
        .where(eq(discountConditionTicketTypes.conditionId, conditionId));
      if (ids.length > 0)
        await db
          .insert(discountConditionTicketTypes)
          .values(ids.map((ticketTypeId) => ({ conditionId, ticketTypeId, conferenceId })));
    },
  },
  discountAddons: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: discountConditionAddons.conditionId,
          targetId: discountConditionAddons.addonId,
        })
        .from(discountConditionAddons)
        .where(eq(discountConditionAddons.conferenceId, conferenceId)),
    replace: async (db, conferenceId, conditionId, ids) => {
      await db
        .delete(discountConditionAddons)
        .where(eq(discountConditionAddons.conditionId, conditionId));
      if (ids.length > 0)
        await db
          .insert(discountConditionAddons)
          .values(ids.map((addonId) => ({ conditionId, addonId, conferenceId })));
    },
  },
  discountGroups: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: discountConditionGroups.conditionId,
          targetId: discountConditionGroups.groupId,
        })
        .from(discountConditionGroups)
        .where(eq(discountConditionGroups.conferenceId, conferenceId)),
    replace: async (db, conferenceId, conditionId, ids) => {
      await db
        .delete(discountConditionGroups)
        .where(eq(discountConditionGroups.conditionId, conditionId));
      if (ids.length > 0)
        await db
          .insert(discountConditionGroups)
          .values(ids.map((groupId) => ({ conditionId, groupId, conferenceId })));
    },
  },
  discountEnablingTickets: {
    load: (db, conferenceId) =>
      db
        .select({
          ownerId: discountConditionEnablingTicketTypes.conditionId,
          targetId: discountConditionEnablingTicketTypes.ticketTypeId,
        })
        .from(discountConditionEnablingTicketTypes)
        .where(eq(discountConditionEnablingTicketTypes.conferenceId, conferenceId)),
    replace: async (db, conferenceId, conditionId, ids) => {
      await db
        .delete(discountConditionEnablingTicketTypes)
        .where(eq(discountConditionEnablingTicketTypes.conditionId, conditionId));
      if (ids.length > 0)
        await db
          .insert(discountConditionEnablingTicketTypes)
          .values(ids.map((ticketTypeId) => ({ conditionId, ticketTypeId, conferenceId })));
    },
  },
};
