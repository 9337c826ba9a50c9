import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users, type User } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { recordAudit, type Actor } from '../access/index.ts';
import { accountErrors } from './errors.ts';
import { assertPasswordStrong } from './password-strength.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface PublicUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isStaff: boolean;
  isSuperuser: boolean;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    isStaff: user.isStaff,
    isSuperuser: user.isSuperuser,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignUpInput {
  email: string;
  password: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  isStaff?: boolean;
  isSuperuser?: boolean;
}

export async function signUp(db: Database, input: SignUpInput): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  assertPasswordStrong(input.password, [email, input.firstName ?? '', input.lastName ?? '']);
  return insertUser(db, { ...input, email }, await hashPassword(input.password));
}

/** `input.email` already normalised, the password already checked and hashed. */
async function insertUser(
  db: Database,
  input: Omit<SignUpInput, 'password'>,
  passwordHash: string,
): Promise<PublicUser> {
  const email = input.email;
  // The unique index on lower(email) decides races; ON CONFLICT keeps the transaction usable.
  const [created] = await db
    .insert(users)
    .values({
      email,
      passwordHash,
      firstName: input.firstName?.trim() ?? '',
      lastName: input.lastName?.trim() ?? '',
      isStaff: input.isStaff ?? false,
      isSuperuser: input.isSuperuser ?? false,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) throw accountErrors('EMAIL_TAKEN', { field: 'email' });
  return toPublicUser(created);
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1);
  return user;
}

export async function verifyCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<PublicUser> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) throw accountErrors('INVALID_CREDENTIALS');
  return toPublicUser(user);
}

/** CLI `create-admin`: who gets superuser rights, and who gives them (the operator). */
export interface AdminChange {
  email: string;
  password: string;
  actor: Actor;
  now: Date;
}

/**
 * Creates or promotes a superuser; an existing account gets the new password. Audited in the same
 * transaction (D6.4): a superuser can do everything everywhere, so the log has no conference.
 */
export async function upsertAdmin(db: Database, change: AdminChange): Promise<PublicUser> {
  const { password, now } = change;
  const email = normaliseEmail(change.email);
  const existing = await findUserByEmail(db, email);
  assertPasswordStrong(
    password,
    existing ? [existing.email, existing.firstName, existing.lastName] : [email],
  );
  // Hashing is slow on purpose: done before the transaction, so no lock waits on it.
  const passwordHash = await hashPassword(password);
  return withTx(db, async (tx) => {
    const admin = existing
      ? await promoteToAdmin(tx, existing, passwordHash, now)
      : await insertUser(tx, { email, isStaff: true, isSuperuser: true }, passwordHash);
    await recordAudit(tx, {
      conferenceId: null,
      actor: change.actor,
      action: existing ? 'superuser.promote' : 'superuser.create',
      entityType: 'user',
      entityId: admin.id,
      details: { email: admin.email },
      now,
    });
    return admin;
  });
}

async function promoteToAdmin(
  db: Database,
  existing: User,
  passwordHash: string,
  now: Date,
): Promise<PublicUser> {
  const [updated] = await db
    .update(users)
    .set({ passwordHash, isStaff: true, isSuperuser: true, updatedAt: now })
    .where(eq(users.id, existing.id))
    .returning();
  return toPublicUser(updated ?? existing);
}
