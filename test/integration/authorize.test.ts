import { expect, it } from 'vitest';
import { signUp } from '../../src/services/accounts/index.ts';
import {
  authorize,
  createApiToken,
  ensureBuiltInRoles,
  grantRole,
  OPERATOR,
} from '../../src/services/access/index.ts';
import { makeConference, makeUser, unique } from '../factories/index.ts';
import { describeEachBackend } from '../support/db.ts';

const NOW = new Date('2027-03-01T10:00:00Z');

/** The one access decision, called as the desk or the command line would: no HTTP involved. */
describeEachBackend('D5.5 / D6.2 authorize in the access service', (ctx) => {
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e as { code: string; status: number; details: unknown },
    );
    return error && { code: error.code, status: error.status, details: error.details };
  };

  it('token, person, superuser and nobody: the same answers as the HTTP guard', async () => {
    await ensureBuiltInRoles(ctx.db, NOW);
    const home = await makeConference(ctx.db);
    const other = await makeConference(ctx.db);
    const scanner = await createApiToken(ctx.db, {
      conference: home,
      name: 'door',
      permissions: ['view_checkin'],
      expiresAt: null,
      actor: OPERATOR,
      now: NOW,
    });
    const staff = await makeUser(ctx.db);
    await grantRole(ctx.db, {
      conference: home,
      email: staff.email,
      roleKey: 'checkin-staff',
      actor: OPERATOR,
      now: NOW,
    });
    const root = await signUp(ctx.db, {
      email: `${unique('root')}@example.org`,
      password: 'correct horse battery',
      isStaff: true,
      isSuperuser: true,
    });
    const ask = (
      who: Partial<Parameters<typeof authorize>[1]>,
      conferenceId: string,
      permission = 'view_checkin' as const,
    ) => authorize(ctx.db, { ...who, conferenceId, permission, now: NOW });

    expect(await ask({ token: scanner.token }, home.id)).toEqual({
      kind: 'token',
      tokenId: scanner.row.id,
    });
    // A token acts only in its own conference, and only with its own permissions.
    expect(await refusal(ask({ token: scanner.token }, other.id))).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      details: { permission: 'view_checkin' },
    });
    expect(
      await refusal(
        authorize(ctx.db, {
          token: scanner.token,
          conferenceId: home.id,
          permission: 'change_commerce',
          now: NOW,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    // A person has what the roles they hold in that conference give, nowhere else.
    const person = { user: { id: staff.id, isSuperuser: false } };
    expect(await ask(person, home.id)).toEqual({ kind: 'user', userId: staff.id });
    expect(await refusal(ask(person, other.id))).toMatchObject({ code: 'FORBIDDEN' });
    // A superuser everywhere.
    expect(await ask({ user: { id: root.id, isSuperuser: true } }, other.id)).toEqual({
      kind: 'user',
      userId: root.id,
    });
    // Nobody, or a token that is not one: 401 before the conference is even looked up.
    let looked = false;
    const lookup = () => {
      looked = true;
      return Promise.resolve(home.id);
    };
    for (const who of [{}, { token: 'lyt_not-a-real-token' }, { token: 'Basic abc' }]) {
      expect(
        await refusal(
          authorize(ctx.db, {
            ...who,
            conferenceId: lookup,
            permission: 'view_registration',
            now: NOW,
          }),
        ),
      ).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
    expect(looked).toBe(false);
  });
});
