import { ApiError, apiRequest } from './client.ts';
import type { Me } from './types.ts';

export interface SignUpInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** The signed-in buyer, or null when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await apiRequest<Me>('GET', '/api/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function signIn(email: string, password: string): Promise<Me> {
  return apiRequest<Me>('POST', '/api/v1/auth/sign-in', { body: { email, password } });
}

export function signUp(input: SignUpInput): Promise<Me> {
  return apiRequest<Me>('POST', '/api/v1/auth/sign-up', { body: input });
}

export async function signOut(): Promise<void> {
  await apiRequest<null>('POST', '/api/v1/auth/sign-out');
}
