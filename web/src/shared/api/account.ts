import { api, ApiError, unwrap } from './client.ts';
import type { Me, SignUpInput } from './schema.ts';

/** The signed-in buyer, or null when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/v1/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function signIn(email: string, password: string): Promise<Me> {
  return unwrap(api.POST('/api/v1/auth/sign-in', { body: { email, password } }));
}

export function signUp(input: SignUpInput): Promise<Me> {
  return unwrap(api.POST('/api/v1/auth/sign-up', { body: input }));
}

export async function signOut(): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/sign-out'));
}
