import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users, type User } from '../../db/schema/index.ts';
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
  const passwordHash = await hashPassword(input.password);
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

/** Creates or promotes a superuser (CLI `create-admin`); an existing account gets the new password. */
export async function upsertAdmin(
  db: Database,
  email: string,
  password: string,
): Promise<PublicUser> {
  const existing = await findUserByEmail(db, email);
  if (!existing) return signUp(db, { email, password, isStaff: true, isSuperuser: true });
  assertPasswordStrong(password, [existing.email, existing.firstName, existing.lastName]);
  const [updated] = await db
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      isStaff: true,
      isSuperuser: true,
      updatedAt: new Date(),
    })
    .where(eq(users.id, existing.id))
    .returning();
  return toPublicUser(updated ?? existing);
}
